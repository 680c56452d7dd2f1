import TrialAnalysis

/// The kind of outcome, which sets the regression family.
public enum OutcomeFamily: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// A binary outcome (any reoffending: 0 or 1).
    case binomial
    /// A count (number of offences or arrests), Poisson regression.
    case poisson
    /// A count with overdispersion, negative binomial (NB2) regression.
    case negativeBinomial = "negbin"

    /// The default estimand: the risk difference for binary outcomes, the rate ratio for counts.
    public var defaultEstimand: OutcomeEstimand {
        self == .binomial ? .riskDifference : .rateRatio
    }

    /// The estimands this family allows.
    public var estimands: [OutcomeEstimand] {
        self == .binomial ? [.riskDifference, .oddsRatio, .riskRatio] : [.rateRatio]
    }

    /// The name used in settings (`binomial`, `poisson`, `negbin`).
    public var description: String { rawValue }
}

/// What each arm's effect against control is expressed as.
public enum OutcomeEstimand: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// p_arm − p_control, from the linear probability model (OLS on arm indicators) through
    /// ``TrialAnalysis/ArmEffectModel``, with HC2 (CR2 with clusters) and Lin's adjustment for
    /// covariates: the default trial estimand for binary outcomes, unbiased under randomisation.
    case riskDifference = "risk-difference"
    /// The odds ratio from logistic regression (conditional on covariates when there are any).
    case oddsRatio = "odds-ratio"
    /// p_arm / p_control by modified Poisson regression (Zou 2004): a log-link Poisson fit to the
    /// 0/1 outcome, whose coefficients estimate log risk ratios, with a sandwich (HC0, or
    /// cluster-robust) variance because the Poisson variance is wrong for binary data.
    case riskRatio = "risk-ratio"
    /// The ratio of mean counts (per unit of exposure, with an exposure column) from Poisson or
    /// negative binomial regression.
    case rateRatio = "rate-ratio"

    /// The name used in settings and reports.
    public var description: String { rawValue }

    /// Whether the estimate is a ratio, reported as exp of a log-scale coefficient.
    public var isRatio: Bool { self != .riskDifference }
}

/// How the standard errors of the arm effects are estimated.
///
/// The risk difference accepts ``model`` (the classical OLS variance), ``hc0``, ``hc1``,
/// ``hc2``, ``hc3``, ``cr0``, ``stata`` and ``cr2``, as ``TrialAnalysis/VarianceEstimator``.
/// The ratio estimands accept ``model`` (the model-based φ(XᵀWX)⁻¹), ``hc0``, ``hc1``, ``cr0``,
/// ``cr1`` and ``stata``, as ``SandwichEstimator``.
public enum EffectVariance: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Model-based (classical for the risk difference).
    case model
    /// HC0 sandwich.
    case hc0 = "HC0"
    /// HC1 sandwich.
    case hc1 = "HC1"
    /// HC2 (risk difference only).
    case hc2 = "HC2"
    /// HC3 (risk difference only).
    case hc3 = "HC3"
    /// Cluster-robust without correction.
    case cr0 = "CR0"
    /// Cluster-robust × S / (S − 1) (ratio estimands only; `sandwich::vcovCL`'s default for GLMs).
    case cr1 = "CR1"
    /// Cluster-robust with Stata's correction.
    case stata
    /// Bell-McCaffrey CR2 (risk difference only).
    case cr2 = "CR2"

    /// The name used in settings and reports.
    public var description: String { rawValue }

    /// Whether it needs a cluster column.
    public var isClustered: Bool { [.cr0, .cr1, .stata, .cr2].contains(self) }

    /// The default for an estimand and family: HC2 (CR2) for the risk difference; model-based
    /// for odds ratios and negative binomial rate ratios; HC0 for modified Poisson risk ratios
    /// and Poisson rate ratios; ``stata`` for every ratio with clusters.
    public static func `default`(estimand: OutcomeEstimand, family: OutcomeFamily, clustered: Bool) -> EffectVariance {
        switch estimand {
        case .riskDifference: return clustered ? .cr2 : .hc2
        case .oddsRatio: return clustered ? .stata : .model
        case .riskRatio: return clustered ? .stata : .hc0
        case .rateRatio: return clustered ? .stata : (family == .negativeBinomial ? .model : .hc0)
        }
    }

    /// The linear-model estimator for the risk difference, or `nil` if there is none.
    var linearEstimator: VarianceEstimator? {
        switch self {
        case .model: .classical
        case .hc0: .hc0
        case .hc1: .hc1
        case .hc2: .hc2
        case .hc3: .hc3
        case .cr0: .cr0
        case .stata: .stata
        case .cr2: .cr2
        case .cr1: nil
        }
    }

    /// The sandwich estimator for a ratio, `.some(nil)` for model-based, or `nil` if not allowed.
    var sandwich: SandwichEstimator?? {
        switch self {
        case .model: .some(nil)
        case .hc0: .hc0
        case .hc1: .hc1
        case .cr0: .cr0
        case .cr1: .cr1
        case .stata: .stata
        case .hc2, .hc3, .cr2: nil
        }
    }
}
