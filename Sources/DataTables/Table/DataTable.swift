/// A table of named, typed columns of equal length, as read from a CSV file.
///
/// Columns keep the order they had in the file. Numeric columns store contiguous `[Double]`,
/// so each one copies into a column-major matrix in one bulk copy; categorical columns store
/// sorted levels and integer codes.
///
/// ```swift
/// let cohort = try DataTable(csvFile: "cohort.csv")
/// let age = try cohort.numeric("age").values        // [Double], nan where missing
/// let arm = try cohort.categorical("arm")           // arm.levels, arm.codes
/// ```
public struct DataTable: Sendable, Equatable {
    /// The column names, in order.
    public private(set) var columnNames: [String]

    /// The columns, in the same order as `columnNames`.
    public private(set) var columns: [Column]

    /// The number of rows (every column has this many).
    public private(set) var rowCount: Int

    private var indexByName: [String: Int]

    /// Creates a table with no columns and no rows.
    public init() {
        columnNames = []
        columns = []
        rowCount = 0
        indexByName = [:]
    }

    /// Creates a table from named columns.
    ///
    /// - Parameter namedColumns: the columns in order, each with a distinct name; all must
    ///   have the same number of rows.
    /// - Precondition: names are distinct and lengths equal (a programmer error otherwise).
    /// - Complexity: O(*c*) for *c* columns; the column storage is shared, not copied.
    public init(_ namedColumns: [(name: String, column: Column)]) {
        self.init()
        for (name, column) in namedColumns {
            append(column, named: name)
        }
    }

    /// The number of columns.
    public var columnCount: Int { columns.count }

    /// The position of the column called `name`, or `nil`.
    ///
    /// - Complexity: O(1) on average.
    public func columnIndex(named name: String) -> Int? {
        indexByName[name]
    }

    /// The column called `name`, or `nil` when there is none.
    ///
    /// - Complexity: O(1) on average.
    public subscript(name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The numeric column called `name`.
    ///
    /// - Parameter name: the column's header name.
    /// - Returns: the column; its `values` array is shared with the table, not copied.
    /// - Throws: `DataTableError.columnNotFound` or `.wrongColumnKind`, naming the column.
    /// - Complexity: O(1) on average.
    public func numeric(_ name: String) throws -> NumericColumn {
        switch try column(name) {
        case .numeric(let column): return column
        case .categorical: throw DataTableError.wrongColumnKind(name: name, expected: .numeric, actual: .categorical)
        }
    }

    /// The categorical column called `name`.
    ///
    /// - Parameter name: the column's header name.
    /// - Returns: the column with its levels and codes.
    /// - Throws: `DataTableError.columnNotFound` or `.wrongColumnKind`, naming the column.
    /// - Complexity: O(1) on average.
    public func categorical(_ name: String) throws -> CategoricalColumn {
        switch try column(name) {
        case .categorical(let column): return column
        case .numeric: throw DataTableError.wrongColumnKind(name: name, expected: .categorical, actual: .numeric)
        }
    }

    /// The values of several numeric columns, in the order named: the columns of a design
    /// matrix, ready for a column-major `Matrix(columns:)` to copy each in one block.
    ///
    /// - Parameter names: numeric columns of the table.
    /// - Returns: one array per name; each shares its storage with the table (no copy).
    /// - Throws: `DataTableError` naming the first column that is missing or not numeric.
    /// - Complexity: O(*k*) for *k* names.
    public func numericValues(_ names: [String]) throws -> [[Double]] {
        try names.map { try numeric($0).values }
    }

    /// The column called `name`, of either kind.
    ///
    /// - Throws: `DataTableError.columnNotFound`, listing the columns there are.
    /// - Complexity: O(1) on average.
    public func column(_ name: String) throws -> Column {
        guard let index = indexByName[name] else {
            throw DataTableError.columnNotFound(name: name, available: columnNames)
        }
        return columns[index]
    }

    /// Adds a column after the existing ones.
    ///
    /// - Parameters:
    ///   - column: the column; it must have `rowCount` rows unless the table has no columns yet.
    ///   - name: a name not already in the table.
    /// - Precondition: the name is new and the length matches (a programmer error otherwise).
    /// - Complexity: amortised O(1).
    public mutating func append(_ column: Column, named name: String) {
        precondition(indexByName[name] == nil, "DataTable already has a column named '\(name)'")
        precondition(
            columns.isEmpty || column.count == rowCount,
            "column '\(name)' has \(column.count) rows but the table has \(rowCount)"
        )
        if columns.isEmpty { rowCount = column.count }
        indexByName[name] = columns.count
        columnNames.append(name)
        columns.append(column)
    }
}
