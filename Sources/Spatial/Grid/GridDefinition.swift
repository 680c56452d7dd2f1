/// A regular grid of square cells, shared by every layer of a hotspot analysis so that layers
/// built on the same parameters line up cell for cell.
///
/// Cells are numbered from the origin (the grid's lower-left corner): `column` 0-based along x
/// (east), `row` 0-based along y (north). Cell (c, r) covers
/// `[origin.x + c·size, origin.x + (c+1)·size) × [origin.y + r·size, origin.y + (r+1)·size)`;
/// the grid's own far edges (x = `maxX`, y = `maxY`) belong to the last column and row, so the
/// extent is closed and a point on its boundary is inside.
///
/// Layers store one value per cell in row-major order: the flat index of (c, r) is
/// `r · columns + c`.
public struct GridDefinition: Hashable, Sendable, CustomStringConvertible {
    /// The cell size used when none is given: 250 m, the starting size of the profile method
    /// (fine enough to separate streets of a town centre, coarse enough that most cells with
    /// crime hold more than one offence in a year of recorded crime).
    public static let defaultCellSize: Double = 250

    /// The lower-left corner of cell (0, 0).
    public let origin: Point
    /// The side of each square cell, in the coordinates' units (metres on the British National Grid).
    public let cellSize: Double
    /// The number of cells along x.
    public let columns: Int
    /// The number of cells along y.
    public let rows: Int

    /// Creates a grid from its origin, cell size and dimensions.
    ///
    /// - Parameters:
    ///   - origin: the lower-left corner of cell (0, 0); finite.
    ///   - cellSize: the side of a cell; finite and positive. Default 250 (metres).
    ///   - columns: cells along x; at least 1.
    ///   - rows: cells along y; at least 1.
    public init(origin: Point, cellSize: Double = GridDefinition.defaultCellSize, columns: Int, rows: Int) {
        precondition(origin.x.isFinite && origin.y.isFinite, "grid origin must be finite")
        precondition(cellSize.isFinite && cellSize > 0, "grid cell size must be finite and positive")
        precondition(columns >= 1 && rows >= 1, "a grid needs at least one column and one row")
        self.origin = origin
        self.cellSize = cellSize
        self.columns = columns
        self.rows = rows
    }

