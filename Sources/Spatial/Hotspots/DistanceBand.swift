/// Binary distance-band weights between the cells of a grid: `w_ij = 1` when the centres of
/// cells i and j are at most `distance` apart (inclusive, as libpysal's `DistanceBand` with
/// `binary=True`), otherwise 0. On a grid this neighbourhood is a disc of cells, the same for
/// every cell except where the grid's edge cuts it off.
public struct DistanceBand: Sendable, Hashable {
    /// The largest centre-to-centre distance of two neighbours, in the coordinates' units.
    public let distance: Double

    /// Creates a distance band.
    ///
    /// - Parameter distance: finite and non-negative. A band shorter than the cell size makes
    ///   every cell its own only neighbour.
    public init(distance: Double) {
        precondition(distance.isFinite && distance >= 0, "distance band must be finite and non-negative, not \(distance)")
        self.distance = distance
    }

    /// The band used when none is given: 1.5 cell sizes (375 m on the default 250 m grid).
    ///
    /// Why: it is the smallest band that holds the eight cells around a cell (their centres are
    /// 1 and √2 cells away) and no more, so Gi* compares each cell with its immediate
    /// surroundings, a 3 × 3 block with the focal cell, and every cell has neighbours; it also
    /// steers clear of the ties at exactly 1, √2 and 2 cells where rounding would decide
    /// membership.
    public static func defaultBand(for grid: GridDefinition) -> DistanceBand {
        DistanceBand(distance: 1.5 * grid.cellSize)
    }

    /// The band as a disc of cell offsets on a grid.
    func stencil(cellSize: Double) -> GridStencil {
        GridStencil.disc(radiusInCells: distance / cellSize)
    }

    /// The number of cells in the band around a cell far from the grid's edges, the focal
    /// cell included.
    public func neighbourhoodSize(cellSize: Double) -> Int {
        stencil(cellSize: cellSize).nonZeroCount
    }
}
