/// A symmetric stencil of weights over cell offsets, `(dx, dy)` with `|dx|, |dy| ≤ radius`:
/// the discretised kernel of a neighbourhood sum on a grid.
struct GridStencil: Sendable {
    /// The largest offset, in cells, with a non-zero weight.
    let radius: Int
    /// `(2·radius + 1)²` weights, row-major by `dy` then `dx`, offset `(dx, dy)` at
    /// `(dy + radius) · (2·radius + 1) + dx + radius`.
    let weights: [Double]
    /// For a binary disc, the half-width of each row span (index `dy + radius`): offsets
    /// `-halfWidth...halfWidth` of that row have weight 1. `nil` for a weighted stencil.
    let halfWidths: [Int]?

    var side: Int { 2 * radius + 1 }

    /// The number of non-zero weights.
    var nonZeroCount: Int { weights.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// The binary disc of cells whose centres lie within `radiusInCells` cell sizes of the focal
    /// centre (inclusive, as libpysal's `DistanceBand`), the focal cell included.
    static func disc(radiusInCells r: Double) -> GridStencil {
        precondition(r.isFinite && r >= 0, "distance band must be finite and non-negative")
        let r2 = r * r
        let radius = Int(r.rounded(.down))
        let side = 2 * radius + 1
        var weights = [Double](repeating: 0, count: side * side)
        var halfWidths = [Int](repeating: 0, count: side)
        for dy in -radius ... radius {
            var half = -1
            for dx in 0 ... radius where Double(dx * dx + dy * dy) <= r2 { half = dx }
            halfWidths[dy + radius] = half
            if half >= 0 {
                for dx in -half ... half { weights[(dy + radius) * side + dx + radius] = 1 }
            }
        }
        return GridStencil(radius: radius, weights: weights, halfWidths: halfWidths)
    }

    /// A stencil of weights `weight(d)` at the distance `d` (in cell sizes) of each offset,
    /// for offsets with `d < support` (strictly).
    static func radial(supportInCells support: Double, weight: (Double) -> Double) -> GridStencil {
        precondition(support.isFinite && support > 0, "kernel support must be finite and positive")
        var radius = Int(support.rounded(.down))
        if Double(radius) >= support { radius -= 1 }
        radius = max(radius, 0)
        let side = 2 * radius + 1
        var weights = [Double](repeating: 0, count: side * side)
        for dy in -radius ... radius {
            for dx in -radius ... radius {
                let d = Double(dx * dx + dy * dy).squareRoot()
                if d < support { weights[(dy + radius) * side + dx + radius] = weight(d) }
            }
        }
        return GridStencil(radius: radius, weights: weights, halfWidths: nil)
    }
}
