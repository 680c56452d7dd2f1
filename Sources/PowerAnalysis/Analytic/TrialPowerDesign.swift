import Foundation
import Statistics

/// The settings of an analytic power calculation for a multi-arm trial: k intervention arms each
/// compared with one control, allocated in the ratio control : each arm = r : 1.
///
/// Each arm's comparison has standard error
///
///     SE = √( D (1 − R²) (v₀ / n₀ + vₐ / nₐ) ),
///
/// with v₀, vₐ the per-person variances of the ``OutcomeMeasure``, n₀ = N r / (r + k) and
/// nₐ = N / (r + k) for N people in all, the design effect D = 1 + (m − 1) ρ for clusters of m
/// people with intracluster correlation ρ, and R² the share of the outcome's variance that the
/// baseline covariates explain (adjustment divides the variance by 1 / (1 − R²)). The power to
/// find an arm's effect θ is P(|T| > c) for T with noncentrality θ / SE (on the log scale for
/// rate ratios): a noncentral t with N − K degrees of freedom for means (K = (k + 1)(1 + q)
/// coefficients of Lin's regression with q covariates; clusters: the number of clusters − K),
/// the normal otherwise. The critical value c follows ``MultipleComparisons``. Unless
/// ``strict``, only the rejection region on the side of the effect counts, as R's
/// `power.t.test` does by default; with one arm, ratio 1, no clustering and no covariates the
/// power equals `power.t.test(n = N / 2, delta = θ, sd = σ)`.
public struct TrialPowerDesign: Sendable, Hashable {
    /// The number of intervention arms k (at least 1), each compared with control.
    public var interventionArms: Int
    /// The allocation ratio r of control to each intervention arm (control : each arm = r : 1).
    public var controlRatio: Double
    /// The outcome and its settings.
    public var outcome: OutcomeMeasure
    /// The two-sided significance level α of the family of comparisons.
    public var significanceLevel: Double
    /// The intracluster correlation ρ in [0, 1); 0 for individual randomisation.
    public var intraclusterCorrelation: Double
    /// The people per cluster m (at least 1).
    public var clusterSize: Double
    /// The share R² in [0, 1) of the outcome's variance explained by baseline covariates.
    public var covariateRSquared: Double
    /// The number of covariates q in the analysis (for the degrees of freedom).
    public var covariateCount: Int
    /// How the significance level is shared across the arms.
    public var multipleComparisons: MultipleComparisons
    /// Whether the rejection region on the other side of the effect counts too (R's `strict`).
    public var strict: Bool

    /// Creates the settings.
    ///
    /// - Parameters:
    ///   - interventionArms: k ≥ 1.
    ///   - controlRatio: r > 0; default 1 (equal allocation).
    ///   - outcome: The outcome.
    ///   - significanceLevel: α in (0, 1); default 0.05.
    ///   - intraclusterCorrelation: ρ in [0, 1); default 0.
    ///   - clusterSize: m ≥ 1; default 1.
    ///   - covariateRSquared: R² in [0, 1); default 0.
    ///   - covariateCount: q ≥ 0; default 0.
    ///   - multipleComparisons: Default ``MultipleComparisons/none``.
    ///   - strict: Default `false`.
    public init(interventionArms: Int, controlRatio: Double = 1, outcome: OutcomeMeasure, significanceLevel: Double = 0.05,
                intraclusterCorrelation: Double = 0, clusterSize: Double = 1, covariateRSquared: Double = 0,
                covariateCount: Int = 0, multipleComparisons: MultipleComparisons = .none, strict: Bool = false) {
        self.interventionArms = interventionArms
        self.controlRatio = controlRatio
        self.outcome = outcome
        self.significanceLevel = significanceLevel
        self.intraclusterCorrelation = intraclusterCorrelation
        self.clusterSize = clusterSize
        self.covariateRSquared = covariateRSquared
        self.covariateCount = covariateCount
        self.multipleComparisons = multipleComparisons
        self.strict = strict
    }

    /// The design effect 1 + (m − 1) ρ.
    public var designEffect: Double { 1 + (clusterSize - 1) * intraclusterCorrelation }

