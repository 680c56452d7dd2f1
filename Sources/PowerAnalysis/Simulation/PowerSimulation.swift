import Foundation
import LinearAlgebra
import Randomisation
import Statistics
import TrialAnalysis

/// A simulation of the actual trial: replicate trials drawn from the study's own allocation
/// design, each with outcomes from a data-generating model and analysed by the trial's
/// estimator, summarised by DeclareDesign-style diagnosands for each arm (bias, RMSE, coverage,
/// power, mean estimate and mean standard error, with Monte Carlo standard errors).
///
/// Replicate r draws its assignment with ``Randomisation/CohortDesign/replay(seeds:)`` (seed r of
/// ``Randomisation/CohortDesign/replaySeeds(count:seed:)``) and its covariates and outcomes from
/// `Xoshiro256StarStar(seed: seed, stream: "power-simulation", index: r)`, so a run reproduces bit
/// for bit from its seed whatever the number of cores, and any replicate can be redrawn alone.
///
/// The analysis of a normal or binary outcome is ``TrialAnalysis/ArmEffectModel``'s regression:
/// intercept, arm indicators and covariates as ``adjustment`` says, with the ``estimator``
/// variance and its degrees of freedom (N − K; for a cluster design the clustered estimator's:
/// Bell-McCaffrey's for CR2, S − 1 for CR0 and stata). Lin's adjustment (or none) with HC2, the default, is computed arm by arm (see
/// `ReplicateFit`), which gives the same numbers as ``TrialAnalysis/RobustLinearModel`` at a small
/// fraction of the cost; any other combination calls ``TrialAnalysis/RobustLinearModel`` for
/// each replicate. Replicates run in parallel on every core.
///
/// A count outcome is analysed by the rate-ratio model (Poisson regression on the arm
/// indicators, whose fit is each arm's mean count) with sandwich standard errors: HC0 or HC1
/// for people, CR0 or stata summed over clusters for a cluster design; Wald z tests and
/// intervals on the log rate ratio, which is also the scale of every diagnosand.
///
/// A study whose `randomisation` scheme is `cluster` allocates whole clusters (the cohort's
/// cluster field); the outcome then has the intracluster correlation
/// ``intraclusterCorrelation`` and the analysis must use a clustered estimator.
public struct PowerSimulation: Sendable {
    /// The allocation design replicates are drawn from (arms, ratios, scheme, strata, blocks).
    public var allocation: CohortDesign
    /// The outcome's data-generating model.
    public var outcome: SimulatedOutcome
    /// The true effect of each intervention arm against control, in the protocol's arm order
    /// without control: a difference in means, or in proportions for a binary outcome, or a rate
    /// ratio for counts.
    public var effects: [Double]
    /// The number of baseline covariates q drawn for each person (standard normal).
    public var covariateCount: Int
    /// The share of a normal outcome's variance the covariates explain, in [0, 1).
    public var covariateRSquared: Double
    /// How the covariates enter the analysis; default Lin's.
    public var adjustment: CovariateAdjustment
    /// The variance estimator; default HC2. A cluster design needs a clustered one (CR2, CR0 or
    /// stata); counts take HC0 or HC1 (CR0 or stata for clusters).
    public var estimator: VarianceEstimator
    /// The intracluster correlation ρ in [0, 1) of the outcome in a cluster design; 0 otherwise.
    public var intraclusterCorrelation: Double
    /// The two-sided significance level α of the family of comparisons.
    public var significanceLevel: Double
    /// How α is shared across arms for the power diagnosand.
    public var multipleComparisons: MultipleComparisons
    /// The confidence level of the intervals whose coverage is reported.
    public var confidenceLevel: Double
    /// Whether to fit every replicate's whole regression with ``TrialAnalysis/RobustLinearModel``
    /// even where the arm-by-arm computation applies; default `false`. The results agree to
    /// rounding; this is for checking that and for timing the difference.
    public var fitsWholeRegression = false

    /// Creates a simulation.
    ///
    /// - Parameters:
    ///   - allocation: The design as used for a cohort (its size is the trial's size).
    ///   - outcome: The data-generating model.
    ///   - effects: One true effect per intervention arm.
    ///   - covariateCount: q ≥ 0; default 1.
    ///   - covariateRSquared: In [0, 1); default 0 (must be 0 for a binary outcome).
    ///   - adjustment: Default ``TrialAnalysis/CovariateAdjustment/lin``.
    ///   - estimator: Default HC2.
    ///   - significanceLevel: Default 0.05.
    ///   - multipleComparisons: Default none.
    ///   - confidenceLevel: Default 0.95.
    ///   - intraclusterCorrelation: ρ in [0, 1); default 0 (must be 0 unless the design
    ///     allocates clusters).
    public init(allocation: CohortDesign, outcome: SimulatedOutcome, effects: [Double], covariateCount: Int = 1,
                covariateRSquared: Double = 0, adjustment: CovariateAdjustment = .lin, estimator: VarianceEstimator = .hc2,
                significanceLevel: Double = 0.05, multipleComparisons: MultipleComparisons = .none, confidenceLevel: Double = 0.95,
                intraclusterCorrelation: Double = 0) {
        self.allocation = allocation
        self.outcome = outcome
        self.effects = effects
        self.covariateCount = covariateCount
        self.covariateRSquared = covariateRSquared
        self.adjustment = adjustment
        self.estimator = estimator
        self.significanceLevel = significanceLevel
        self.multipleComparisons = multipleComparisons
        self.confidenceLevel = confidenceLevel
        self.intraclusterCorrelation = intraclusterCorrelation
    }

