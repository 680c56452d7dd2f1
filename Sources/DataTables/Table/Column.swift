/// One column of a `DataTable`: numeric or categorical.
public enum Column: Sendable, Equatable, CustomStringConvertible {
    /// Numbers, missing as `nan`.
    case numeric(NumericColumn)

    /// Labels coded into sorted levels, missing as `CategoricalColumn.missingCode`.
    case categorical(CategoricalColumn)

    /// Which of the two kinds this column is.
    public var kind: ColumnKind {
        switch self {
        case .numeric: .numeric
        case .categorical: .categorical
        }
    }

    /// The number of rows.
    public var count: Int {
        switch self {
        case .numeric(let column): column.count
        case .categorical(let column): column.count
        }
    }

    /// The wrapped column's summary.
    public var description: String {
        switch self {
        case .numeric(let column): column.description
        case .categorical(let column): column.description
        }
    }
}
