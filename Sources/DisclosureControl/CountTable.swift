/// A two-way table of counts of people, with the margins that will be published beside it.
///
/// A one-way table (counts in categories) is a table with one column and only its column total;
/// ``init(labels:counts:title:)`` builds one.
public struct CountTable: Sendable, Hashable {
    /// The table's title, printed above it.
    public var title: String
    /// The row labels, one per row of ``counts``.
    public var rowLabels: [String]
    /// The column labels, one per column of ``counts``.
    public var columnLabels: [String]
    /// The counts, row by row; every row has one count per column.
    public var counts: [[Int]]
    /// Whether each row's total is published (it is then protected too).
    public var hasRowTotals: Bool
    /// Whether each column's total is published (it is then protected too).
    public var hasColumnTotals: Bool

    /// Creates a two-way table.
    ///
    /// - Parameters:
    ///   - title: printed above the table.
    ///   - rowLabels: one label per row.
    ///   - columnLabels: one label per column.
    ///   - counts: non-negative counts, `rowLabels.count` rows of `columnLabels.count` each.
    ///   - hasRowTotals: publish row totals; default true.
    ///   - hasColumnTotals: publish column totals; default true. Turn it off when a column's
    ///     rows are not parts of one whole (factors a person may have several of, say).
    /// - Precondition: the shapes match and every count is non-negative.
    public init(title: String, rowLabels: [String], columnLabels: [String], counts: [[Int]],
                hasRowTotals: Bool = true, hasColumnTotals: Bool = true) {
        precondition(counts.count == rowLabels.count, "one row of counts per row label")
        precondition(counts.allSatisfy { $0.count == columnLabels.count }, "one count per column label in every row")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts are not negative")
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.counts = counts
        self.hasRowTotals = hasRowTotals
        self.hasColumnTotals = hasColumnTotals
    }

    /// Creates a one-way table: one row per category, one column of counts and its total.
    ///
    /// - Parameters:
    ///   - labels: the categories.
    ///   - counts: one non-negative count per category.
    ///   - title: printed above the table.
    ///   - countLabel: the column's heading; default `people`.
    public init(labels: [String], counts: [Int], title: String, countLabel: String = "people") {
        self.init(title: title, rowLabels: labels, columnLabels: [countLabel], counts: counts.map { [$0] },
                  hasRowTotals: false, hasColumnTotals: true)
    }

    /// The number of rows.
    public var rowCount: Int { rowLabels.count }
    /// The number of columns.
    public var columnCount: Int { columnLabels.count }

    /// Each row's total.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    /// Each column's total.
    public var columnTotals: [Int] { (0 ..< columnCount).map { j in counts.reduce(0) { $0 + $1[j] } } }
    /// The total of every count.
    public var grandTotal: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
}
