import Statistics

/// Local Moran's I (Anselin 1995) on a grid with distance-band weights, the focal cell excluded,
/// with quadrant labels: esda's `Moran_Local(y, w, transformation=...)`.
///
/// With `z_i = (y_i − ȳ) / s` (s the standard deviation with divisor n) and the spatial lag
/// `L_i = Σ_j w_ij z_j`, `I_i = (n − 1) z_i L_i / Σ_k z_k²`. The weights are row-standardised by
/// default (`w_ij = 1 / k_i` for the `k_i` neighbours of i), as esda's default
/// `transformation='r'`; binary weights (`'b'`) are the alternative. A cell with no neighbour has
/// a lag of 0. The expectation and variance are esda's total-randomisation moments (`EI`, `VI`,
/// after Sokal et al. 1998). Agreement with esda 2.9 is tested to 1e-9.
public struct LocalMoran: Sendable {
    /// How the distance-band weights are scaled.
    public enum Weights: String, Sendable, CaseIterable {
        /// Each cell's weights sum to 1 (esda `'r'`, the default).
        case rowStandardised = "r"
        /// Every neighbour has weight 1 (esda `'b'`).
        case binary = "b"
    }

    /// The neighbourhood of each cell (the focal cell itself is not its own neighbour).
    public let band: DistanceBand
    /// How the weights are scaled.
    public let weights: Weights
    /// How the neighbourhood sums are computed.
    public let method: ConvolutionMethod

    /// Creates the statistic.
    ///
    /// - Parameters:
    ///   - band: the distance band.
    ///   - weights: default `.rowStandardised`, as esda.
    ///   - method: how neighbourhood sums are computed; default `.automatic`.
    public init(band: DistanceBand, weights: Weights = .rowStandardised, method: ConvolutionMethod = .automatic) {
        self.band = band
        self.weights = weights
        self.method = method
    }

    /// Local Moran's I for every cell of a layer.
    ///
    /// - Parameter layer: values per cell.
    /// - Returns: statistics, quadrants, moments, z-scores and two-sided normal p-values. A constant
    ///   layer gives NaN statistics, as esda.
    /// - Complexity: O(cells × (2R + 1)) or O(P log P), whichever is cheaper.
    public func callAsFunction(_ layer: GridLayer) -> LocalMoranResult {
        let grid = layer.grid
        let count = grid.cellCount
        let n = Double(count)
        let y = layer.values
        let mean = y.reduce(0, +) / n
        var squares = 0.0
        for v in y { squares += (v - mean) * (v - mean) }
        let sd = (squares / n).squareRoot()
        let z = y.map { ($0 - mean) / sd }
        let stencil = band.stencil(cellSize: grid.cellSize)
        let sums = GridConvolution.apply([y, [Double](repeating: 1, count: count)], columns: grid.columns,
                                         rows: grid.rows, stencil: stencil, method: method)
        var zSquares = 0.0, zFourth = 0.0
        for v in z {
            zSquares += v * v
            zFourth += v * v * v * v
        }
        let m2 = zSquares / n
        let b2 = (zFourth / n) / (m2 * m2)
        var statistic = [Double](repeating: 0, count: count)
        var lag = [Double](repeating: 0, count: count)
        var quadrant = [LocalMoranQuadrant](repeating: .lowLow, count: count)
        var expectation = [Double](repeating: 0, count: count)
        var variance = [Double](repeating: 0, count: count)
        var zScore = [Double](repeating: 0, count: count)
        var p = [Double](repeating: 0, count: count)
        let normal = Normal.standard
        let n1 = n - 1
        for i in 0 ..< count {
            let k = sums[1][i] - 1
            // Neighbours' sum of y, itself excluded, then of z: Σ_j z_j = (Σ_j y_j − k ȳ) / s.
            let neighbourSum = sums[0][i] - y[i]
            let zSum = (neighbourSum - k * mean) / sd
            let (l, wi, wi2): (Double, Double, Double)
            if k == 0 {
                (l, wi, wi2) = (0, 0, 0)
            } else if weights == .rowStandardised {
                (l, wi, wi2) = (zSum / k, 1, 1 / k)
            } else {
                (l, wi, wi2) = (zSum, k, k)
            }
            lag[i] = l
            statistic[i] = n1 * z[i] * l / zSquares
            quadrant[i] = LocalMoranQuadrant(value: z[i], lag: l)
            expectation[i] = -wi / n1
            var v = wi2 * (n - b2) / n1
            v += (wi * wi - wi2) * (2 * b2 - n) / (n1 * (n - 2))
            v -= (-wi / n1) * (-wi / n1)
            variance[i] = v
            zScore[i] = (statistic[i] - expectation[i]) / v.squareRoot()
            p[i] = zScore[i].isNaN ? .nan : min(1, 2 * normal.survival(abs(zScore[i])))
        }
        return LocalMoranResult(
            band: band, weights: weights, values: layer,
            standardised: GridLayer(grid: grid, values: z),
            lag: GridLayer(grid: grid, values: lag),
            statistic: GridLayer(grid: grid, values: statistic),
            quadrants: quadrant,
            expectation: GridLayer(grid: grid, values: expectation),
            variance: GridLayer(grid: grid, values: variance),
            zScores: GridLayer(grid: grid, values: zScore),
            pValues: GridLayer(grid: grid, values: p),
            neighbourSums: sums[0], neighbourCounts: sums[1])
    }
}

