/// A table of the report: a header, rows of text cells and an optional note printed under it
/// (the disclosure rule applied, or how the numbers were made).
public struct ReportTable: Sendable, Hashable {
    /// The table's title.
    public var title: String
    /// The column names.
    public var header: [String]
    /// The rows, each with one cell per column.
    public var rows: [[String]]
    /// The note under the table, or `nil`.
    public var note: String?

    /// Creates a table.
    ///
    /// - Parameters:
    ///   - title: the title.
    ///   - header: the column names.
    ///   - rows: the rows; each must have one cell per column.
    ///   - note: the note under the table; default none.
    public init(title: String, header: [String], rows: [[String]], note: String? = nil) {
        precondition(rows.allSatisfy { $0.count == header.count }, "every row needs one cell per column")
        self.title = title
        self.header = header
        self.rows = rows
        self.note = note
    }
}