    /// Creates the grid that covers an extent, with cells anchored at `origin`.
    ///
    /// The grid starts at `origin` (default: the extent's lower-left corner) and has as many
    /// whole cells as needed to reach `maxX` and `maxY`, so its far edges may lie beyond the
    /// extent by less than one cell.
    ///
    /// - Parameters:
    ///   - minX, minY, maxX, maxY: the extent; `maxX > minX` and `maxY > minY` unless the extent
    ///     is a single point, which gives one cell.
    ///   - cellSize: the side of a cell; positive. Default 250 (metres).
    ///   - origin: where cell (0, 0) starts; must be at or below and left of (`minX`, `minY`).
    ///     Default (`minX`, `minY`). Analysts fix it (to a round 250 m, say) so that grids of
    ///     different extracts line up.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double,
                cellSize: Double = GridDefinition.defaultCellSize, origin: Point? = nil) {
        precondition(minX.isFinite && minY.isFinite && maxX.isFinite && maxY.isFinite, "grid extent must be finite")
        precondition(maxX >= minX && maxY >= minY, "grid extent must have max ≥ min")
        precondition(cellSize.isFinite && cellSize > 0, "grid cell size must be finite and positive")
        let start = origin ?? Point(x: minX, y: minY)
        precondition(start.x <= minX && start.y <= minY, "grid origin must lie at or below-left of the extent")
        let columns = max(1, Int(((maxX - start.x) / cellSize).rounded(.up)))
        let rows = max(1, Int(((maxY - start.y) / cellSize).rounded(.up)))
        self.init(origin: start, cellSize: cellSize, columns: columns, rows: rows)
    }

    /// The most cells ``init(extent:cellSize:origin:maximumCellCount:)`` builds by default:
    /// 100 million, about 800 MB per layer of `Double`s.
    public static let defaultMaximumCellCount = 100_000_000

    /// Creates the grid that covers an extent, checking the inputs a user supplies rather than
    /// trapping on them.
    ///
    /// - Parameters:
    ///   - extent: the area to cover; finite. A single point gives one cell.
    ///   - cellSize: the side of a cell; finite and positive. Default 250 (metres).
    ///   - origin: where cell (0, 0) starts; default the extent's lower-left corner.
    ///   - maximumCellCount: the most cells allowed; default ``defaultMaximumCellCount``.
    /// - Throws: ``GridDefinitionError/invalidExtent(_:)`` for a non-finite extent or cell size,
    ///   ``GridDefinitionError/originOutsideExtent(origin:lowerLeft:)`` for an origin above or to
    ///   the right of the extent's lower-left corner, and
    ///   ``GridDefinitionError/tooManyCells(columns:rows:limit:)`` for a grid of more than
    ///   `maximumCellCount` cells.
    public init(extent: BoundingBox, cellSize: Double = GridDefinition.defaultCellSize, origin: Point? = nil,
                maximumCellCount: Int = GridDefinition.defaultMaximumCellCount) throws {
        guard [extent.minX, extent.minY, extent.maxX, extent.maxY, cellSize].allSatisfy(\.isFinite), cellSize > 0 else {
            throw GridDefinitionError.invalidExtent(extent)
        }
        let lowerLeft = Point(x: extent.minX, y: extent.minY)
        if let origin, !(origin.x <= extent.minX && origin.y <= extent.minY) {
            throw GridDefinitionError.originOutsideExtent(origin: origin, lowerLeft: lowerLeft)
        }
        let start = origin ?? lowerLeft
        // In Double, so that an absurd grid is reported rather than overflowing Int.
        let columns = ((extent.maxX - start.x) / cellSize).rounded(.up)
        let rows = ((extent.maxY - start.y) / cellSize).rounded(.up)
        guard columns * rows <= Double(maximumCellCount) else {
            throw GridDefinitionError.tooManyCells(columns: columns, rows: rows, limit: maximumCellCount)
        }
        self.init(minX: extent.minX, minY: extent.minY, maxX: extent.maxX, maxY: extent.maxY, cellSize: cellSize, origin: origin)
    }

    /// Creates the grid that covers points' bounding box.
    ///
    /// - Parameters:
    ///   - points: the points to cover; finite.
    ///   - cellSize, origin, maximumCellCount: as for ``init(extent:cellSize:origin:maximumCellCount:)``.
    /// - Throws: ``GridDefinitionError/noPoints`` when `points` is empty, and otherwise as
    ///   ``init(extent:cellSize:origin:maximumCellCount:)``.
    /// - Complexity: O(points).
    public init(covering points: [Point], cellSize: Double = GridDefinition.defaultCellSize, origin: Point? = nil,
                maximumCellCount: Int = GridDefinition.defaultMaximumCellCount) throws {
        guard let box = BoundingBox(covering: points) else { throw GridDefinitionError.noPoints }
        try self.init(extent: box, cellSize: cellSize, origin: origin, maximumCellCount: maximumCellCount)
    }

    /// The number of cells, `columns × rows`.
    public var cellCount: Int { columns * rows }
    /// The area of one cell, `cellSize²`.
    public var cellArea: Double { cellSize * cellSize }
    /// The area of the whole grid.
    public var area: Double { cellArea * Double(cellCount) }
    /// The west edge of the grid.
    public var minX: Double { origin.x }
    /// The south edge of the grid.
    public var minY: Double { origin.y }
    /// The east edge of the grid.
    public var maxX: Double { origin.x + Double(columns) * cellSize }
    /// The north edge of the grid.
    public var maxY: Double { origin.y + Double(rows) * cellSize }

    /// The cell that contains a point, or `nil` when the point lies outside the grid (or is
    /// not finite).
    ///
    /// - Complexity: O(1).
    @inlinable
    public func cell(containing point: Point) -> GridCell? {
        guard let index = cellIndex(x: point.x, y: point.y) else { return nil }
        return GridCell(column: index % columns, row: index / columns)
    }

    /// The flat (row-major) index of the cell containing (x, y), or `nil` outside the grid.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func cellIndex(x: Double, y: Double) -> Int? {
        let u = (x - origin.x) / cellSize
        let v = (y - origin.y) / cellSize
        // The negated comparisons also reject NaN.
        guard u >= 0, v >= 0, u <= Double(columns), v <= Double(rows) else { return nil }
        let column = min(Int(u), columns - 1)
        let row = min(Int(v), rows - 1)
        return row * columns + column
    }

    /// The flat (row-major) index of a cell: `row · columns + column`.
    @inlinable
    public func index(of cell: GridCell) -> Int {
        precondition(contains(cell), "cell \(cell) is outside the \(columns) × \(rows) grid")
        return cell.row * columns + cell.column
    }

    /// The cell at a flat (row-major) index.
    @inlinable
    public func cell(at index: Int) -> GridCell {
        precondition(index >= 0 && index < cellCount, "cell index \(index) is outside the grid")
        return GridCell(column: index % columns, row: index / columns)
    }

    /// Whether a cell's column and row lie within the grid.
    @inlinable
    public func contains(_ cell: GridCell) -> Bool {
        cell.column >= 0 && cell.column < columns && cell.row >= 0 && cell.row < rows
    }

    /// The centre of a cell.
    public func centre(of cell: GridCell) -> Point {
        Point(x: origin.x + (Double(cell.column) + 0.5) * cellSize,
              y: origin.y + (Double(cell.row) + 0.5) * cellSize)
    }

    /// The corners of a cell, counter-clockwise from the lower-left.
    public func corners(of cell: GridCell) -> [Point] {
        let x0 = origin.x + Double(cell.column) * cellSize, y0 = origin.y + Double(cell.row) * cellSize
        let x1 = x0 + cellSize, y1 = y0 + cellSize
        return [Point(x: x0, y: y0), Point(x: x1, y: y0), Point(x: x1, y: y1), Point(x: x0, y: y1)]
    }

    public var description: String {
        "\(columns) × \(rows) cells of \(cellSize) from \(origin)"
    }
}

