import LinearAlgebra
import Statistics
import TrialAnalysis

/// One intervention arm's effect against control on a binary or count outcome.
public struct OutcomeEffect: Sendable, Hashable {
    /// The arm's name.
    public let arm: String
    /// The number of complete rows in the arm.
    public let observationCount: Int
    /// The arm's number of events (binary) or total count, unweighted.
    public let outcomeTotal: Double
    /// The effect on the reported scale: a risk difference, or a ratio exp(``coefficient``).
    public let estimate: Double
    /// The regression coefficient: the risk difference, or the log ratio.
    public let coefficient: Double
    /// The standard error of ``coefficient`` (of the log ratio for ratios).
    public let standardError: Double
    /// coefficient / standard error: t for the risk difference, z for ratios.
    public let statistic: Double
    /// The t reference's degrees of freedom, or `nil` for the normal (z) reference of ratios.
    public let degreesOfFreedom: Double?
    /// The two-sided p-value.
    public let pValue: Double
    /// The lower confidence limit on the reported scale.
    public let lowerBound: Double
    /// The upper confidence limit on the reported scale.
    public let upperBound: Double
    /// The Holm-adjusted p-value across the intervention arms.
    public let holmPValue: Double
    /// Dunnett's single-step adjusted p-value across the intervention arms (see
    /// ``OutcomeEffects/dunnett``); NaN where the arm's statistic is undefined.
    public let dunnettPValue: Double
    /// The lower limit of the simultaneous (Dunnett) confidence interval, on the reported scale.
    public let simultaneousLowerBound: Double
    /// The upper limit of the simultaneous (Dunnett) confidence interval, on the reported scale.
    public let simultaneousUpperBound: Double
}

/// A Wald test that every intervention arm equals control.
public struct OutcomeJointTest: Sendable, Hashable {
    /// F for the risk difference, the χ² statistic W = β̂ᵀV̂⁻¹β̂ for ratios.
    public let statistic: Double
    /// The numerator degrees of freedom (the number of intervention arms).
    public let degreesOfFreedom: Double
    /// The F test's denominator degrees of freedom, or `nil` for a χ² test.
    public let denominatorDegreesOfFreedom: Double?
    /// The p-value.
    public let pValue: Double

    init(statistic: Double, degreesOfFreedom: Double, denominatorDegreesOfFreedom: Double?, pValue: Double) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
        self.pValue = pValue
    }

    /// The χ² test of log-scale coefficients with their covariance (solved by Cholesky).
    init(chiSquaredOf estimates: Vector, covariance: Matrix) throws {
        let solved = try Cholesky(covariance).solve(estimates)
        statistic = estimates.dot(solved)
        degreesOfFreedom = Double(estimates.count)
        denominatorDegreesOfFreedom = nil
        pValue = ChiSquared(degreesOfFreedom: degreesOfFreedom).survival(statistic)
    }
}

/// The result of ``OutcomeEffectModel/fit(_:)``: one row per intervention arm, a joint test, and
/// the fit behind them.
public struct OutcomeEffects: Sendable {
    /// The specification that was fitted.
    public let specification: OutcomeEffectModel
    /// The estimand reported.
    public let estimand: OutcomeEstimand
    /// The regression family fitted: `gaussian` (the linear probability model), `binomial`,
    /// `poisson` or `negative-binomial`.
    public let familyName: String
    /// The link: `identity`, `logit` or `log`.
    public let linkName: String
    /// The variance used.
    public let variance: EffectVariance
    /// How covariates entered: `none`, `additive` or `lin`.
    public let adjustment: String
    /// The control arm's name.
    public let control: String
    /// The number of complete rows in control.
    public let controlCount: Int
    /// Control's number of events or total count.
    public let controlTotal: Double
    /// The number of complete rows analysed.
    public let observationCount: Int
    /// The number of rows dropped for missing values.
    public let droppedCount: Int
    /// The number of clusters, or `nil` without clusters.
    public let clusterCount: Int?
    /// Design columns dropped as aliased.
    public let droppedColumns: [String]
    /// One row per intervention arm, in the order of the arm column's levels.
    public let effects: [OutcomeEffect]
    /// The joint test, or `nil` when the arms' covariance is singular.
    public let jointTest: OutcomeJointTest?
    /// Dunnett's many-to-one adjustment across the arms, on the regression's scale (the log
    /// ratio for ratios): for the risk difference that of the linear model (multivariate t on its
    /// degrees of freedom); for ratios the multivariate normal (infinite degrees of freedom) with
    /// the correlation of the arm coefficients' chosen covariance, as R multcomp's
    /// `glht(fit, linfct, vcov = V)`. Simultaneous limits of a ratio are exp(β̂ ± c SE).
    public let dunnett: DunnettAdjustment
    /// The negative binomial shape θ (variance μ + μ²/θ), or `nil` for other families.
    public let theta: Double?
    /// θ's standard error, or `nil`.
    public let thetaStandardError: Double?
    /// The residual deviance of a GLM, or `nil` for the risk difference.
    public let deviance: Double?
    /// The AIC of a GLM (θ counted for the negative binomial), or `nil`.
    public let aic: Double?
    /// The Pearson χ² over its degrees of freedom for a GLM, or `nil`: well above 1 for a
    /// Poisson fit signals overdispersion.
    public let pearsonDispersion: Double?
    /// The linear probability model behind a risk difference, or `nil`.
    public let linearModel: ArmEffects?
    /// The GLM behind a ratio, or `nil`.
    public let generalisedModel: GeneralisedLinearModel?
    /// The negative binomial fit behind an NB2 rate ratio, or `nil`.
    public let negativeBinomialModel: NegativeBinomialModel?
}
