import Foundation

/// The outcome a power calculation is for, and the scale its effect is stated on.
public enum OutcomeMeasure: Sendable, Hashable {
    /// A difference in means; the outcome's standard deviation σ (the same in every arm).
    /// Effects are differences in means; the test is a t test.
    case means(standardDeviation: Double)
    /// A difference in proportions (risk difference) from the control arm's proportion. Effects
    /// are the arm's proportion minus control's; the test is a Wald z test with the unpooled
    /// variance p₀(1 − p₀)/n₀ + pₐ(1 − pₐ)/nₐ, which is what a linear probability model with HC2
    /// standard errors estimates.
    case proportions(control: Double)
    /// A ratio of Poisson rates from the control arm's rate (events per unit of time) and each
    /// person's follow-up time. Effects are rate ratios; the test is a Wald z test of the log rate
    /// ratio with variance 1/(n₀ T λ₀) + 1/(nₐ T λₐ).
    case rates(control: Double, followUp: Double)

    /// A short name for reports.
    public var name: String {
        switch self {
        case .means: "difference in means"
        case .proportions: "difference in proportions"
        case .rates: "rate ratio"
        }
    }

    /// Whether the statistic is referred to a t distribution (otherwise the normal).
    var usesStudentT: Bool {
        if case .means = self { return true }
        return false
    }

    /// The effect with no difference: 0, or a rate ratio of 1.
    var nullEffect: Double {
        if case .rates = self { return 1 }
        return 0
    }

    /// Checks the outcome's own settings.
    func validate() throws {
        switch self {
        case let .means(sd):
            guard sd > 0 && sd.isFinite else {
                throw PowerAnalysisError.setting("the standard deviation", value: "\(sd)", expected: "positive and finite")
            }
        case let .proportions(p0):
            guard p0 > 0 && p0 < 1 else {
                throw PowerAnalysisError.setting("the control proportion", value: "\(p0)", expected: "strictly between 0 and 1")
            }
        case let .rates(rate, time):
            guard rate > 0 && rate.isFinite else {
                throw PowerAnalysisError.setting("the control rate", value: "\(rate)", expected: "positive and finite")
            }
            guard time > 0 && time.isFinite else {
                throw PowerAnalysisError.setting("the follow-up time", value: "\(time)", expected: "positive and finite")
            }
        }
    }

    /// Whether `effect` is a possible effect: a proportion stays in (0, 1), a rate ratio positive.
    func admits(_ effect: Double) -> Bool {
        guard effect.isFinite else { return false }
        switch self {
        case .means: return true
        case let .proportions(p0): return p0 + effect > 0 && p0 + effect < 1
        case .rates: return effect > 0
        }
    }

    /// The effect on the scale the test works on (the log for a rate ratio).
    func testScale(_ effect: Double) -> Double {
        if case .rates = self { return Foundation.log(effect) }
        return effect
    }

    /// The variance one person contributes to control's and to an arm's mean, for an effect.
    func unitVariances(effect: Double) -> (control: Double, arm: Double) {
        switch self {
        case let .means(sd):
            return (sd * sd, sd * sd)
        case let .proportions(p0):
            let pa = p0 + effect
            return (p0 * (1 - p0), pa * (1 - pa))
        case let .rates(rate, time):
            return (1 / (rate * time), 1 / (rate * effect * time))
        }
    }
}
