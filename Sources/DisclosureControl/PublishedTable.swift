/// A table of counts ready to publish: each count and total as it may be shown, and the rule
/// that made it so (printed under the table).
public struct PublishedTable: Sendable, Hashable {
    /// The table's title.
    public let title: String
    /// The row labels.
    public let rowLabels: [String]
    /// The column labels.
    public let columnLabels: [String]
    /// The published counts, row by row.
    public let cells: [[PublishedCount]]
    /// The published row totals, or `nil` when the table has none.
    public let rowTotals: [PublishedCount]?
    /// The published column totals, or `nil` when the table has none.
    public let columnTotals: [PublishedCount]?
    /// The published grand total, present when both kinds of margin are (a one-way table's total
    /// is its single column total).
    public let grandTotal: PublishedCount?
    /// The rule applied, or `nil` when the table is published without disclosure control.
    public let rule: DisclosureRule?

    /// The line printed under the table: the rule applied, or a warning that none was.
    public var note: String { rule?.description ?? DisclosureRule.notAppliedNote }

    /// Publishes a table as it is, without disclosure control (for the data's owner only).
    public init(unprotected table: CountTable) {
        title = table.title
        rowLabels = table.rowLabels
        columnLabels = table.columnLabels
        cells = table.counts.map { $0.map(PublishedCount.value) }
        rowTotals = table.hasRowTotals ? table.rowTotals.map(PublishedCount.value) : nil
        columnTotals = table.hasColumnTotals ? table.columnTotals.map(PublishedCount.value) : nil
        grandTotal = table.hasRowTotals && table.hasColumnTotals ? .value(table.grandTotal) : nil
        rule = nil
    }

    init(table: CountTable, cells: [[PublishedCount]], rowTotals: [PublishedCount]?, columnTotals: [PublishedCount]?,
         grandTotal: PublishedCount?, rule: DisclosureRule) {
        title = table.title
        rowLabels = table.rowLabels
        columnLabels = table.columnLabels
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.grandTotal = grandTotal
        self.rule = rule
    }

    /// The number of suppressed counts and totals.
    public var suppressedCount: Int {
        let all = cells.flatMap { $0 } + (rowTotals ?? []) + (columnTotals ?? []) + (grandTotal.map { [$0] } ?? [])
        return all.filter(\.isSuppressed).count
    }
}
