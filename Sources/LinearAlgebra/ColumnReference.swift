/// A column of a matrix, by position and, when the caller supplied names, by name.
///
/// Errors use it to say which columns of a design matrix are at fault: pass `columnNames:` to
/// ``PivotedQR/init(_:pivoting:tolerance:columnNames:)`` or
/// ``LeastSquares/init(_:_:pivoting:tolerance:columnNames:whenRankDeficient:)`` and the error
/// names them as the data table did.
public struct ColumnReference: Hashable, Sendable {
    /// The zero-based column index.
    public var index: Int

    /// The column's name, if the caller supplied names.
    public var name: String?

    /// Creates a reference to a column.
    ///
    /// - Parameters:
    ///   - index: The zero-based column index.
    ///   - name: The column's name, or `nil`.
    public init(index: Int, name: String? = nil) {
        self.index = index
        self.name = name
    }

    /// Creates a reference to column `index`, named from `names` when it is given.
    ///
    /// - Parameters:
    ///   - index: The zero-based column index.
    ///   - names: One name per column, or `nil`.
    internal init(index: Int, in names: [String]?) {
        self.init(index: index, name: names.flatMap { index < $0.count ? $0[index] : nil })
    }
}

extension ColumnReference: CustomStringConvertible {
    /// `"name" (column 3)`, or `column 3` without a name.
    public var description: String {
        if let name { return "\"\(name)\" (column \(index))" }
        return "column \(index)"
    }
}
