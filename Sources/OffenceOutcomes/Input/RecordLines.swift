import Foundation

/// The line of a CSV file on which each data row starts, so that errors found after reading a
/// table can name the line as the reader would: blank lines (`\n` or `\r\n`) are skipped and a
/// quoted field may span lines, as in `DataTable(csvFile:)`.
struct RecordLines {
    /// The 1-based line of data row i (the header is not a data row).
    let lines: [Int]

    /// Scans a file's bytes.
    init(bytes: [UInt8]) {
        var starts: [Int] = []
        var line = 1
        var inQuotes = false
        var atRecordStart = true
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if atRecordStart {
                if byte == UInt8(ascii: "\n") { line += 1; index += 1; continue }
                if byte == UInt8(ascii: "\r"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "\n") {
                    line += 1; index += 2; continue
                }
                starts.append(line)
                atRecordStart = false
            }
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: "\n") {
                line += 1
                if !inQuotes { atRecordStart = true }
            }
            index += 1
        }
        lines = Array(starts.dropFirst())
    }

    /// The line of data row `row`, or `nil` if the scan disagrees with the reader.
    func line(ofRow row: Int) -> Int? { lines.indices.contains(row) ? lines[row] : nil }
}
