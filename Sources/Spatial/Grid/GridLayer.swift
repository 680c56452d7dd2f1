/// One value per cell of a ``GridDefinition``: a count, a density, a z-score.
///
/// Values are stored row-major (`row · columns + column`), so layers on the same grid line up
/// index for index.
public struct GridLayer: Sendable, Equatable {
    /// The grid the values belong to.
    public let grid: GridDefinition
    /// The values, row-major; `values.count == grid.cellCount`.
    public var values: [Double]

    /// Creates a layer from row-major values.
    ///
    /// - Parameters:
    ///   - grid: the grid.
    ///   - values: one value per cell, row-major; the count must equal `grid.cellCount`.
    public init(grid: GridDefinition, values: [Double]) {
        precondition(values.count == grid.cellCount,
                     "a layer on \(grid) needs \(grid.cellCount) values, not \(values.count)")
        self.grid = grid
        self.values = values
    }

    /// A layer of one repeated value.
    public init(grid: GridDefinition, repeating value: Double) {
        self.init(grid: grid, values: [Double](repeating: value, count: grid.cellCount))
    }

    /// The value of a cell.
    public subscript(cell: GridCell) -> Double {
        get { values[grid.index(of: cell)] }
        set { values[grid.index(of: cell)] = newValue }
    }

    /// The value of the cell at column `column`, row `row`.
    public subscript(column column: Int, row row: Int) -> Double {
        get { self[GridCell(column: column, row: row)] }
        set { self[GridCell(column: column, row: row)] = newValue }
    }

    /// The sum of the values.
    public var sum: Double { values.reduce(0, +) }

    /// The percentile rank of each cell's value among all cells: the percentage of cells whose
    /// value is at most this one's (ties share the highest rank, as a cumulative distribution),
    /// from `100 / cellCount` to 100.
    ///
    /// This is `scipy.stats.percentileofscore(values, v, kind='weak')` for every cell.
    ///
    /// - Returns: a layer of percentages on the same grid.
    /// - Complexity: O(n log n) for n cells.
    public func percentileRanks() -> GridLayer {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && values[order[end]] == values[order[start]] { end += 1 }
            let percentage = 100 * Double(end) / Double(n)
            for k in start ..< end { ranks[order[k]] = percentage }
            start = end
        }
        return GridLayer(grid: grid, values: ranks)
    }
}
