import Foundation

/// The distribution of the largest of several correlated t (or z) statistics, and the
/// single-step adjusted p-values and simultaneous critical value it gives: Dunnett's
/// many-to-one test for any estimated covariance of the arm estimates, and generally what
/// R multcomp reports for `summary(glht(…))` and `confint(glht(…))` with the default
/// `"single-step"` adjustment.
///
/// The statistics `T = (T₁ … T_k)` are multivariate t with correlation `R` and `ν` degrees of
/// freedom (multivariate normal for `ν = ∞`). When `R` has the one-factor form
/// `ρ_ij = λ_i λ_j` (to 1e-10), as for a difference in means against a common control, the
/// probabilities come from ``ManyToOneComparison``'s deterministic quadrature (relative error
/// about 1e-11); otherwise, as with covariate adjustment or cluster-robust variances, from the
/// Genz–Bretz method of ``MultivariateT`` (absolute error ``GenzBretzSettings/absoluteError``,
/// 1e-6 by default, with a fixed seed so that results reproduce exactly).
public struct MaxTDistribution: Sendable {
    /// How the probabilities are computed.
    public enum Method: Sendable, Hashable {
        /// Deterministic quadrature for a one-factor correlation with these factors `λ`.
        case oneFactor([Double])
        /// The randomised Genz–Bretz method for a general correlation.
        case genzBretz
    }

    /// The multivariate t distribution of the statistics.
    public let distribution: MultivariateT
    /// The settings of the Genz–Bretz method, when it is used.
    public let settings: GenzBretzSettings
    /// The method chosen for the correlation.
    public let method: Method

    private let oneFactor: ManyToOneComparison?

    /// Creates the distribution from the correlation of the statistics.
    ///
    /// Invalid arguments are programmer errors and trap (see ``MultivariateT/init(correlation:degreesOfFreedom:)``).
    ///
    /// - Parameters:
    ///   - correlation: The `k × k` correlation matrix of the statistics.
    ///   - degreesOfFreedom: `ν > 0`; `+∞` (the default) for the multivariate normal.
    ///   - settings: The Genz–Bretz settings; default error 1e-6 and the fixed default seed.
    public init(correlation: [[Double]], degreesOfFreedom: Double = .infinity,
                settings: GenzBretzSettings = GenzBretzSettings()) {
        distribution = MultivariateT(correlation: correlation, degreesOfFreedom: degreesOfFreedom)
        self.settings = settings
        if let factors = OneFactorCorrelation.factors(of: correlation) {
            method = .oneFactor(factors)
            oneFactor = ManyToOneComparison(correlationFactors: factors, degreesOfFreedom: degreesOfFreedom)
        } else {
            method = .genzBretz
            oneFactor = nil
        }
    }

    /// Creates the distribution of the statistics `β̂_i / se_i` from the covariance of the
    /// estimates `β̂`.
    ///
    /// - Parameters:
    ///   - covariance: The `k × k` covariance of the estimates, with positive, finite variances.
    ///   - degreesOfFreedom: `ν > 0`; `+∞` (the default) for the multivariate normal.
    ///   - settings: The Genz–Bretz settings.
    public init(covariance: [[Double]], degreesOfFreedom: Double = .infinity,
                settings: GenzBretzSettings = GenzBretzSettings()) {
        let scales = covariance.indices.map { i -> Double in
            let variance = covariance[i][i]
            precondition(variance > 0 && variance.isFinite, "MaxTDistribution: variance \(i) is \(variance), not positive and finite")
            return variance.squareRoot()
        }
        let correlation = covariance.indices.map { i in
            covariance.indices.map { j in i == j ? 1 : min(max(covariance[i][j] / (scales[i] * scales[j]), -1), 1) }
        }
        self.init(correlation: correlation, degreesOfFreedom: degreesOfFreedom, settings: settings)
    }

    /// The number of statistics `k`.
    public var count: Int { distribution.dimension }

    /// The degrees of freedom `ν`.
    public var degreesOfFreedom: Double { distribution.degreesOfFreedom }

    /// `P(max_i |T_i| > c)`, or `P(max_i T_i > c)` when one-sided.
    ///
    /// - Parameters:
    ///   - c: The bound; `±∞` allowed.
    ///   - twoSided: Whether to bound `|T_i|` (the default) or `T_i`.
    /// - Returns: The probability and its estimated absolute error; NaN for NaN.
    public func exceedance(_ c: Double, twoSided: Bool = true) -> ProbabilityEstimate {
        if c.isNaN { return ProbabilityEstimate(value: .nan, absoluteError: .nan, evaluations: 0) }
        if c == .infinity { return ProbabilityEstimate(value: 0, absoluteError: 0, evaluations: 0) }
        if c == -.infinity || (twoSided && c <= 0) { return ProbabilityEstimate(value: 1, absoluteError: 0, evaluations: 0) }
        if let oneFactor {
            let p = oneFactor.adjustedPValue(forStatistic: c, twoSided: twoSided)
            return ProbabilityEstimate(value: p, absoluteError: ManyToOneComparison.relativeAccuracy * max(p, 1e-300), evaluations: 0)
        }
        let (lower, upper) = box(c, twoSided: twoSided)
        return distribution.probabilityOutside(lower: lower, upper: upper, settings: settings)
    }

