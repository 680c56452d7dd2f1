import DataTables
import TrialAnalysis

/// The specification of a time-to-event analysis of a trial: Kaplan-Meier curves per arm,
/// log-rank tests, and each intervention arm's hazard ratio against control from a Cox model.
///
/// ``fit(_:)`` reads each person's follow-up from a time and an event column, or from dates
/// (see ``SurvivalOutcome``), and then:
/// - estimates a Kaplan-Meier curve per arm (and per arm within each stratum) with Greenwood
///   confidence limits, the median time to the event and the numbers at risk at ``riskTimes``
///   (R survival's `survfit`);
/// - tests equal hazards across all arms and for each arm against control with the log-rank
///   test, stratified by ``strata`` when given (`survdiff`);
/// - fits a Cox model on arm indicators (named `<arm column><level>`, as R names them) and the
///   covariates, with ``strata`` as strata of the baseline hazard and ``cluster`` for a
///   cluster-robust variance (`coxph(Surv(t, e) ~ arm + x + strata(block), cluster = id)`), and
///   tests proportional hazards (`cox.zph`).
///
/// With ``weights`` the Cox model weights each person's contribution (`coxph(weights =)`); the
/// Kaplan-Meier curves and log-rank tests stay unweighted, as `survdiff` takes no weights. With
/// ``entry`` each person is at risk only from their entry into follow-up (delayed entry, left
/// truncation): the Cox model uses `Surv(entry, time, event)`, and the curves and log-rank tests
/// count a person in the risk sets after entry only.
///
/// Rows with a missing time, event, allocation date, end of follow-up, entry, arm, covariate,
/// stratum, cluster or weight are dropped and counted. An intervention arm with no events has no finite hazard
/// ratio: it is reported as not estimable and its people are left out of the Cox model only.
public struct SurvivalEffectModel: Sendable, Hashable {
    /// Where follow-up times and events come from.
    public var outcome: SurvivalOutcome
    /// The arm column: names (text) or numbers.
    public var arm: String
    /// The control arm's value in the arm column (a number is matched numerically).
    public var control: String
    /// Numeric baseline covariates of the Cox model.
    public var covariates: [String]
    /// The cluster column, for a cluster-robust Cox variance, or `nil`.
    public var cluster: String?
    /// The stratum (block) column: separate baseline hazards in the Cox model, stratified
    /// log-rank tests, and Kaplan-Meier curves per stratum; or `nil`.
    public var strata: String?
    /// The column of case weights for the Cox model (finite and positive), or `nil`.
    public var weights: String?
    /// The column of entry into follow-up, for delayed entry: a numeric time on the follow-up's
    /// scale with ``SurvivalOutcome/times(time:event:)``, or dates (YYYY-MM-DD, at or after
    /// allocation) with ``SurvivalOutcome/dates(start:event:endOfFollowUp:lostToFollowUp:)``; each
    /// entry must come before the event or censoring. `nil` when everyone is followed from
    /// allocation.
    public var entry: String?
    /// Ties in the Cox model; default Efron.
    public var ties: TieMethod
    /// The Cox variance, or `nil` for the default: robust with a cluster or with weights,
    /// model-based otherwise.
    public var variance: CoxVariance?
    /// The confidence level of every interval, in (0, 1).
    public var confidenceLevel: Double
    /// The transform of the Kaplan-Meier limits; default ``ConfidenceBandTransform/log`` as R.
    public var band: ConfidenceBandTransform
    /// The time transform of the proportional-hazards test; default `km` as R.
    public var proportionalHazardsTransform: ProportionalHazardsTest.TimeTransform
    /// Times at which to report the numbers at risk per arm (in the units of the follow-up
    /// times: days for dates); empty for round times (the Kaplan-Meier plot's axis ticks) up to
    /// the longest follow-up.
    public var riskTimes: [Double]

    /// Creates a specification.
    ///
    /// - Parameters:
    ///   - outcome: The follow-up columns.
    ///   - arm: The arm column.
    ///   - control: The control arm's value.
    ///   - covariates: Default none.
    ///   - cluster: Default none.
    ///   - strata: Default none.
    ///   - weights: Default none.
    ///   - entry: Default none.
    ///   - ties: Default ``TieMethod/efron``.
    ///   - variance: Default `nil` (robust with clusters or weights, model-based otherwise).
    ///   - confidenceLevel: Default 0.95.
    ///   - band: Default ``ConfidenceBandTransform/log``.
    ///   - proportionalHazardsTransform: Default `km`.
    ///   - riskTimes: Default empty (round times up to the longest follow-up).
    public init(outcome: SurvivalOutcome, arm: String, control: String, covariates: [String] = [],
                cluster: String? = nil, strata: String? = nil, weights: String? = nil, entry: String? = nil,
                ties: TieMethod = .efron,
                variance: CoxVariance? = nil, confidenceLevel: Double = 0.95,
                band: ConfidenceBandTransform = .log,
                proportionalHazardsTransform: ProportionalHazardsTest.TimeTransform = .km,
                riskTimes: [Double] = []) {
        self.outcome = outcome
        self.arm = arm
        self.control = control
        self.covariates = covariates
        self.cluster = cluster
        self.strata = strata
        self.weights = weights
        self.entry = entry
        self.ties = ties
        self.variance = variance
        self.confidenceLevel = confidenceLevel
        self.band = band
        self.proportionalHazardsTransform = proportionalHazardsTransform
        self.riskTimes = riskTimes
    }

    /// The Cox variance that ``fit(_:)`` uses. Weights default to the robust variance, as
    /// coxph does for weights that are not whole numbers (sampling or inverse-probability
    /// weights); ask for ``CoxVariance/modelBased`` for frequency weights.
    public var resolvedVariance: CoxVariance {
        variance ?? (cluster == nil && weights == nil ? .modelBased : .robust)
    }

    /// Analyses time to the event in each arm against control.
    ///
    /// - Parameter table: The trial data, one row per person.
    /// - Returns: Curves, log-rank tests, hazard ratios and the proportional-hazards test.
    /// - Throws: ``SurvivalAnalysisError`` for a missing or wrong column, an unreadable date,
    ///   dates in the wrong order, a negative time, an event value other than 0 or 1, an
    ///   unknown control, an empty arm, a cluster variance with fewer than two clusters, a bad
    ///   setting, a weight that is not positive, an entry at or after the event or censoring,
    ///   or a Cox model that cannot be fitted (collinear covariates, no convergence).
    /// - Complexity: O(n log n + n p²) per Newton-Raphson iteration with p coefficients.
    public func fit(_ table: DataTable) throws -> SurvivalEffects {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw SurvivalAnalysisError.setting("confidence level", problem: "\(confidenceLevel) is not strictly between 0 and 1")
        }
        if let bad = riskTimes.first(where: { !$0.isFinite || $0 < 0 }) {
            throw SurvivalAnalysisError.setting("risk times", problem: "\(bad) is not a finite time of 0 or more")
        }
        let sample = try SurvivalSample(table: table, model: self)
        return try SurvivalEffects(model: self, sample: sample)
    }
}
