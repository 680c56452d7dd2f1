import Foundation

/// Each intervention arm's estimate and HC2 standard error in one replicate trial, by the
/// regression that ``TrialAnalysis/ArmEffectModel`` fits with Lin's adjustment (or none) and
/// HC2, computed arm by arm.
///
/// Lin's regression interacts every centred covariate with every arm, so its column space is the
/// direct sum over arms of span{1ₐ, x̃ 1ₐ}: its hat matrix is block diagonal by arm, and its fit
/// is the separate regression of y on (1, x̃) within each arm, x̃ centred at the whole sample's
/// mean. The arm effect is the difference of the arm's and control's intercepts, and because
/// HC2 is invariant to reparametrising the design (the leverages and the sandwich transform
/// together), its HC2 variance is the sum of the two intercepts' HC2 variances. Each arm costs
/// O(nₐ q²) with no n × K matrix. Agreement with ``TrialAnalysis/RobustLinearModel`` on the same
/// data is checked in the tests to 1e-10 relative.
struct ReplicateFit {
    /// Covariates per person (q), 0 for no adjustment.
    let covariateCount: Int
    /// Scratch: per-arm Gram matrices and solutions, reused across replicates.
    private var gram: [Double]
    private var inverse: [Double]

    init(covariateCount: Int) {
        self.covariateCount = covariateCount
        let p = covariateCount + 1
        gram = [Double](repeating: 0, count: p * p)
        inverse = [Double](repeating: 0, count: p * p)
    }

    /// Fits one replicate.
    ///
    /// - Parameters:
    ///   - y: The outcomes.
    ///   - covariates: q columns of n values each, one after the other (centred here).
    ///   - arm: Each person's arm: 0 for control, a for intervention arm a.
    ///   - armCount: Arms including control.
    ///   - estimates: Receives each intervention arm's estimate.
    ///   - standardErrors: Receives their HC2 standard errors.
    /// - Returns: `false` when an arm has too few people for its regression (n ≤ q + 1) or its
    ///   covariates are collinear.
    mutating func fit(y: UnsafeBufferPointer<Double>, covariates: UnsafeMutableBufferPointer<Double>, arm: UnsafeBufferPointer<Int32>,
                      armCount: Int, estimates: inout [Double], standardErrors: inout [Double]) -> Bool {
        let n = y.count, q = covariateCount, p = q + 1
        for j in 0 ..< q {
            var mean = 0.0
            for i in 0 ..< n { mean += covariates[j * n + i] }
            mean /= Double(n)
            for i in 0 ..< n { covariates[j * n + i] -= mean }
        }
        var intercepts = [Double](repeating: 0, count: armCount)
        var variances = [Double](repeating: 0, count: armCount)
        for a in 0 ..< armCount {
            guard let (intercept, variance) = fitArm(Int32(a), y: y, covariates: covariates, arm: arm, p: p) else { return false }
            intercepts[a] = intercept
            variances[a] = variance
        }
        for a in 1 ..< armCount {
            estimates[a - 1] = intercepts[a] - intercepts[0]
            standardErrors[a - 1] = (variances[a] + variances[0]).squareRoot()
        }
        return true
    }

    /// The intercept of y on (1, x̃) within one arm and its HC2 variance.
    private mutating func fitArm(_ a: Int32, y: UnsafeBufferPointer<Double>, covariates: UnsafeMutableBufferPointer<Double>,
                                 arm: UnsafeBufferPointer<Int32>, p: Int) -> (Double, Double)? {
        let n = y.count
        // Gram matrix Z'Z and Z'y of the arm's rows, Z = (1, x̃).
        for k in 0 ..< p * p { gram[k] = 0 }
        var zy = [Double](repeating: 0, count: p)
        var count = 0
        var z = [Double](repeating: 1, count: p)
        for i in 0 ..< n where arm[i] == a {
            count += 1
            for j in 1 ..< p { z[j] = covariates[(j - 1) * n + i] }
            for r in 0 ..< p {
                zy[r] += z[r] * y[i]
                for c in r ..< p { gram[r * p + c] += z[r] * z[c] }
            }
        }
        guard count > p else { return nil }
        for r in 0 ..< p { for c in 0 ..< r { gram[r * p + c] = gram[c * p + r] } }
        guard Self.invertSymmetric(gram, into: &inverse, order: p) else { return nil }
        var beta = [Double](repeating: 0, count: p)
        for r in 0 ..< p { for c in 0 ..< p { beta[r] += inverse[r * p + c] * zy[c] } }
        // HC2: Σ e²/(1 − h) (zᵢ·w)², w the first row of (Z'Z)⁻¹.
        var variance = 0.0
        for i in 0 ..< n where arm[i] == a {
            for j in 1 ..< p { z[j] = covariates[(j - 1) * n + i] }
            var fitted = 0.0, leverage = 0.0, weightDot = 0.0
            for r in 0 ..< p {
                fitted += z[r] * beta[r]
                weightDot += z[r] * inverse[r]
                var row = 0.0
                for c in 0 ..< p { row += inverse[r * p + c] * z[c] }
                leverage += z[r] * row
            }
            let e = y[i] - fitted
            variance += e * e / (1 - leverage) * weightDot * weightDot
        }
        return (beta[0], variance)
    }

    /// Inverts a small symmetric positive definite matrix by Gauss-Jordan elimination with
    /// partial pivoting; `false` if it is singular to working precision.
    static func invertSymmetric(_ matrix: [Double], into inverse: inout [Double], order p: Int) -> Bool {
        var a = matrix
        for k in 0 ..< p * p { inverse[k] = 0 }
        for k in 0 ..< p { inverse[k * p + k] = 1 }
        var scale = 0.0
        for k in 0 ..< p { scale = max(scale, abs(a[k * p + k])) }
        for column in 0 ..< p {
            var pivot = column
            for r in column + 1 ..< p where abs(a[r * p + column]) > abs(a[pivot * p + column]) { pivot = r }
            guard abs(a[pivot * p + column]) > scale * 1e-12 else { return false }
            if pivot != column {
                for c in 0 ..< p {
                    a.swapAt(pivot * p + c, column * p + c)
                    inverse.swapAt(pivot * p + c, column * p + c)
                }
            }
            let d = a[column * p + column]
            for c in 0 ..< p { a[column * p + c] /= d; inverse[column * p + c] /= d }
            for r in 0 ..< p where r != column {
                let factor = a[r * p + column]
                if factor == 0 { continue }
                for c in 0 ..< p {
                    a[r * p + c] -= factor * a[column * p + c]
                    inverse[r * p + c] -= factor * inverse[column * p + c]
                }
            }
        }
        return true
    }
}
