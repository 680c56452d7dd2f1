import Foundation

/// Small wrappers over the C memory and error functions the reader and writer use.
enum Memory {
    /// The size of a transparent huge page on Linux x86-64 and arm64.
    static let hugePageSize = 2 << 20

    /// Allocates `byteCount` bytes aligned to `alignment`; free with `free`.
    ///
    /// Allocation failure is treated like the standard library treats it: a trap.
    static func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        var pointer: UnsafeMutableRawPointer?
        let status = posix_memalign(&pointer, alignment, max(byteCount, 1))
        guard status == 0, let pointer else { fatalError("out of memory allocating \(byteCount) bytes") }
        adviseHugePages(pointer, byteCount: byteCount)
        return pointer
    }

    /// Asks Linux to back the whole 2 MiB pages inside a large region with huge pages.
    ///
    /// Filling a fresh 200 MB column set otherwise takes one page fault per 4 KiB; this is
    /// only advice, so failure (or another system) changes nothing but speed.
    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        guard byteCount >= 2 * hugePageSize else { return }
        let start = (Int(bitPattern: pointer) + hugePageSize - 1) & ~(hugePageSize - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(hugePageSize - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// A file mapped read-only into memory, followed by at least `zeroPadding` zero bytes.
    struct MappedFile: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
        let length: Int

        /// Removes the mapping.
        func unmap() {
            munmap(pointer, length)
        }
    }

    /// Maps `size` bytes of an open file, with zero bytes after them, or `nil` (see `errno`).
    ///
    /// Reading past the end of a mapped file is only safe up to the end of its last page, so
    /// the whole range is first reserved as anonymous zero pages and the file is then mapped
    /// over the start of it: at least one page of zeros always follows the data.
    static func mapFile(_ descriptor: Int32, size: Int, zeroPadding: Int) -> MappedFile? {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let fileLength = (size + pageSize - 1) / pageSize * pageSize
        let length = fileLength + max(pageSize, (zeroPadding + pageSize - 1) / pageSize * pageSize)
        let reserved = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let reserved, reserved != MAP_FAILED else { return nil }
        #if os(Linux)
        // Fault the whole file in now, in one kernel call, rather than page by page later.
        let flags = MAP_PRIVATE | MAP_FIXED | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE | MAP_FIXED
        #endif
        let mapped = mmap(reserved, fileLength, PROT_READ, flags, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            let code = errno
            munmap(reserved, length)
            errno = code
            return nil
        }
        return MappedFile(pointer: mapped, length: length)
    }

    /// The system's message for an error number (by default the current `errno`).
    static func errnoMessage(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
