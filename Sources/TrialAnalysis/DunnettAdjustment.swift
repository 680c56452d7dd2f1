import LinearAlgebra
import Statistics

/// Dunnett's many-to-one adjustment of the arms' tests against control, with simultaneous
/// confidence intervals: single-step adjusted p-values from the joint distribution of the arms'
/// t statistics, for whatever covariance the variance estimator gave.
///
/// The statistics `T_i = β̂_i / se_i` of the intervention arms are taken as multivariate t with
/// the correlation of the fitted covariance of the arm coefficients (so covariate adjustment,
/// weights, blocks and robust or cluster-robust variances all enter) and `ν` degrees of freedom:
/// the arms' common degrees of freedom (N − K, or S − 1 for CR0 and `stata`), or for CR2, whose
/// Satterthwaite degrees of freedom differ by arm, the smallest of them, which is conservative.
/// Arm `i`'s adjusted p-value is `P(max_j |T_j| ≥ |t_i|)` and its simultaneous interval is
/// `β̂_i ± c se_i` with `P(max_j |T_j| ≤ c)` equal to the confidence level.
///
/// These are the numbers of R multcomp's `summary(glht(fit, linfct = K, df = ν))` and
/// `confint(glht(…))` with the default single-step adjustment, where `K` picks the arm
/// coefficients of the fit. (On an `lm_robust` fit `glht` uses the normal distribution unless
/// `df` is given, because it takes degrees of freedom only from `lm` and `aov` objects; PreventKit
/// uses the fit's t degrees of freedom, so that with one intervention arm the Dunnett p-value is
/// the unadjusted one.) A difference in means against a common control with a classical or HC
/// variance has a one-factor correlation and is computed by deterministic quadrature; otherwise
/// the Genz–Bretz method gives the p-values to an absolute error of 1e-6, reproducibly (fixed
/// seed).
///
/// An arm whose estimate or standard error is not finite, or whose standard error is zero, has
/// no defined statistic: its Dunnett p-value and simultaneous bounds are NaN and the others are
/// adjusted among the remaining arms, as ``holmAdjusted(_:)`` does.
public struct DunnettAdjustment: Sendable, Hashable {
    /// The single-step adjusted p-value of each intervention arm, in arm order; NaN where
    /// undefined.
    public let pValues: [Double]
    /// The estimated absolute error of each adjusted p-value (0 for a closed form).
    public let pValueErrors: [Double]
    /// The lower simultaneous confidence limit of each arm; NaN where undefined.
    public let lowerBounds: [Double]
    /// The upper simultaneous confidence limit of each arm; NaN where undefined.
    public let upperBounds: [Double]
    /// The simultaneous critical value `c`; NaN when no arm has a defined statistic.
    public let criticalValue: Double
    /// The degrees of freedom `ν` of the multivariate t; NaN when no arm has a defined statistic.
    public let degreesOfFreedom: Double
    /// How the probabilities were computed; `nil` when no arm has a defined statistic.
    public let method: MaxTDistribution.Method?

    /// Adjusts the arms' tests.
    ///
    /// - Parameters:
    ///   - estimates: One estimate per intervention arm.
    ///   - standardErrors: Their standard errors, the square roots of `covariance`'s diagonal.
    ///   - degreesOfFreedom: Each arm's t degrees of freedom.
    ///   - covariance: The arms' covariance, one row and column per arm (a shape mismatch traps).
    ///   - confidenceLevel: The simultaneous confidence level, in (0, 1).
    ///   - settings: The Genz–Bretz settings; default error 1e-6 and the fixed seed.
    /// - Complexity: Constant in the number of observations; the Genz–Bretz method spends up to
    ///   the settings' evaluation budget on each p-value and on the critical value.
    public init(estimates: [Double], standardErrors: [Double], degreesOfFreedom: [Double], covariance: Matrix,
                confidenceLevel: Double, settings: GenzBretzSettings = GenzBretzSettings()) {
        let count = estimates.count
        precondition(standardErrors.count == count && degreesOfFreedom.count == count
                     && covariance.rows == count && covariance.columns == count,
                     "DunnettAdjustment: \(count) estimates do not match the other shapes")
        precondition(confidenceLevel > 0 && confidenceLevel < 1, "DunnettAdjustment: level \(confidenceLevel) is not in (0, 1)")
        let defined = (0 ..< count).filter { i in
            estimates[i].isFinite && standardErrors[i].isFinite && standardErrors[i] > 0 && degreesOfFreedom[i] > 0
        }
        var pValues = [Double](repeating: .nan, count: count)
        var errors = [Double](repeating: .nan, count: count)
        var lower = [Double](repeating: .nan, count: count)
        var upper = [Double](repeating: .nan, count: count)
        guard !defined.isEmpty else {
            (self.pValues, pValueErrors, lowerBounds, upperBounds) = (pValues, errors, lower, upper)
            (criticalValue, self.degreesOfFreedom, method) = (.nan, .nan, nil)
            return
        }
        let nu = defined.map { degreesOfFreedom[$0] }.min()!
        let armCovariance = defined.map { i in defined.map { j in covariance[i, j] } }
        let maximum = MaxTDistribution(covariance: armCovariance, degreesOfFreedom: nu, settings: settings)
        let critical = maximum.criticalValue(level: 1 - confidenceLevel)
        for i in defined {
            let p = maximum.adjustedPValue(forStatistic: estimates[i] / standardErrors[i])
            pValues[i] = p.value
            errors[i] = p.absoluteError
            lower[i] = estimates[i] - critical * standardErrors[i]
            upper[i] = estimates[i] + critical * standardErrors[i]
        }
        self.pValues = pValues
        pValueErrors = errors
        lowerBounds = lower
        upperBounds = upper
        criticalValue = critical
        self.degreesOfFreedom = nu
        method = maximum.method
    }
}

extension RobustLinearModel {
    /// Dunnett's adjustment of the tests of the design columns `columns` (the arm indicators),
    /// from this model's covariance and degrees of freedom.
    ///
    /// - Parameters:
    ///   - columns: Kept design column indices (a dropped one traps).
    ///   - level: The simultaneous confidence level, in (0, 1).
    ///   - settings: The Genz–Bretz settings.
    /// - Returns: The adjustment, one entry per column in the order given.
    public func dunnettAdjustment(columns: [Int], level: Double,
                                  settings: GenzBretzSettings = GenzBretzSettings()) -> DunnettAdjustment {
        let positions = columns.map { column in
            guard let position = keptColumns.firstIndex(of: column) else {
                preconditionFailure("dunnettAdjustment: column \(column) was dropped")
            }
            return position
        }
        var sub = Matrix(rows: positions.count, columns: positions.count)
        for (a, i) in positions.enumerated() {
            for (b, j) in positions.enumerated() { sub[a, b] = covariance[i, j] }
        }
        return DunnettAdjustment(estimates: columns.map { coefficients[$0] },
                                 standardErrors: columns.map { standardErrors[$0] },
                                 degreesOfFreedom: columns.map { degreesOfFreedom[$0] },
                                 covariance: sub, confidenceLevel: level, settings: settings)
    }
}
