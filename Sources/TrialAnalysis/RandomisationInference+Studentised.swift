import LinearAlgebra

/// The per-unit pass of the studentised statistic for one draw: from the products Q·[M_bᵀθ̂,
/// M_bᵀu_a] and [q_j ∘ q_l]·Λ_b, each unit's residual, leverage and sandwich weights, summed
/// into the arms' robust covariance (and, for test inversion, the coefficients of each arm's
/// squared standard error as a function of the hypothesised effect).
struct StudentisedAccumulator {
    let arms: Int
    let outcomes: Int
    let nuisance: [Double]?
    /// Per cluster and arm: Σ eᵢsₐᵢ, and for intervals Σ sₐᵢ baseᵢ and Σ sₐᵢ dirᵢ.
    var clusterScores: [Double]
    var clusterBase: [Double]
    var clusterDirection: [Double]
    var residuals: [Double]
    var scores: [Double]

    init(arms: Int, outcomes: Int, clusters: Int, nuisance: [Double]?) {
        self.arms = arms
        self.outcomes = outcomes
        self.nuisance = nuisance
        clusterScores = [Double](repeating: 0, count: clusters * arms)
        clusterBase = [Double](repeating: 0, count: nuisance == nil ? 0 : clusters * arms)
        clusterDirection = [Double](repeating: 0, count: nuisance == nil ? 0 : clusters * arms)
        residuals = [Double](repeating: 0, count: outcomes)
        scores = [Double](repeating: 0, count: arms)
    }

    /// Adds draw `draw` (column `local` of this chunk's products) to `result`.
    ///
    /// - Parameter classicalArmBlock: For the classical variance, the arms' block of G⁻¹
    ///   (k × k); `nil` otherwise.
    mutating func accumulate(_ inference: RandomisationInference, draws: AssignmentDraws, draw: Int, local r: Int,
                             linear: Matrix, leverage: Matrix, variance: VarianceEstimator, vectorsPerGroup: Int,
                             classicalArmBlock: [Double]?, into result: inout DrawEvaluation) {
        let n = inference.units, k = arms, v = outcomes
        let size = k * inference.perArm
        let parameters = inference.fixedRank + size
        let degreesOfFreedom = Double(n - parameters)
        let clustered = variance.isClustered
        var covariance = [Double](repeating: 0, count: k * k)
        var constant = [Double](repeating: 0, count: k), linearTerm = constant, quadraticTerm = constant
        var residualSumOfSquares = 0.0
        let estimates = (0 ..< k).map { result.estimates[$0][draw] }
        var undefined = false
        if clustered {
            for index in clusterScores.indices { clusterScores[index] = 0 }
            for index in clusterBase.indices { clusterBase[index] = 0; clusterDirection[index] = 0 }
        }
        linear.withUnsafeBufferPointer { linearValues in
            leverage.withUnsafeBufferPointer { leverageValues in
                inference.residualised.withUnsafeBufferPointer { residualised in
                    draws.armIndices.withUnsafeBufferPointer { arms in
                        let source = draw * n
                        for i in 0 ..< n {
                            let group = inference.armPosition[Int(arms[source + i])] + 1
                            let column = r * (k + 1) + group
                            var weight = 1.0
                            if variance == .hc2 || variance == .hc3 {
                                let h = inference.basisLeverages[i] + leverageValues[column * n + i]
                                guard h < 1 - 1e-10 else { undefined = true; continue }
                                weight = variance == .hc2 ? 1 / (1 - h) : 1 / ((1 - h) * (1 - h))
                            }
                            let first = column * vectorsPerGroup
                            for t in 0 ..< v { residuals[t] = residualised[t * n + i] + linearValues[(first + t) * n + i] }
                            for a in 0 ..< k { scores[a] = linearValues[(first + v + a) * n + i] }
                            let e = residuals[0]
                            if clustered {
                                let g = inference.clusters![i]
                                for a in 0 ..< k { clusterScores[g * k + a] += e * scores[a] }
                            } else if variance == .classical {
                                residualSumOfSquares += e * e
                            } else {
                                let we = weight * e * e
                                for a in 0 ..< k {
                                    for b in a ..< k { covariance[a * k + b] += we * scores[a] * scores[b] }
                                }
                            }
                            if let nuisance {
                                for a in 0 ..< k {
                                    var base = e
                                    for b in 0 ..< k where b != a { base -= nuisance[b] * residuals[1 + b] }
                                    let direction = residuals[1 + a]
                                    if clustered {
                                        let g = inference.clusters![i]
                                        clusterBase[g * k + a] += scores[a] * base
                                        clusterDirection[g * k + a] += scores[a] * direction
                                    } else {
                                        let ws = variance == .classical ? 1 : weight * scores[a] * scores[a]
                                        constant[a] += ws * base * base
                                        linearTerm[a] += ws * base * direction
                                        quadraticTerm[a] += ws * direction * direction
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard !undefined else { return }
        if clustered {
            for g in 0 ..< inference.clusterCount {
                for a in 0 ..< k {
                    for b in a ..< k { covariance[a * k + b] += clusterScores[g * k + a] * clusterScores[g * k + b] }
                    if nuisance != nil {
                        constant[a] += clusterBase[g * k + a] * clusterBase[g * k + a]
                        linearTerm[a] += clusterBase[g * k + a] * clusterDirection[g * k + a]
                        quadraticTerm[a] += clusterDirection[g * k + a] * clusterDirection[g * k + a]
                    }
                }
            }
        }
        // The small-sample factor of each estimator; classical: σ̂² times the arms' block of G⁻¹.
        var scale = 1.0
        switch variance {
        case .hc1: scale = Double(n) / degreesOfFreedom
        case .stata:
            let s = Double(inference.clusterCount)
            scale = Double(n - 1) / degreesOfFreedom * s / (s - 1)
        default: break
        }
        if let classicalArmBlock {
            for index in covariance.indices { covariance[index] = residualSumOfSquares / degreesOfFreedom * classicalArmBlock[index] }
        } else {
            for index in covariance.indices { covariance[index] *= scale }
        }
        for a in 0 ..< k {
            for b in 0 ..< a { covariance[a * k + b] = covariance[b * k + a] }
        }
        for a in 0 ..< k { result.standardErrors[a][draw] = covariance[a * k + a].squareRoot() }
        if nuisance != nil {
            for a in 0 ..< k {
                let factor = classicalArmBlock.map { $0[a * k + a] / degreesOfFreedom } ?? scale
                result.varianceConstant[a][draw] = factor * constant[a]
                result.varianceLinear[a][draw] = factor * linearTerm[a]
                result.varianceQuadratic[a][draw] = factor * quadraticTerm[a]
            }
        }
        var factor = covariance
        guard DrawSolver.choleskyFactorise(&factor, order: k) else { return }
        var solved = estimates
        DrawSolver.choleskySolve(factor, order: k, &solved, offset: 0)
        var wald = 0.0
        for a in 0 ..< k { wald += estimates[a] * solved[a] }
        result.wald[draw] = wald
    }
}
