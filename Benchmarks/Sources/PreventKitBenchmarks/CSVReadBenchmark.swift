import DataTables
import Foundation

/// Times reading a CSV file into a `DataTable`, the step every `prevent` command starts with.
///
/// One untimed read first brings the file into the page cache and the allocator to a steady
/// state, as the peers' scripts do; each timed read then parses the whole file from scratch.
/// Each result is checked to have the header's column count and the file's row count (one
/// per line after the header, as `csv_make_data.py` writes it), so a fast wrong answer
/// cannot pass for a fast right one.
///
/// - Parameters:
///   - path: the CSV file, e.g. from `peers/csv_make_data.py`.
///   - repetitions: the number of timed reads; at least 1.
/// - Returns: the seconds each timed read took.
/// - Throws: `CSVError` if the file cannot be read, or a `CSVReadBenchmarkError` if the
///   table's shape is not the file's.
public func runCSVReadBenchmark(path: String, repetitions: Int) throws -> [Double] {
    precondition(repetitions >= 1, "repetitions must be at least 1")
    let expected = try CSVShape(ofFileAt: path)
    var seconds: [Double] = []
    for repetition in 0...repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        let table = try DataTable(csvFile: path)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard table.rowCount == expected.rows, table.columnCount == expected.columns else {
            throw CSVReadBenchmarkError.wrongShape(
                path: path, expected: expected, found: CSVShape(rows: table.rowCount, columns: table.columnCount))
        }
        if repetition > 0 { seconds.append(elapsed) }
    }
    return seconds
}

/// The rows and columns a CSV table has.
public struct CSVShape: Sendable, Equatable, CustomStringConvertible {
    /// Data rows (not counting the header).
    public var rows: Int
    /// Columns.
    public var columns: Int

    /// Creates a shape.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// Counts a simple file's shape independently of the reader: fields in the first line,
    /// and non-empty lines after it (the benchmark data has no quoted line ends).
    init(ofFileAt path: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let (columns, rows) = bytes.withUnsafeBytes { raw -> (Int, Int) in
            let newline = UInt8(ascii: "\n")
            guard let headerEnd = raw.firstIndex(of: newline) else { return (0, 0) }
            let columns = raw[..<headerEnd].reduce(1) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
            var rows = 0
            var previous = newline
            for byte in raw[(headerEnd + 1)...] {
                if byte == newline, previous != newline { rows += 1 }
                previous = byte
            }
            if previous != newline { rows += 1 }
            return (columns, rows)
        }
        self.init(rows: rows, columns: columns)
    }

    /// `ROWS x COLUMNS`.
    public var description: String { "\(rows) x \(columns)" }
}

/// A benchmark read that gave a table of the wrong shape.
public enum CSVReadBenchmarkError: Error, CustomStringConvertible {
    /// The table read from `path` is `found`, not the file's `expected` shape.
    case wrongShape(path: String, expected: CSVShape, found: CSVShape)

    /// A sentence for the terminal.
    public var description: String {
        switch self {
        case let .wrongShape(path, expected, found):
            return "\(path): read a \(found) table, but the file holds \(expected)"
        }
    }
}
