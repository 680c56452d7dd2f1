/// An error from asking a `DataTable` for a column it does not have, or not of that kind.
public enum DataTableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No column has this name; `available` lists the table's column names in order.
    case columnNotFound(name: String, available: [String])

    /// The column exists but holds the other kind of values.
    case wrongColumnKind(name: String, expected: ColumnKind, actual: ColumnKind)

    /// A sentence naming the column and what was wrong, for an end user.
    public var description: String {
        switch self {
        case let .columnNotFound(name, available):
            let shown = available.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
            let more = available.count > 12 ? ", ... (\(available.count) in all)" : ""
            return "no column named '\(name)'; the columns are \(shown)\(more)"
        case let .wrongColumnKind(name, expected, actual):
            return "column '\(name)' is \(actual), not \(expected)"
        }
    }
}
