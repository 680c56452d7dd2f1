extension DisclosureRule {
    /// Applies the rule to a table: primary suppression of small counts (totals included),
    /// rounding of every other count and total from its true value, then secondary suppression.
    ///
    /// Secondary suppression treats the table with its published margins as a set of additive
    /// lines (each row with its total, each column with its total and, with both margins, the
    /// row of column totals and the column of row totals with the grand total). A line with
    /// exactly one suppressed entry would give that entry away by subtraction, so another entry
    /// of that line is suppressed: a non-zero count before a zero, an inner cell before a total, one whose crossing line then
    /// needs nothing more before one that starts a new chain, and the smallest count before a
    /// larger one. This repeats until every line has no suppressed entry or at least two.
    ///
    /// - Parameter table: the true counts.
    /// - Returns: the table as it may be published, with this rule as its note.
    /// - Complexity: O(s × (r + c) × (r × c)) for s suppressions in an r × c table: tables of
    ///   published summaries are small.
    public func protect(_ table: CountTable) -> PublishedTable {
        var grid = SuppressionGrid(table: table)
        for index in grid.entries where isSmall(grid.count(at: index)) {
            grid.suppress(index, as: .primarySuppressed)
        }
        grid.completeSecondarySuppression()
        let published: (SuppressionGrid.Index) -> PublishedCount = { index in
            grid.status(at: index) ?? .value(self.rounded(grid.count(at: index)))
        }
        let r = table.rowCount, c = table.columnCount
        let cells = (0 ..< r).map { i in (0 ..< c).map { j in published(.init(row: i, column: j)) } }
        let rowTotals = table.hasRowTotals ? (0 ..< r).map { published(.init(row: $0, column: c)) } : nil
        let columnTotals = table.hasColumnTotals ? (0 ..< c).map { published(.init(row: r, column: $0)) } : nil
        let grand = table.hasRowTotals && table.hasColumnTotals ? published(.init(row: r, column: c)) : nil
        return PublishedTable(table: table, cells: cells, rowTotals: rowTotals, columnTotals: columnTotals,
                              grandTotal: grand, rule: self)
    }
}

/// A table with its margins as one (rows + 1) × (columns + 1) grid, the additive lines through
/// it, and which entries are suppressed.
struct SuppressionGrid {
    struct Index: Hashable {
        var row: Int
        var column: Int
    }

    private let rows: Int
    private let columns: Int
    private var counts: [Index: Int] = [:]
    private var suppressed: [Index: PublishedCount] = [:]
    /// Every published entry: inner cells first, then totals.
    private(set) var entries: [Index] = []
    /// The additive lines: in each, the last entry is the total of the others.
    private(set) var lines: [[Index]] = []

    init(table: CountTable) {
        rows = table.rowCount
        columns = table.columnCount
        let r = rows, c = columns
        for i in 0 ..< r {
            for j in 0 ..< c { counts[Index(row: i, column: j)] = table.counts[i][j] }
        }
        entries = (0 ..< r).flatMap { i in (0 ..< c).map { Index(row: i, column: $0) } }
        if table.hasRowTotals {
            let totals = table.rowTotals
            for i in 0 ..< r {
                counts[Index(row: i, column: c)] = totals[i]
                entries.append(Index(row: i, column: c))
                lines.append((0 ... c).map { Index(row: i, column: $0) })
            }
        }
        if table.hasColumnTotals {
            let totals = table.columnTotals
            for j in 0 ..< c {
                counts[Index(row: r, column: j)] = totals[j]
                entries.append(Index(row: r, column: j))
                lines.append((0 ... r).map { Index(row: $0, column: j) })
            }
        }
        if table.hasRowTotals && table.hasColumnTotals {
            counts[Index(row: r, column: c)] = table.grandTotal
            entries.append(Index(row: r, column: c))
            lines.append((0 ... c).map { Index(row: r, column: $0) })
            lines.append((0 ... r).map { Index(row: $0, column: c) })
        }
    }

    func count(at index: Index) -> Int { counts[index]! }

    func status(at index: Index) -> PublishedCount? { suppressed[index] }

    func isTotal(_ index: Index) -> Bool { index.row == rows || index.column == columns }

    mutating func suppress(_ index: Index, as status: PublishedCount) {
        if suppressed[index] == nil { suppressed[index] = status }
    }

    private func suppressedCount(in line: [Index]) -> Int {
        line.reduce(0) { $0 + (suppressed[$1] == nil ? 0 : 1) }
    }

    /// Suppresses further entries until no line has exactly one suppressed entry.
    mutating func completeSecondarySuppression() {
        while let line = lines.first(where: { suppressedCount(in: $0) == 1 }) {
            let candidates = line.filter { suppressed[$0] == nil }
            // A line of one entry cannot be balanced; it has no other entry to give it away.
            guard !candidates.isEmpty else { break }
            let choice = candidates.min { a, b in
                cost(of: a, leaving: line).lexicographicallyPrecedes(cost(of: b, leaving: line))
            }!
            suppress(choice, as: .secondarySuppressed)
        }
    }

    /// Orders candidates: non-zero counts before zeros (a suppressed zero in a line whose other
    /// entries are known hides nothing), inner cells before totals, then those whose other
    /// lines are left balanced, then the smallest count, then position (so the choice is
    /// reproducible).
    private func cost(of index: Index, leaving line: [Index]) -> [Int] {
        let crossing = lines.filter { $0 != line && $0.contains(index) }
        let unbalanced = crossing.filter { suppressedCount(in: $0) == 0 }.count
        return [counts[index]! == 0 ? 1 : 0, isTotal(index) ? 1 : 0, unbalanced, counts[index]!, index.row, index.column]
    }
}