    /// Checks every setting.
    ///
    /// - Throws: ``PowerAnalysisError/setting(_:value:expected:)`` naming the first bad setting.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Any, _ expected: String) throws {
            if !ok { throw PowerAnalysisError.setting(name, value: "\(value)", expected: expected) }
        }
        try check(interventionArms >= 1, "the number of intervention arms", interventionArms, "at least 1")
        try check(controlRatio > 0 && controlRatio.isFinite, "the control ratio", controlRatio, "positive and finite")
        try check(significanceLevel > 0 && significanceLevel < 1, "the significance level", significanceLevel, "strictly between 0 and 1")
        try check(intraclusterCorrelation >= 0 && intraclusterCorrelation < 1, "the intracluster correlation", intraclusterCorrelation, "in [0, 1)")
        try check(clusterSize >= 1 && clusterSize.isFinite, "the cluster size", clusterSize, "at least 1")
        try check(covariateRSquared >= 0 && covariateRSquared < 1, "the covariate R-squared", covariateRSquared, "in [0, 1)")
        try check(covariateCount >= 0, "the number of covariates", covariateCount, "0 or more")
        try outcome.validate()
    }

    /// Control's and each arm's share of the people.
    var shares: (control: Double, arm: Double) {
        let total = controlRatio + Double(interventionArms)
        return (controlRatio / total, 1 / total)
    }

    /// The number of regression coefficients K = (k + 1)(1 + q).
    var coefficientCount: Int { (interventionArms + 1) * (1 + covariateCount) }

    /// The reference distribution's degrees of freedom for N people: `nil` for the normal.
    func degreesOfFreedom(totalSize: Double) -> Double? {
        guard outcome.usesStudentT else { return nil }
        let units = clusterSize > 1 ? totalSize / clusterSize : totalSize
        return units - Double(coefficientCount)
    }

    /// The standard error of one arm's comparison with control.
    func standardError(totalSize: Double, effect: Double) -> Double {
        let (v0, va) = outcome.unitVariances(effect: effect)
        let (s0, sa) = shares
        let inflation = designEffect * (1 - covariateRSquared)
        return (inflation * (v0 / (totalSize * s0) + va / (totalSize * sa))).squareRoot()
    }

    /// The critical value of |T| for N people (and an effect, which sets the variances that
    /// Dunnett's correlations use).
    func criticalValue(totalSize: Double, effect: Double, degreesOfFreedom nu: Double?) -> Double {
        let k = Double(interventionArms)
        func quantile(_ upper: Double) -> Double {
            if let nu { return StudentT(degreesOfFreedom: nu).inverseSurvival(upper) }
            return Normal.standard.inverseSurvival(upper)
        }
        switch multipleComparisons {
        case .none: return quantile(significanceLevel / 2)
        case .bonferroni, .holm: return quantile(significanceLevel / (2 * k))
        case .dunnett:
            if interventionArms == 1 { return quantile(significanceLevel / 2) }
            let (v0, va) = outcome.unitVariances(effect: effect)
            let (s0, sa) = shares
            let controlPart = v0 / s0, armPart = va / sa
            let lambda = (controlPart / (controlPart + armPart)).squareRoot()
            return DunnettCriticalValues.shared.value(arms: interventionArms, correlationFactor: lambda,
                                                      degreesOfFreedom: nu ?? .infinity, level: significanceLevel)
        }
    }

    /// Each arm's power for N people and an effect (every arm having that effect).
    func evaluate(totalSize: Double, effect: Double) -> (power: Double, standardError: Double, degreesOfFreedom: Double?, critical: Double) {
        let se = standardError(totalSize: totalSize, effect: effect)
        let nu = degreesOfFreedom(totalSize: totalSize)
        let c = criticalValue(totalSize: totalSize, effect: effect, degreesOfFreedom: nu)
        let shift = abs(outcome.testScale(effect)) / se
        var power: Double
        if let nu {
            let t = NoncentralStudentT(degreesOfFreedom: nu, noncentrality: shift)
            power = t.survival(c)
            if strict { power += t.cdf(-c) }
        } else {
            power = Normal.standard.survival(c - shift)
            if strict { power += Normal.standard.cdf(-c - shift) }
        }
        return (power, se, nu, c)
    }
}

/// Dunnett critical values already computed, since solving for a sample size or an effect asks
/// for the same one many times (each is a numerical integral).
final class DunnettCriticalValues: @unchecked Sendable {
    static let shared = DunnettCriticalValues()

    private struct Key: Hashable {
        let arms: Int
        let correlationFactor: Double
        let degreesOfFreedom: Double
        let level: Double
    }

    private let lock = NSLock()
    private var values: [Key: Double] = [:]

    /// The two-sided critical value for `arms` arms with equal correlation factors.
    func value(arms: Int, correlationFactor: Double, degreesOfFreedom: Double, level: Double) -> Double {
        let key = Key(arms: arms, correlationFactor: correlationFactor, degreesOfFreedom: degreesOfFreedom, level: level)
        lock.lock()
        if let known = values[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let value = ManyToOneComparison(correlationFactors: Array(repeating: correlationFactor, count: arms),
                                        degreesOfFreedom: degreesOfFreedom).criticalValue(level: level)
        lock.lock()
        if values.count > 10_000 { values.removeAll() }
        values[key] = value
        lock.unlock()
        return value
    }
}
