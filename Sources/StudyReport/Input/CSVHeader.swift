import DataTables
import Foundation

/// The names in a CSV file's header line, read with the CSV reader on that line alone so that
/// quoting rules are the same.
enum CSVHeader {
    /// - Throws: ``StudyReportError`` when the file cannot be opened; `CSVError` for a bad header.
    static func names(_ path: String) throws -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StudyReportError(file: path, message: "cannot open the file")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while true {
            guard let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty else { break }
            if let end = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                bytes += chunk[chunk.startIndex ..< end]
                break
            }
            bytes += chunk
        }
        return try DataTable(csvBytes: bytes + Array("\n".utf8), label: path).columnNames
    }
}
