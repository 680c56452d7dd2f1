import Statistics

/// The Getis-Ord local statistic Gi* on a grid, with binary distance-band weights and the focal
/// cell included: `G*_i = Σ_j w_ij y_j / Σ_j y_j`, where `w_ij = 1` for the cells within the band
/// of cell i (itself included).
///
/// The z-score is the analytic one under the randomisation null, exactly as esda's
/// `G_Local(y, w, transform='B', star=True)` computes it (`Zs`):
/// `E[G*_i] = W_i / n`, `Var[G*_i] = W_i (n − W_i) / ((n − 1) n²) · s² / ȳ²`, with `W_i` the
/// number of cells in i's band inside the grid (fewer at the edges), `ȳ` the mean over all n
/// cells and `s²` their variance with divisor n. Agreement with esda 2.9 is tested to 1e-9.
///
/// The neighbourhood sums are convolutions of the layer with a disc of cells, computed by
/// ``ConvolutionMethod`` so that the cost does not grow with the distance band.
public struct GetisOrdGiStar: Sendable {
    /// The neighbourhood of each cell.
    public let band: DistanceBand
    /// How the neighbourhood sums are computed.
    public let method: ConvolutionMethod

    /// Creates the statistic for a distance band.
    ///
    /// - Parameters:
    ///   - band: the binary distance band.
    ///   - method: how neighbourhood sums are computed; default `.automatic`.
    public init(band: DistanceBand, method: ConvolutionMethod = .automatic) {
        self.band = band
        self.method = method
    }

    /// Gi* for every cell of a layer.
    ///
    /// - Parameter layer: values per cell, usually crime counts.
    /// - Returns: statistics, z-scores and two-sided p-values per cell. A layer whose values are
    ///   all equal (or all zero) has no variance, and its z-scores are NaN, as in esda.
    /// - Complexity: O(cells × (2R + 1)) or O(P log P) for the padded grid, whichever is cheaper,
    ///   plus O(cells).
    public func callAsFunction(_ layer: GridLayer) -> GetisOrdResult {
        analyse([layer])[0]
    }

    /// Gi* for several layers on one grid (every crime type), sharing the neighbour counts.
    ///
    /// - Parameter layers: layers on the same grid.
    /// - Returns: one result per layer.
    /// - Complexity: as ``callAsFunction(_:)`` per layer.
    public func analyse(_ layers: [GridLayer]) -> [GetisOrdResult] {
        guard let grid = layers.first?.grid else { return [] }
        precondition(layers.allSatisfy { $0.grid == grid }, "Gi* layers must share one grid")
        let stencil = band.stencil(cellSize: grid.cellSize)
        let ones = [Double](repeating: 1, count: grid.cellCount)
        let sums = GridConvolution.apply(layers.map(\.values) + [ones], columns: grid.columns, rows: grid.rows,
                                         stencil: stencil, method: method)
        let cardinality = GridLayer(grid: grid, values: sums[layers.count])
        return layers.indices.map { k in
            GetisOrdResult(layer: layers[k], band: band, neighbourSums: GridLayer(grid: grid, values: sums[k]),
                           neighbourCounts: cardinality)
        }
    }
}

/// Gi* statistics for every cell of a layer; see ``GetisOrdGiStar``.
public struct GetisOrdResult: Sendable {
    /// The distance band used.
    public let band: DistanceBand
    /// The layer analysed.
    public let values: GridLayer
    /// `Σ_j w_ij y_j`: the sum over each cell's band, itself included.
    public let neighbourSums: GridLayer
    /// `W_i`: the number of grid cells in each cell's band, itself included.
    public let neighbourCounts: GridLayer
    /// `G*_i`, esda's `Gs`.
    public let statistic: GridLayer
    /// The z-scores, esda's `Zs`.
    public let zScores: GridLayer
    /// Two-sided normal p-values, `2 · P(Z > |z|)`, as ArcGIS's Hot Spot Analysis reports
    /// them. (esda's `p_norm` is the one-sided `P(Z > |z|)`, half of this.)
    public let pValues: GridLayer

    /// The sum of all values, `Σ y`.
    public let total: Double
    /// The variance of the values, with divisor n.
    public let valueVariance: Double

