/// Where in a file a problem is: the file, and when known its 1-based line, column position and
/// column name, written the way compilers write locations (`cohort.csv:14: column 3 'age'`).
///
/// Errors about a file's contents, in this module and in others that read tables, put this in
/// front of what is wrong so every message points at the same place in the same way.
public struct CellLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given, or a label such as `<input>` for in-memory text.
    public var file: String
    /// The 1-based line, when the problem is in one line.
    public var line: Int?
    /// The 1-based column position, when the problem is in one column.
    public var column: Int?
    /// The column's header name, when it has one.
    public var columnName: String?

    /// Creates a location; leave out the parts that do not apply.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// `file:line: column N 'name'`, leaving out the parts that are not known.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column {
            text += ": column \(column)"
            if let columnName { text += " '\(columnName)'" }
        }
        return text
    }
}
