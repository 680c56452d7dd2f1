import LinearAlgebra
import TrialAnalysis

/// The score statistics of every draw of an ``TrialAnalysis/AssignmentDraws``.
public struct ScoreDrawStatistics: Sendable, Hashable {
    /// The scores: `scores[a][r]` is intervention arm a's score U_a (in the order of
    /// ``ScoreRandomisationInference/interventionArms``) under draw r.
    public let scores: [[Double]]
    /// The studentised scores U_a / √V_aa, `[arm][draw]`; NaN when the draw leaves the arm
    /// without information (no unit in it, or its indicator collinear with the fixed columns).
    public let statistics: [[Double]]
    /// The joint score statistic UᵀV⁻¹U of each draw; NaN when V is singular.
    public let joint: [Double]
}

extension ScoreRandomisationInference {
    /// The score statistics of every draw: the randomisation distribution.
    ///
    /// - Parameters:
    ///   - draws: Assignments coded like ``assignment`` (a mismatch in units or arms traps).
    ///   - drawsPerChunk: Draws per BLAS product, at least 1, or `nil` (the default) for as many
    ///     as keep the chunk's indicator matrix near 32 MB.
    ///   - progress: Called with the fraction of draws done, after each chunk; default none.
    /// - Returns: Per-draw statistics.
    /// - Complexity: `dgemm` products of (p + 2) × n × (k R) in all, plus O(R k³).
    public func drawStatistics(_ draws: AssignmentDraws, drawsPerChunk: Int? = nil,
                               progress: ((Double) -> Void)? = nil) -> ScoreDrawStatistics {
        precondition(draws.units == units && draws.armCount == armCount,
                     "ScoreRandomisationInference: draws of \(draws.units) units and \(draws.armCount) arms, expected \(units) and \(armCount)")
        precondition(drawsPerChunk.map { $0 >= 1 } ?? true, "ScoreRandomisationInference: drawsPerChunk must be at least 1")
        let n = units, k = armCount - 1, total = draws.count, width = fixedColumns.columns
        let chunk = min(total, drawsPerChunk ?? max(1, 4_000_000 / (n * k)))
        var scores = [[Double]](repeating: [Double](repeating: .nan, count: total), count: k)
        var statistics = scores
        var joint = [Double](repeating: .nan, count: total)
        var information = [Double](repeating: 0, count: k * k)
        var solved = [Double](repeating: 0, count: k)

        var start = 0
        while start < total {
            let count = min(chunk, total - start)
            // The 0/1 indicators of the chunk's draws: column d·k + a is intervention arm a under draw start + d.
            var indicators = Matrix(rows: n, columns: count * k)
            indicators.withUnsafeMutableBufferPointer { values in
                draws.armIndices.withUnsafeBufferPointer { arms in
                    for d in 0 ..< count {
                        let source = (start + d) * n
                        for i in 0 ..< n {
                            let position = armPosition[Int(arms[source + i])]
                            if position >= 0 { values[(d * k + position) * n + i] = 1 }
                        }
                    }
                }
            }
            let products = fixedColumns.multiplied(by: indicators, transposingSelf: true)  // width × (count k)
            products.withUnsafeBufferPointer { values in
                for d in 0 ..< count {
                    let r = start + d
                    // V = diag(DᵀWD) − CᵀC, k × k.
                    for a in 0 ..< k {
                        let columnA = (d * k + a) * width
                        for b in 0 ... a {
                            let columnB = (d * k + b) * width
                            var cross = 0.0
                            for j in 2 ..< width { cross += values[columnA + j] * values[columnB + j] }
                            let entry = (a == b ? values[columnA + 1] : 0) - cross
                            information[a * k + b] = entry
                            information[b * k + a] = entry
                        }
                    }
                    var u = [Double](repeating: 0, count: k)
                    for a in 0 ..< k {
                        let column = (d * k + a) * width
                        u[a] = values[column]
                        scores[a][r] = values[column]
                        // Information lost to the fixed columns to within rounding means none is left.
                        let diagonal = information[a * k + a]
                        statistics[a][r] = diagonal > 1e-10 * values[column + 1] ? values[column] / diagonal.squareRoot() : .nan
                    }
                    joint[r] = Self.quadraticForm(u, information: &information, solved: &solved, order: k)
                }
            }
            start += count
            progress?(Double(start) / Double(total))
        }
        return ScoreDrawStatistics(scores: scores, statistics: statistics, joint: joint)
    }

    /// uᵀV⁻¹u by a Cholesky factorisation of the small k × k V in place; NaN unless V is
    /// positive definite to within rounding.
    static func quadraticForm(_ u: [Double], information v: inout [Double], solved: inout [Double], order k: Int) -> Double {
        let scale = (0 ..< k).map { v[$0 * k + $0] }.max() ?? 0
        guard scale > 0 else { return .nan }
        for j in 0 ..< k {
            var pivot = v[j * k + j]
            for m in 0 ..< j { pivot -= v[j * k + m] * v[j * k + m] }
            guard pivot > 1e-10 * scale else { return .nan }
            let root = pivot.squareRoot()
            v[j * k + j] = root
            for i in (j + 1) ..< max(j + 1, k) {
                var entry = v[i * k + j]
                for m in 0 ..< j { entry -= v[i * k + m] * v[j * k + m] }
                v[i * k + j] = entry / root
            }
        }
        // Forward substitution L z = u; then uᵀV⁻¹u = ‖z‖².
        var total = 0.0
        for i in 0 ..< k {
            var entry = u[i]
            for m in 0 ..< i { entry -= v[i * k + m] * solved[m] }
            solved[i] = entry / v[i * k + i]
            total += solved[i] * solved[i]
        }
        return total
    }
}
