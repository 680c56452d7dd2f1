import Foundation

extension DataTable {
    /// Writes the table to a CSV file, replacing the file only once all of it is written.
    ///
    /// The text goes to a temporary file in the same folder, which is flushed to disk and
    /// then renamed over `path` in one step; if anything fails, the temporary file is
    /// removed and an existing file at `path` is left as it was. A replaced file keeps its
    /// permissions; a new one gets `rw-r--r--`. See `CSVWriteOptions` for the format.
    ///
    /// - Parameters:
    ///   - path: where to write; its folder must exist.
    ///   - options: delimiter and missing-value text.
    /// - Throws: `CSVError` with reason `.cannotWrite` and the system's message.
    /// - Complexity: O(cells).
    public func writeCSV(toFile path: String, options: CSVWriteOptions = CSVWriteOptions()) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Self.writeError(path) }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }

        var isOpen = true
        do {
            try CSVWriter(table: self, options: options).write { block in
                var offset = 0
                while offset < block.count {
                    let written = Foundation.write(descriptor, block.baseAddress! + offset, block.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Self.writeError(path)
                    }
                    offset += written
                }
            }
            var existing = stat()
            let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else { throw Self.writeError(path) }
            isOpen = false
            guard close(descriptor) == 0 else { throw Self.writeError(path) }
            guard rename(temporaryPath, path) == 0 else { throw Self.writeError(path) }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporaryPath)
            throw error
        }
    }

    /// The table as CSV text.
    ///
    /// - Parameter options: delimiter and missing-value text.
    /// - Returns: the header line and one line per row, each ending in `\n`.
    /// - Complexity: O(cells).
    public func csvText(options: CSVWriteOptions = CSVWriteOptions()) -> String {
        var bytes: [UInt8] = []
        CSVWriter(table: self, options: options).write { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeError(_ path: String) -> CSVError {
        CSVError(file: path, reason: .cannotWrite(Memory.errnoMessage()))
    }
}