    init(layer: GridLayer, band: DistanceBand, neighbourSums: GridLayer, neighbourCounts: GridLayer) {
        let n = Double(layer.values.count)
        var sum = 0.0, sumOfSquares = 0.0
        for y in layer.values {
            sum += y
            sumOfSquares += y * y
        }
        let mean = sum / n
        let variance = sumOfSquares / n - mean * mean
        let scale = variance / (mean * mean) / ((n - 1) * n * n)
        let count = layer.values.count
        var statistic = [Double](repeating: 0, count: count)
        var z = [Double](repeating: 0, count: count)
        var p = [Double](repeating: 0, count: count)
        let normal = Normal.standard
        neighbourSums.values.withUnsafeBufferPointer { sums in
            neighbourCounts.values.withUnsafeBufferPointer { cardinality in
                statistic.withUnsafeMutableBufferPointer { statistic in
                    z.withUnsafeMutableBufferPointer { z in
                        p.withUnsafeMutableBufferPointer { p in
                            let shared = GridUncheckedSendable((sums.baseAddress!, cardinality.baseAddress!, statistic.baseAddress!,
                                                                z.baseAddress!, p.baseAddress!))
                            GridParallel.forEachChunk(count, minimumChunk: 4096) { cells in
                                let (sums, cardinality, statistic, z, p) = shared.value
                                for i in cells {
                                    let g = sums[i] / sum
                                    let w = cardinality[i]
                                    let expected = w / n
                                    let zi = (g - expected) / (w * (n - w) * scale).squareRoot()
                                    statistic[i] = g
                                    z[i] = zi
                                    p[i] = zi.isNaN ? .nan : min(1, 2 * normal.survival(abs(zi)))
                                }
                            }
                        }
                    }
                }
            }
        }
        self.band = band
        self.values = layer
        self.neighbourSums = neighbourSums
        self.neighbourCounts = neighbourCounts
        self.statistic = GridLayer(grid: layer.grid, values: statistic)
        self.zScores = GridLayer(grid: layer.grid, values: z)
        self.pValues = GridLayer(grid: layer.grid, values: p)
        self.total = sum
        self.valueVariance = variance
    }

    /// The grid of the results.
    public var grid: GridDefinition { values.grid }

    /// `E[G*_i] = W_i / n`, esda's `EGs`.
    public var expectation: GridLayer {
        let n = Double(grid.cellCount)
        return GridLayer(grid: grid, values: neighbourCounts.values.map { $0 / n })
    }

    /// `Var[G*_i]`, esda's `VGs`.
    public var variance: GridLayer {
        let n = Double(grid.cellCount)
        let mean = total / n
        return GridLayer(grid: grid, values: neighbourCounts.values.map {
            $0 * (n - $0) / (n - 1) / (n * n) * (valueVariance / (mean * mean))
        })
    }

    /// Conditional permutation pseudo p-values, as esda's `p_sim` (folded one-sided).
    ///
    /// Each cell keeps its own value and its `W_i − 1` neighbours are replaced by a random
    /// sample, without replacement, of the other cells' values; `G*_i` is recomputed each time.
    /// The result agrees with esda's `p_sim` in distribution, not draw for draw (the generators
    /// differ); with the same seed it is the same on every machine and thread count.
    ///
    /// - Parameters:
    ///   - permutations: samples per cell; at least 1, default 999.
    ///   - generator: the source of the seed; one value is drawn from it.
    /// - Returns: pseudo p-values between `1/(permutations+1)` and 0.5 + `1/(permutations+1)`.
    /// - Complexity: O(cells × permutations × W), spread over the processors.
    public func permutationPValues(permutations: Int = 999, using generator: inout some RandomNumberGenerator) -> GridLayer {
        let count = grid.cellCount
        let y = values.values
        let draws = neighbourCounts.values.map { Int($0) - 1 }
        let observed = (0 ..< count).map { neighbourSums.values[$0] - y[$0] }
        let direction = total > 0 ? 1 : (total < 0 ? -1 : 0)
        let p = ConditionalPermutation.pValues(values: y, drawCounts: draws, observedSums: observed,
                                               directions: [Int](repeating: direction, count: count),
                                               permutations: permutations, seed: generator.next())
        return GridLayer(grid: grid, values: p)
    }
}
