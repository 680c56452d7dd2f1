import DataTables
import Foundation

/// A CSV file read as a table whose cells can still be traced to their line and column, so that
/// every error about a value names the place to fix it.
struct LocatedTable {
    let file: String
    let table: DataTable
    let recordLines: RecordLines

    /// Reads `file` with the named columns as text (categorical) and the rest inferred.
    ///
    /// - Throws: `CSVError` for a file that cannot be read or parsed; ``OffenceOutcomesError``
    ///   for a required column the header lacks.
    init(file: String, textColumns: [String], numericColumns: [String] = [], required: [String]) throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw CSVError(file: file, reason: .cannotRead(String(describing: (error as NSError).localizedDescription)))
        }
        let header = try DataTable(csvBytes: Array(bytes.prefix { $0 != UInt8(ascii: "\n") }) + [UInt8(ascii: "\n")],
                                   label: file).columnNames
        for name in required where !header.contains(name) {
            throw OffenceOutcomesError(CellLocation(file: file, line: 1),
                                       "there is no column '\(name)' (the header has \(header.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        var types: [String: ColumnKind] = [:]
        for name in textColumns where header.contains(name) { types[name] = .categorical }
        for name in numericColumns where header.contains(name) { types[name] = .numeric }
        table = try DataTable(csvBytes: bytes, label: file, options: CSVReadOptions(columnTypes: types))
        recordLines = RecordLines(bytes: bytes)
        self.file = file
    }

    var rowCount: Int { table.rowCount }

    /// The location of a cell.
    func location(row: Int, column name: String) -> CellLocation {
        CellLocation(file: file, line: recordLines.line(ofRow: row),
                     column: table.columnIndex(named: name).map { $0 + 1 }, columnName: name)
    }

    /// The text of a column, one optional value per row (missing cells `nil`).
    func text(_ name: String) -> [String?] {
        guard case let .categorical(labels) = table[name]! else { preconditionFailure("column \(name) was read as text") }
        return labels.values
    }

    /// The numbers of a column (missing cells NaN).
    func numbers(_ name: String) -> [Double] {
        guard case let .numeric(values) = table[name]! else { preconditionFailure("column \(name) was read as numbers") }
        return values.values
    }

    /// A column's dates, throwing at the first cell that is not a date; missing cells are `nil`.
    func dates(_ name: String, format: DateFormat) throws -> [CalendarDate?] {
        try text(name).enumerated().map { row, text in
            guard let text else { return nil }
            guard let date = CalendarDate(text, format: format) else {
                throw OffenceOutcomesError(location(row: row, column: name),
                                           "\"\(text)\" is not a date written \(format.rawValue)")
            }
            return date
        }
    }

    /// A column's text, throwing at the first missing cell.
    func requiredText(_ name: String, what: String) throws -> [String] {
        try text(name).enumerated().map { row, text in
            guard let text, !text.isEmpty else {
                throw OffenceOutcomesError(location(row: row, column: name), "the \(what) is missing")
            }
            return text
        }
    }
}
