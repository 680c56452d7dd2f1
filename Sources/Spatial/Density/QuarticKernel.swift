/// Quartic (biweight) kernel density estimation on a grid, the profile method's heat map:
/// `K(d) = 3 / (π h²) · (1 − (d/h)²)²` for `d < h`, and 0 beyond the bandwidth `h`.
///
/// The kernel integrates to 1 over the plane, so a density is in crimes per square unit of the
/// coordinates (per m² on the British National Grid; multiply by 10⁶ for crimes per km², or by
/// ``GridDefinition/cellArea`` for crimes per cell). This is the profile method's formula, the
/// quartic kernel of CrimeStat's KDE; there is no edge correction. Results are checked against a
/// direct summation over every point and cell (to 1e-12 relative), not against another program.
///
/// Two discretisations are offered, both evaluated at cell centres:
/// - **binned** (``density(of:method:)``): each crime is moved to its cell's centre, and the density
///   at a centre is `Σ_j count_j · K(|centre − centre_j|)`, a convolution of the counts with the
///   kernel's stencil. It is exactly a direct summation over points placed at cell centres; moving
///   a crime by at most half a cell diagonal changes `K` by at most `|K′| · s/√2`, small when the
///   bandwidth spans several cells.
/// - **exact** (``density(ofPoints:on:)``): `Σ_i K(|centre − p_i|)` over the crimes' own positions,
///   summed for each crime over the cells within the bandwidth only.
public struct QuarticKernel: Sendable, Hashable {
    /// The bandwidth `h`, in the coordinates' units: the distance at which a crime's weight falls
    /// to zero.
    public let bandwidth: Double

    /// The bandwidth used when none is given: three cell sizes (750 m on the default 250 m grid).
    ///
    /// Why: with `h = 3s` the kernel covers 25 cells around each crime, enough to smooth the
    /// scatter of single addresses into a surface, while staying at the scale of a neighbourhood
    /// (about a ten-minute walk) so that separate hotspots are not merged; a bandwidth under one
    /// cell would reproduce the counts, and one of many cells blurs a town into one peak. The
    /// ratio is kept fixed so that a change of cell size keeps the same picture at a new
    /// resolution. Analysts should state and vary it.
    public static func defaultBandwidth(for grid: GridDefinition) -> Double { 3 * grid.cellSize }

    /// Creates the kernel.
    ///
    /// - Parameter bandwidth: `h`, finite and positive.
    public init(bandwidth: Double) {
        precondition(bandwidth.isFinite && bandwidth > 0, "bandwidth must be finite and positive, not \(bandwidth)")
        self.bandwidth = bandwidth
    }

    /// The kernel's value at a distance: `3/(π h²) (1 − (d/h)²)²` for `d < h`, otherwise 0.
    @inlinable
    public func weight(atDistance distance: Double) -> Double {
        guard distance < bandwidth else { return 0 }
        let u = distance / bandwidth
        let t = 1 - u * u
        return 3 / (Double.pi * bandwidth * bandwidth) * t * t
    }

    /// The kernel on a grid: weights at whole-cell offsets, in cell sizes.
    func stencil(cellSize: Double) -> GridStencil {
        GridStencil.radial(supportInCells: bandwidth / cellSize) { weight(atDistance: $0 * cellSize) }
    }

    /// Binned kernel density at every cell centre from a layer of counts.
    ///
    /// - Parameters:
    ///   - counts: crimes per cell (or any weights per cell).
    ///   - method: how the convolution is computed; default `.automatic`.
    /// - Returns: the density at each cell centre, on the counts' grid.
    /// - Complexity: O(cells × stencil cells) directly or O(P log P) by FFT for P padded cells,
    ///   whichever is cheaper under `.automatic`; never O(points × cells).
    public func density(of counts: GridLayer, method: ConvolutionMethod = .automatic) -> GridLayer {
        densities(of: [counts], method: method)[0]
    }

    /// Binned kernel densities of several layers on one grid (every crime type, say).
    ///
    /// - Parameters:
    ///   - layers: layers on the same grid.
    ///   - method: how the convolutions are computed; default `.automatic`.
    /// - Returns: one density layer per input layer.
    /// - Complexity: as ``density(of:method:)`` per layer; the FFT path transforms two layers at once.
    public func densities(of layers: [GridLayer], method: ConvolutionMethod = .automatic) -> [GridLayer] {
        guard let grid = layers.first?.grid else { return [] }
        precondition(layers.allSatisfy { $0.grid == grid }, "density layers must share one grid")
        let sums = GridConvolution.apply(layers.map(\.values), columns: grid.columns, rows: grid.rows,
                                         stencil: stencil(cellSize: grid.cellSize), method: method)
        return sums.map { GridLayer(grid: grid, values: $0) }
    }

    /// Kernel density at every cell centre from the crimes' exact positions.
    ///
    /// Crimes outside the grid are left out, as in ``CrimeCounts``, so both discretisations
    /// describe the same crimes.
    ///
    /// - Parameters:
    ///   - points: the crimes' locations.
    ///   - grid: the grid whose cell centres the density is evaluated at.
    /// - Returns: the density at each cell centre.
    /// - Complexity: O(points × (2h/s + 1)²): each crime touches only the cells within `h`.
    public func density(ofPoints points: [Point], on grid: GridDefinition) -> GridLayer {
        var values = [Double](repeating: 0, count: grid.cellCount)
        let s = grid.cellSize
        let reach = Int((bandwidth / s).rounded(.up)) + 1
        for point in points {
            guard grid.cellIndex(x: point.x, y: point.y) != nil else { continue }
            let u = (point.x - grid.origin.x) / s - 0.5, v = (point.y - grid.origin.y) / s - 0.5
            let c0 = max(0, Int(u.rounded(.down)) - reach), c1 = min(grid.columns - 1, Int(u.rounded(.up)) + reach)
            let r0 = max(0, Int(v.rounded(.down)) - reach), r1 = min(grid.rows - 1, Int(v.rounded(.up)) + reach)
            guard c0 <= c1, r0 <= r1 else { continue }
            for r in r0 ... r1 {
                let dy = (grid.origin.y + (Double(r) + 0.5) * s) - point.y
                for c in c0 ... c1 {
                    let dx = (grid.origin.x + (Double(c) + 0.5) * s) - point.x
                    let d = (dx * dx + dy * dy).squareRoot()
                    if d < bandwidth { values[r * grid.columns + c] += weight(atDistance: d) }
                }
            }
        }
        return GridLayer(grid: grid, values: values)
    }
}