/// A cell of a ``GridDefinition``: its column (along x) and row (along y), both 0-based from the
/// grid's origin.
public struct GridCell: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 0-based column, counted east from the origin.
    public var column: Int
    /// The 0-based row, counted north from the origin.
    public var row: Int

    /// Creates a cell reference.
    @inlinable
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Row-major order: by row, then column.
    public static func < (lhs: GridCell, rhs: GridCell) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }

    public var description: String { "(\(column), \(row))" }
}

/// Why a grid could not be built from an extent or from points.
public enum GridDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extent or the cell size is not finite, or the cell size is not positive.
    case invalidExtent(BoundingBox)
    /// There are no points to take an extent from.
    case noPoints
    /// The origin lies above or to the right of the extent's lower-left corner.
    case originOutsideExtent(origin: Point, lowerLeft: Point)
    /// The grid would have `columns × rows` cells, more than `limit`. Counts are `Double`s
    /// because they may not fit an `Int`.
    case tooManyCells(columns: Double, rows: Double, limit: Int)

    public var description: String {
        switch self {
        case .invalidExtent(let box):
            "the extent \(box) or the cell size is not a finite, positive size"
        case .noPoints:
            "there are no points to take the grid's extent from"
        case let .originOutsideExtent(origin, lowerLeft):
            "the origin \(origin) must lie at or below and left of the extent's lower-left corner (\(lowerLeft.x), \(lowerLeft.y))"
        case let .tooManyCells(columns, rows, limit):
            "the grid would have \(Self.count(columns)) × \(Self.count(rows)) cells, more than \(limit)"
        }
    }

    /// A cell count as a whole number, or as a `Double` prints when it is too large for `Int`.
    public static func count(_ value: Double) -> String {
        value < 1e18 ? "\(Int(value))" : "\(value)"
    }
}