    /// Whether the design allocates clusters rather than people.
    public var isClusterDesign: Bool { allocation.design.scheme == .cluster }

    /// Each intervention arm's estimand on the scale of the estimates: the effect, or the log
    /// of a rate ratio.
    public var estimands: [Double] { outcome.isRatio ? effects.map { Foundation.log($0) } : effects }

    /// The intervention arms' names, in protocol order.
    public var interventionArms: [String] {
        let protocolArms = allocation.design.studyProtocol
        return protocolArms.arms.indices.filter { $0 != protocolArms.controlIndex }.map { protocolArms.arms[$0].name }
    }

    /// Whether the arm-by-arm computation applies.
    var usesArmByArmFit: Bool {
        !fitsWholeRegression && !isClusterDesign && estimator == .hc2
            && (adjustment == .lin || adjustment == .none || covariateCount == 0)
    }

    /// The covariates the analysis uses.
    var analysedCovariates: Int { adjustment == .none || outcome.isRatio ? 0 : covariateCount }

    /// Checks the settings.
    func validate(replicates: Int) throws {
        func check(_ ok: Bool, _ name: String, _ value: Any, _ expected: String) throws {
            if !ok { throw PowerAnalysisError.setting(name, value: "\(value)", expected: expected) }
        }
        try check(replicates >= 2, "the number of replicates", replicates, "at least 2")
        try check(effects.count == interventionArms.count, "the number of arm effects", effects.count,
                  "one per intervention arm (\(interventionArms.joined(separator: ", ")))")
        try check(effects.allSatisfy(\.isFinite), "an arm effect", effects.map { "\($0)" }.joined(separator: ", "), "finite")
        try check(covariateCount >= 0, "the number of covariates", covariateCount, "0 or more")
        try check(covariateRSquared >= 0 && covariateRSquared < 1, "the covariate R-squared", covariateRSquared, "in [0, 1)")
        try check(covariateRSquared == 0 || covariateCount > 0, "the covariate R-squared", covariateRSquared, "0 without covariates")
        try check(significanceLevel > 0 && significanceLevel < 1, "the significance level", significanceLevel, "strictly between 0 and 1")
        try check(confidenceLevel > 0 && confidenceLevel < 1, "the confidence level", confidenceLevel, "strictly between 0 and 1")
        try check(intraclusterCorrelation >= 0 && intraclusterCorrelation < 1, "the intracluster correlation",
                  intraclusterCorrelation, "in [0, 1)")
        if isClusterDesign {
            try check(allocation.clusters.count >= 2, "the number of clusters", allocation.clusters.count, "at least 2")
            if outcome.isRatio {
                try check(estimator == .cr0 || estimator == .stata, "the variance estimator", estimator,
                          "CR0 or stata for counts in a cluster design")
            } else {
                try check(estimator.isClustered, "the variance estimator", estimator,
                          "a clustered one (CR2, CR0 or stata) for a design that allocates clusters")
            }
        } else {
            try check(intraclusterCorrelation == 0, "the intracluster correlation", intraclusterCorrelation,
                      "0 unless the study's randomisation scheme allocates clusters")
            if outcome.isRatio {
                try check(estimator == .hc0 || estimator == .hc1, "the variance estimator", estimator, "HC0 or HC1 for counts")
            } else {
                try check(!estimator.isClustered, "the variance estimator", estimator,
                          "one without clusters (HC0 to HC3 or classical) when people are allocated one by one")
            }
        }
        switch outcome {
        case let .normal(mean, sd):
            try check(mean.isFinite, "the control mean", mean, "finite")
            try check(sd > 0 && sd.isFinite, "the standard deviation", sd, "positive and finite")
        case let .binary(p0):
            try check(p0 > 0 && p0 < 1, "the control proportion", p0, "strictly between 0 and 1")
            for effect in effects {
                try check(p0 + effect > 0 && p0 + effect < 1, "an arm's proportion", p0 + effect, "strictly between 0 and 1")
            }
            try check(covariateRSquared == 0, "the covariate R-squared", covariateRSquared, "0 for a binary outcome")
        case let .counts(rate, time, dispersion):
            try check(rate > 0 && rate.isFinite, "the control rate", rate, "positive and finite")
            try check(time > 0 && time.isFinite, "the follow-up time", time, "positive and finite")
            for effect in effects {
                try check(effect > 0, "an arm's rate ratio", effect, "positive")
            }
            if let dispersion {
                try check(dispersion > 0 && dispersion.isFinite, "the negative binomial dispersion", dispersion, "positive and finite")
            }
            try check(covariateCount == 0, "the number of covariates", covariateCount, "0 for counts (the rate-ratio model is unadjusted)")
            let inflation = 1 + 1 / (dispersion ?? .infinity)
            try check(intraclusterCorrelation * inflation < 1, "the intracluster correlation", intraclusterCorrelation,
                      "below \(1 / inflation) for this dispersion (the between-cluster variance would be infinite)")
        }
        let people = allocation.count
        let coefficients = (interventionArms.count + 1) * (adjustment == .lin ? 1 + analysedCovariates : 1)
            + (adjustment == .additive ? analysedCovariates : 0)
        try check(people > coefficients + 1, "the cohort size", people, "more than \(coefficients + 1) for \(coefficients) coefficients")
    }
}
