/// A column of numbers, stored contiguously so it can feed a column-major matrix in one copy.
///
/// A missing value is `nan`. Infinities are kept as values, so that a later step can reject
/// non-finite numbers with its own message.
public struct NumericColumn: Sendable, Equatable, CustomStringConvertible {
    /// The values in row order; `nan` marks a missing value.
    public var values: [Double]

    /// Creates a column holding `values`.
    ///
    /// - Parameter values: the values in row order, `nan` for missing.
    /// - Complexity: O(1).
    public init(_ values: [Double]) {
        self.values = values
    }

    /// The number of rows.
    public var count: Int { values.count }

    /// The number of missing (`nan`) values.
    ///
    /// - Complexity: O(*n*) in the number of rows.
    public var missingCount: Int {
        values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    }

    /// The value in `row`, or `nil` when it is missing.
    ///
    /// - Parameter row: a row index in `0..<count`; anything else is a programmer error and traps.
    /// - Complexity: O(1).
    public subscript(row: Int) -> Double? {
        let value = values[row]
        return value.isNaN ? nil : value
    }

    /// Whether two columns hold the same values, a missing value matching only a missing value.
    ///
    /// Unlike `==` on `[Double]`, two missing values compare equal here; `0` and `-0` also
    /// compare equal, as they do as numbers.
    ///
    /// - Complexity: O(*n*) in the number of rows.
    public static func == (lhs: NumericColumn, rhs: NumericColumn) -> Bool {
        guard lhs.values.count == rhs.values.count else { return false }
        for (a, b) in zip(lhs.values, rhs.values) where !(a == b || (a.isNaN && b.isNaN)) {
            return false
        }
        return true
    }

    /// A short summary: the row count and the number missing.
    public var description: String {
        "NumericColumn(\(count) rows, \(missingCount) missing)"
    }
}