    /// The single-step adjusted p-value of an observed statistic: `P(max_i |T_i| ≥ |t|)`, or
    /// `P(max_i T_i ≥ t)` when one-sided (large `t` against the alternative).
    ///
    /// - Parameters:
    ///   - t: The observed statistic.
    ///   - twoSided: Whether the alternative is two-sided (the default) or one-sided upper.
    /// - Returns: The adjusted p-value in `[0, 1]` and its estimated absolute error; NaN for NaN.
    public func adjustedPValue(forStatistic t: Double, twoSided: Bool = true) -> ProbabilityEstimate {
        if t.isNaN { return exceedance(.nan) }
        if twoSided && t == 0 { return ProbabilityEstimate(value: 1, absoluteError: 0, evaluations: 0) }
        return exceedance(twoSided ? abs(t) : t, twoSided: twoSided)
    }

    /// Single-step adjusted p-values for one statistic per variable, as multcomp's
    /// `adjusted("single-step")`.
    ///
    /// - Parameters:
    ///   - statistics: `k` observed statistics (a NaN one gives NaN).
    ///   - twoSided: Whether the alternatives are two-sided (the default) or one-sided upper.
    /// - Returns: The adjusted p-values with their estimated absolute errors, in the same order.
    public func adjustedPValues(forStatistics statistics: [Double], twoSided: Bool = true) -> [ProbabilityEstimate] {
        precondition(statistics.count == count, "MaxTDistribution: \(statistics.count) statistics for \(count) variables")
        return statistics.map { adjustedPValue(forStatistic: $0, twoSided: twoSided) }
    }

    /// The simultaneous critical value: the `c` with `P(max_i |T_i| > c) = level` (or
    /// `P(max_i T_i > c) = level` when one-sided), so that `estimate_i ± c se_i` cover every
    /// parameter together with probability `1 − level`.
    ///
    /// For the Genz–Bretz method the exceedance is computed with the number of lattice rounds
    /// that meets the error target near the root and then held fixed, so that it is a smooth,
    /// deterministic function of `c`, whose root is found by the Illinois method within the
    /// bracket given by the marginal quantile at `level` and Bonferroni's at `level / k`.
    ///
    /// - Parameters:
    ///   - level: The familywise error rate, in `(0, 1)`.
    ///   - twoSided: Whether the bound is on `|T_i|` (the default) or on `T_i`.
    /// - Returns: The critical value. Its error in probability is about the exceedance's error
    ///   (1e-11 relative for one factor, the Genz–Bretz error target otherwise).
    public func criticalValue(level: Double, twoSided: Bool = true) -> Double {
        precondition(level > 0 && level < 1, "MaxTDistribution: the level must lie in (0, 1), got \(level)")
        if let oneFactor { return oneFactor.criticalValue(level: level, twoSided: twoSided) }
        let tail = twoSided ? level / 2 : level
        // max_i |T_i| is at least |T_1| and exceeds c with at most k times its probability.
        var low = marginalUpperQuantile(tail)
        var high = marginalUpperQuantile(tail / Double(count))
        if !(high > low) { return low }
        let middle = 0.5 * (low + high)
        let middleBox = box(middle, twoSided: twoSided)
        let integrandAtMiddle = distribution.integrand(lower: middleBox.lower, upper: middleBox.upper)
        let rounds = max(1, integrandAtMiddle.exceedance(settings: settings, stopping: .adaptive).rounds)
        let gap = { (c: Double) -> Double in
            let (lower, upper) = box(c, twoSided: twoSided)
            return distribution.integrand(lower: lower, upper: upper)
                .exceedance(settings: settings, stopping: .rounds(rounds)).estimate.value - level
        }
        var gapLow = gap(low), gapHigh = gap(high)
        // The fixed-point estimate may miss the bracket's ends by its error; widen if so.
        var widening = 0
        while gapLow < 0 && widening < 20 { high = low; gapHigh = gapLow; low -= 0.25 * (1 + abs(low)); gapLow = gap(low); widening += 1 }
        while gapHigh > 0 && widening < 40 { low = high; gapLow = gapHigh; high += 0.25 * (1 + abs(high)); gapHigh = gap(high); widening += 1 }
        if gapLow == 0 { return low }
        if gapHigh == 0 { return high }
        // Illinois false position: gap decreases from gapLow > 0 to gapHigh < 0.
        var side = 0
        for _ in 0 ..< 200 {
            let c = (low * gapHigh - high * gapLow) / (gapHigh - gapLow)
            let value = gap(c)
            if abs(value) <= 1e-15 || abs(high - low) <= 1e-12 * max(1, abs(c)) { return c }
            if value > 0 {
                low = c
                gapLow = value
                if side == 1 { gapHigh *= 0.5 }
                side = 1
            } else {
                high = c
                gapHigh = value
                if side == -1 { gapLow *= 0.5 }
                side = -1
            }
        }
        return 0.5 * (low + high)
    }

    private func box(_ c: Double, twoSided: Bool) -> (lower: [Double], upper: [Double]) {
        (Array(repeating: twoSided ? -c : -.infinity, count: count), Array(repeating: c, count: count))
    }

    private func marginalUpperQuantile(_ q: Double) -> Double {
        degreesOfFreedom.isFinite
            ? StudentT(degreesOfFreedom: degreesOfFreedom).inverseSurvival(q)
            : Normal.standard.inverseSurvival(q)
    }
}