/// The quadrant of the Moran scatterplot a cell falls in: its own standardised value against its
/// neighbours' (the spatial lag). Raw values match esda's `q` with `geoda_quads=False`.
public enum LocalMoranQuadrant: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// High value among high values (a hot spot): `z > 0`, lag `> 0`.
    case highHigh = 1
    /// Low value among high values: `z ≤ 0`, lag `> 0`.
    case lowHigh = 2
    /// Low value among low values (a cold spot): `z ≤ 0`, lag `≤ 0`.
    case lowLow = 3
    /// High value among low values: `z > 0`, lag `≤ 0`.
    case highLow = 4

    /// The quadrant of a standardised value and its lag, by esda's strict `> 0` tests.
    public init(value: Double, lag: Double) {
        switch (value > 0, lag > 0) {
        case (true, true): self = .highHigh
        case (false, true): self = .lowHigh
        case (false, false): self = .lowLow
        case (true, false): self = .highLow
        }
    }

    /// The usual two-letter label: HH, LH, LL or HL.
    public var description: String {
        switch self {
        case .highHigh: "HH"
        case .lowHigh: "LH"
        case .lowLow: "LL"
        case .highLow: "HL"
        }
    }
}

/// Local Moran's I for every cell of a layer; see ``LocalMoran``.
public struct LocalMoranResult: Sendable {
    /// The distance band used.
    public let band: DistanceBand
    /// The weight scaling used.
    public let weights: LocalMoran.Weights
    /// The layer analysed.
    public let values: GridLayer
    /// `z_i = (y_i − ȳ) / s`, esda's `z`.
    public let standardised: GridLayer
    /// The spatial lag of `z`, `Σ_j w_ij z_j`.
    public let lag: GridLayer
    /// `I_i`, esda's `Is`.
    public let statistic: GridLayer
    /// The scatterplot quadrant of each cell, row-major; esda's `q`.
    public let quadrants: [LocalMoranQuadrant]
    /// `E[I_i]` under total randomisation, esda's `EI`.
    public let expectation: GridLayer
    /// `Var[I_i]` under total randomisation, esda's `VI`.
    public let variance: GridLayer
    /// `(I_i − E[I_i]) / √Var[I_i]`.
    public let zScores: GridLayer
    /// Two-sided normal p-values of ``zScores``.
    public let pValues: GridLayer
    let neighbourSums: [Double]
    let neighbourCounts: [Double]

    /// The grid of the results.
    public var grid: GridDefinition { values.grid }

    /// Conditional permutation pseudo p-values, as esda's `p_sim` (folded one-sided).
    ///
    /// Each cell keeps its own value and its neighbours are replaced by a random sample, without
    /// replacement, of the other cells' values. It agrees with esda's `p_sim` in distribution,
    /// not draw for draw; with the same seed it is the same on every machine and thread count.
    ///
    /// - Parameters:
    ///   - permutations: samples per cell; at least 1, default 999.
    ///   - generator: the source of the seed; one value is drawn from it.
    /// - Returns: pseudo p-values.
    /// - Complexity: O(cells × permutations × neighbours), spread over the processors.
    public func permutationPValues(permutations: Int = 999, using generator: inout some RandomNumberGenerator) -> GridLayer {
        let y = values.values
        let count = y.count
        // I_i grows with the neighbours' sum when z_i > 0 and falls when z_i < 0.
        let directions = standardised.values.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        let p = ConditionalPermutation.pValues(
            values: y, drawCounts: neighbourCounts.map { Int($0) - 1 },
            observedSums: (0 ..< count).map { neighbourSums[$0] - y[$0] },
            directions: directions, permutations: permutations, seed: generator.next())
        return GridLayer(grid: grid, values: p)
    }
}
