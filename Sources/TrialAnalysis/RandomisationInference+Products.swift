import LinearAlgebra

extension RandomisationInference {
    /// The fixed columns Z whose products ZᵀD_a with a draw's arm indicators give every
    /// per-draw quantity, for the first `outcomes` residualised outcomes, in `layout`.
    func productColumns(outcomes: Int, layout: ProductLayout) -> Matrix {
        let n = units, h = perArm, p = fixedRank
        var z: [[Double]] = []
        z.reserveCapacity(ProductLayout.columnCount(layout, outcomes: outcomes, perArm: h, fixedRank: p))
        let targets = (0 ..< outcomes).map { Array(residualised.column($0)) }
        switch layout {
        case .multipliers:
            let hs = (0 ..< h).map { Array(multipliers.column($0)) }
            for t in 0 ..< outcomes {
                for m in 0 ..< h { z.append(zip(targets[t], hs[m]).map { $0 * $1 }) }
            }
            for m in 0 ..< h {
                for l in m ..< h { z.append(zip(hs[m], hs[l]).map { $0 * $1 }) }
            }
            for m in 0 ..< h {
                for j in 0 ..< p { z.append(zip(basis.column(j), hs[m]).map { $0 * $1 }) }
            }
        case .basis:
            let qs = (0 ..< p).map { Array(basis.column($0)) }
            for t in 0 ..< outcomes {
                for j in 0 ..< p { z.append(zip(targets[t], qs[j]).map { $0 * $1 }) }
            }
            z += Self.pairProducts(qs)
        }
        precondition(z.allSatisfy { $0.count == n })
        return Matrix(columns: z)
    }

    /// q_j ∘ q_l for j ≤ l, in that order: the columns whose combinations give each unit's
    /// quadratic form q_iᵀΛq_i.
    static func pairProducts(_ columns: [[Double]]) -> [[Double]] {
        var result: [[Double]] = []
        for j in columns.indices {
            for l in j ..< columns.count { result.append(zip(columns[j], columns[l]).map { $0 * $1 }) }
        }
        return result
    }

    /// The indicator matrix of draws `start ..< start + width`: [draw 0: D_1 … D_k | draw 1: …],
    /// n × (k · width).
    func indicators(_ draws: AssignmentDraws, start: Int, width: Int) -> Matrix {
        let n = units, k = armCount - 1
        var indicators = Matrix(rows: n, columns: k * width)
        indicators.withUnsafeMutableBufferPointer { d in
            draws.armIndices.withUnsafeBufferPointer { arms in
                for r in 0 ..< width {
                    let source = (start + r) * n
                    for i in 0 ..< n {
                        let a = armPosition[Int(arms[source + i])]
                        if a >= 0 { d[(r * k + a) * n + i] = 1 }
                    }
                }
            }
        }
        return indicators
    }
}
