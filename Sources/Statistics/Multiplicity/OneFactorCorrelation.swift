/// Recognises correlation matrices of the one-factor form `ρ_ij = λ_i λ_j` (`i ≠ j`), for which
/// ``ManyToOneComparison`` computes maximum-statistic probabilities by deterministic quadrature.
///
/// A difference in means against a common control with the classical or an HC variance has this
/// form (the only shared term is the control mean's variance); covariate adjustment and
/// cluster-robust variances generally do not.
enum OneFactorCorrelation {
    /// The largest `|ρ_ij − λ_i λ_j|` accepted. The probabilities move by less than about this
    /// much, far within the Genz–Bretz error target the other path would have.
    static let tolerance = 1e-10

    /// The factors `λ` with `|λ_i| < 1` that reproduce `correlation` off the diagonal to
    /// ``tolerance``, or `nil` when there are none.
    static func factors(of correlation: [[Double]]) -> [Double]? {
        let k = correlation.count
        if k == 1 { return [0] }
        // Variables correlated with some other one. In a one-factor matrix they are exactly
        // those with λ_i ≠ 0, and every pair of them is correlated.
        let linked = (0 ..< k).filter { i in (0 ..< k).contains { $0 != i && abs(correlation[i][$0]) > tolerance } }
        var lambda = [Double](repeating: 0, count: k)
        if linked.count == 2 {
            let (i, j) = (linked[0], linked[1])
            let rho = correlation[i][j]
            lambda[i] = abs(rho).squareRoot()
            lambda[j] = rho < 0 ? -lambda[i] : lambda[i]
        } else if linked.count >= 3 {
            let first = linked[0]
            for i in linked {
                // λ_i² = ρ_ij ρ_il / ρ_jl, from the other pair with the largest |ρ_jl|.
                var bestPair: (Int, Int)? = nil
                var bestMagnitude = 0.0
                for j in linked where j != i {
                    for l in linked where l > j && l != i && abs(correlation[j][l]) > bestMagnitude {
                        bestMagnitude = abs(correlation[j][l])
                        bestPair = (j, l)
                    }
                }
                guard let (j, l) = bestPair, bestMagnitude > tolerance else { return nil }
                let square = correlation[i][j] * correlation[i][l] / correlation[j][l]
                guard square > 0 else { return nil }
                let magnitude = square.squareRoot()
                lambda[i] = i == first || correlation[i][first] > 0 ? magnitude : -magnitude
            }
        }
        guard lambda.allSatisfy({ abs($0) < 1 }) else { return nil }
        for i in 0 ..< k {
            for j in 0 ..< k where j != i {
                if !(abs(correlation[i][j] - lambda[i] * lambda[j]) <= tolerance) { return nil }
            }
        }
        return lambda
    }
}
