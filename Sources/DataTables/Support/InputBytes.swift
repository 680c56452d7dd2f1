import Foundation

/// The bytes of one whole input, followed by zero padding.
///
/// The padding lets the scanners look one byte past a field (for `\r\n`, `""` and the end of
/// the data) without a bounds check in their inner loops: a zero byte at `count` marks the end.
/// A regular file is mapped into memory rather than copied, as `fread` does: the copy and the
/// zeroing of fresh pages for it would cost more than parsing the numbers in it.
final class InputBytes: @unchecked Sendable {
    /// Zero bytes guaranteed after the data.
    static let padding = 64

    /// The first byte. Immutable after loading; shared read-only between threads.
    let base: UnsafePointer<UInt8>

    /// The number of data bytes (not counting the padding).
    let count: Int

    private let release: () -> Void

    private init(base: UnsafePointer<UInt8>, count: Int, release: @escaping () -> Void) {
        self.base = base
        self.count = count
        self.release = release
    }

    deinit {
        release()
    }

    /// Copies `bytes` into a new padded buffer.
    ///
    /// - Complexity: O(*n*).
    convenience init(copying bytes: UnsafeRawBufferPointer) {
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + Self.padding)
        if let source = bytes.baseAddress {
            memory.initialize(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        (memory + bytes.count).initialize(repeating: 0, count: Self.padding)
        self.init(base: memory, count: bytes.count) { memory.deallocate() }
    }

    /// Reads the whole file at `path` into memory in one go.
    ///
    /// A regular file is mapped read-only; the reader must not be handed a file that another
    /// process truncates while it is being read. Pipes and other streams are read to their end.
    ///
    /// - Throws: `CSVError.Reason.cannotRead` with the system's message.
    /// - Complexity: O(*n*) in the file size.
    static func load(path: String) throws -> InputBytes {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CSVError(file: path, reason: .cannotRead(Memory.errnoMessage())) }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CSVError(file: path, reason: .cannotRead(Memory.errnoMessage()))
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw CSVError(file: path, reason: .cannotRead("it is a folder"))
        }
        guard status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else {
            return try loadStream(descriptor, path: path)
        }
        let size = Int(status.st_size)
        guard let mapped = Memory.mapFile(descriptor, size: size, zeroPadding: padding) else {
            throw CSVError(file: path, reason: .cannotRead(Memory.errnoMessage()))
        }
        return InputBytes(base: UnsafePointer(mapped.pointer.assumingMemoryBound(to: UInt8.self)), count: size) { mapped.unmap() }
    }

    /// Reads a pipe or other stream to its end, growing the buffer as needed.
    private static func loadStream(_ descriptor: Int32, path: String) throws -> InputBytes {
        var bytes: [UInt8] = []
        let blockSize = 1 << 20
        var block = [UInt8](repeating: 0, count: blockSize)
        while true {
            let got = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, blockSize) }
            if got < 0 {
                if errno == EINTR { continue }
                throw CSVError(file: path, reason: .cannotRead(Memory.errnoMessage()))
            }
            if got == 0 { break }
            bytes.append(contentsOf: block[0..<got])
        }
        return bytes.withUnsafeBytes { InputBytes(copying: $0) }
    }
}
