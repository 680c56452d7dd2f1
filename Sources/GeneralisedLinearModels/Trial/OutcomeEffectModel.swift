import DataTables
import Foundation
import LinearAlgebra
import Statistics
import TrialAnalysis

/// The specification of a binary or count outcome analysis: each intervention arm against
/// control, as a risk difference, odds ratio, risk ratio or rate ratio.
///
/// The design handling is that of ``TrialAnalysis/ArmEffectModel``: arms by name or number
/// (numbers labelled as R labels factor levels), a named control, block fixed effects, prior
/// weights and clusters; rows with a missing outcome, arm, covariate, cluster, block, weight or
/// exposure are dropped and counted, and an infinite value is an error.
///
/// - ``OutcomeEstimand/riskDifference`` (the default for binary outcomes) is fitted by
///   ``TrialAnalysis/ArmEffectModel`` itself: OLS with HC2 (CR2 with clusters), Lin's
///   adjustment for covariates, t inference, as R estimatr's `lm_robust`/`lm_lin`.
/// - The ratios are fitted by maximum likelihood on the design intercept + block indicators +
///   arm indicators + covariates (additively: a ratio conditional on the covariates), with
///   Wald z inference: the estimate is exp(β̂), its interval exp(β̂ ± z₁₋α/₂ SE(β̂)), as
///   `exp(coef(fit))` and `exp(confint.default(fit))` in R with the chosen covariance.
///   Odds ratios: logistic regression (`glm(binomial)`). Risk ratios: modified Poisson
///   (Zou 2004; `glm(poisson)` on the 0/1 outcome with `sandwich::vcovHC(type = "HC0")`).
///   Rate ratios: Poisson (`glm(poisson)` with `offset(log(exposure))`, sandwich HC0 by
///   default) or negative binomial (`MASS::glm.nb`, model-based by default, θ reported).
///
/// Holm- and Dunnett-adjusted p-values are given across the intervention arms (see
/// ``OutcomeEffects/dunnett``), with a joint Wald test that every arm equals control (χ² for the
/// ratios, F for the risk difference).
public struct OutcomeEffectModel: Sendable, Hashable {
    /// The outcome column: 0/1 for ``OutcomeFamily/binomial``, whole numbers ≥ 0 for counts.
    public var outcome: String
    /// The arm column: names (text) or numbers.
    public var arm: String
    /// The control arm's value in the arm column.
    public var control: String
    /// Numeric baseline covariates.
    public var covariates: [String]
    /// The cluster column, or `nil`.
    public var cluster: String?
    /// The block (stratum) column for fixed effects, or `nil`.
    public var blocks: String?
    /// A column of positive prior weights, or `nil`.
    public var weights: String?
    /// The outcome's family.
    public var family: OutcomeFamily
    /// The estimand, or `nil` for the family's default (``OutcomeFamily/defaultEstimand``).
    public var estimand: OutcomeEstimand?
    /// A column of positive exposures (time at risk) for rate ratios: log(exposure) enters as an
    /// offset. Counts only.
    public var exposure: String?
    /// The variance, or `nil` for ``EffectVariance/default(estimand:family:clustered:)``.
    public var variance: EffectVariance?
    /// The confidence level of the intervals, in (0, 1).
    public var confidenceLevel: Double
    /// IRLS convergence settings; default R's (1e-8, 25 iterations).
    public var iteration: IRLSControl

    /// Creates a specification.
    ///
    /// - Parameters:
    ///   - outcome: The outcome column.
    ///   - arm: The arm column.
    ///   - control: The control arm's value.
    ///   - covariates: Covariate columns; default none.
    ///   - cluster: The cluster column; default none.
    ///   - blocks: The block column; default none.
    ///   - weights: A column of positive weights; default none.
    ///   - family: The outcome's family.
    ///   - estimand: Default `nil`: the family's default.
    ///   - exposure: An exposure column for counts; default none.
    ///   - variance: Default `nil`: the estimand's default.
    ///   - confidenceLevel: Default 0.95.
    ///   - iteration: IRLS settings; default R's.
    public init(outcome: String, arm: String, control: String, covariates: [String] = [],
                cluster: String? = nil, blocks: String? = nil, weights: String? = nil,
                family: OutcomeFamily, estimand: OutcomeEstimand? = nil, exposure: String? = nil,
                variance: EffectVariance? = nil, confidenceLevel: Double = 0.95,
                iteration: IRLSControl = IRLSControl()) {
        self.outcome = outcome
        self.arm = arm
        self.control = control
        self.covariates = covariates
        self.cluster = cluster
        self.blocks = blocks
        self.weights = weights
        self.family = family
        self.estimand = estimand
        self.exposure = exposure
        self.variance = variance
        self.confidenceLevel = confidenceLevel
        self.iteration = iteration
    }

    /// The estimand that ``fit(_:)`` reports.
    public var resolvedEstimand: OutcomeEstimand { estimand ?? family.defaultEstimand }

    /// The variance that ``fit(_:)`` uses.
    public var resolvedVariance: EffectVariance {
        variance ?? .default(estimand: resolvedEstimand, family: family, clustered: cluster != nil)
    }

    /// Estimates each intervention arm's effect against control.
    ///
    /// - Parameter table: The trial data, one row per person.
    /// - Returns: One row per intervention arm, the joint test and the fit behind them.
    /// - Throws: ``TrialAnalysisError`` for a missing or non-numeric column, an infinite value,
    ///   an unknown control, an empty or inestimable arm, or a bad confidence level;
    ///   ``GLMError`` for an outcome the family cannot take, a constant outcome, an arm without
    ///   events (for ratios), separation, non-convergence, a non-positive exposure or settings
    ///   that do not fit together; `LinearAlgebraError` if a factorisation fails.
    /// - Complexity: O(N K²) per IRLS iteration.
    public func fit(_ table: DataTable) throws -> OutcomeEffects {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw TrialAnalysisError.confidenceLevel(confidenceLevel)
        }
        let estimand = resolvedEstimand, variance = resolvedVariance
        guard family.estimands.contains(estimand) else {
            throw GLMError.setting("the \(estimand) estimand does not apply to the \(family) family, which allows: "
                                   + family.estimands.map(\.rawValue).joined(separator: ", "))
        }
        if variance.isClustered && cluster == nil {
            throw TrialAnalysisError.clusters("the \(variance) variance needs a cluster column")
        }
        if !variance.isClustered && cluster != nil {
            throw TrialAnalysisError.clusters("with a cluster column the variance must be cluster-robust (CR0, CR1, stata or CR2), not \(variance)")
        }
        if exposure != nil && family == .binomial {
            throw GLMError.setting("an exposure (time at risk) applies to counts only, not to a binary outcome")
        }
        let sample = try TrialSample(table: table, outcome: outcome, arm: arm, control: control, covariates: covariates,
                                     cluster: cluster, blocks: blocks, weights: weights, exposure: exposure)
        try sample.requireOutcomes(binary: family == .binomial, column: outcome)
        if let first = sample.outcome.first, sample.outcome.allSatisfy({ $0 == first }) {
            throw GLMError.constantOutcome(column: outcome, value: first, rows: sample.count)
        }
        if estimand == .riskDifference {
            guard let estimator = variance.linearEstimator else {
                throw GLMError.setting("the \(variance) variance does not apply to the risk difference; use HC0, HC1, HC2, HC3, model, CR0, stata or CR2")
            }
            return try riskDifference(table: table, sample: sample, estimator: estimator)
        }
        guard let sandwich = variance.sandwich else {
            throw GLMError.setting("the \(variance) variance does not apply to a \(estimand); use model, HC0, HC1, CR0, CR1 or stata")
        }
        try requireEventsInEveryArm(sample, estimand: estimand)
        return try ratio(sample: sample, estimand: estimand, variance: variance, sandwich: sandwich)
    }

    /// Ratios are infinite or zero when an arm has no events (or, for odds, only events).
    private func requireEventsInEveryArm(_ sample: TrialSample, estimand: OutcomeEstimand) throws {
        let names = [sample.controlName] + sample.interventionArms
        let totals = sample.outcomeTotals
        for (a, name) in names.enumerated() {
            let label = "arm '\(name)'"
            if totals[a] == 0 {
                throw GLMError.separation(
                    kind: .quasiComplete, culprits: [label],
                    detail: family == .binomial
                        ? "no one in \(label) has the outcome (0 of \(sample.armCounts[a]))"
                        : "every count in \(label) is 0 (\(sample.armCounts[a]) rows)")
            }
            if estimand == .oddsRatio && totals[a] == Double(sample.armCounts[a]) {
                throw GLMError.separation(
                    kind: .quasiComplete, culprits: [label],
                    detail: "everyone in \(label) has the outcome (\(sample.armCounts[a]) of \(sample.armCounts[a]))")
            }
        }
    }

    private func riskDifference(table: DataTable, sample: TrialSample, estimator: VarianceEstimator) throws -> OutcomeEffects {
        let linear = ArmEffectModel(outcome: outcome, arm: arm, control: control, covariates: covariates,
                                    cluster: cluster, blocks: blocks, weights: weights, variance: estimator,
                                    confidenceLevel: confidenceLevel)
        let fit = try linear.fit(table)
        let totals = sample.outcomeTotals
        let effects = fit.effects.enumerated().map { a, effect in
            OutcomeEffect(arm: effect.arm, observationCount: effect.observationCount, outcomeTotal: totals[a + 1],
                          estimate: effect.estimate, coefficient: effect.estimate, standardError: effect.standardError,
                          statistic: effect.statistic, degreesOfFreedom: effect.degreesOfFreedom,
                          pValue: effect.pValue, lowerBound: effect.lowerBound, upperBound: effect.upperBound,
                          holmPValue: effect.holmPValue, dunnettPValue: effect.dunnettPValue,
                          simultaneousLowerBound: effect.simultaneousLowerBound,
                          simultaneousUpperBound: effect.simultaneousUpperBound)
        }
        return OutcomeEffects(
            specification: self, estimand: .riskDifference, familyName: "gaussian", linkName: "identity",
            variance: resolvedVariance, adjustment: fit.adjustment.rawValue, control: fit.control,
            controlCount: fit.controlCount, controlTotal: totals[0], observationCount: fit.observationCount,
            droppedCount: fit.droppedCount, clusterCount: fit.clusterCount, droppedColumns: fit.droppedColumns,
            effects: effects,
            jointTest: fit.jointTest.map {
                OutcomeJointTest(statistic: $0.statistic, degreesOfFreedom: $0.numeratorDegreesOfFreedom,
                                 denominatorDegreesOfFreedom: $0.denominatorDegreesOfFreedom, pValue: $0.pValue)
            },
            dunnett: fit.dunnett,
            theta: nil, thetaStandardError: nil, deviance: nil, aic: nil, pearsonDispersion: nil,
            linearModel: fit, generalisedModel: nil, negativeBinomialModel: nil)
    }

    private func ratio(sample: TrialSample, estimand: OutcomeEstimand, variance: EffectVariance,
                       sandwich: SandwichEstimator?) throws -> OutcomeEffects {
        let design = TrialDesign(sample: sample, armColumn: arm, blockColumn: blocks, covariateNames: covariates)
        var negativeBinomial: NegativeBinomialModel? = nil
        let model: GeneralisedLinearModel
        switch (family, estimand) {
        case (.binomial, .oddsRatio):
            model = try GeneralisedLinearModel(
                design: design.matrix, response: sample.outcome, columnNames: design.columnNames,
                columnLabels: design.labels, outcomeName: outcome, family: .binomial, weights: sample.weights,
                offset: nil, control: iteration, etaStart: nil)
        case (.binomial, .riskRatio), (.poisson, .rateRatio):
            model = try GeneralisedLinearModel(
                design: design.matrix, response: sample.outcome, columnNames: design.columnNames,
                columnLabels: design.labels, outcomeName: outcome, family: .poisson, weights: sample.weights,
                offset: sample.offset, control: iteration, etaStart: nil)
        default:
            let fit = try NegativeBinomialModel(
                design: design.matrix, response: sample.outcome, columnNames: design.columnNames,
                columnLabels: design.labels, outcomeName: outcome, weights: sample.weights, offset: sample.offset,
                control: iteration)
            negativeBinomial = fit
            model = fit.model
        }
        for (a, column) in design.armColumns.enumerated() where model.coefficients[column].isNaN {
            throw TrialAnalysisError.armNotEstimable(
                sample.interventionArms[a],
                reason: "its indicator is a linear combination of the intercept"
                    + (blocks == nil ? "" : ", the block indicators") + " and the other arms")
        }
        let covariance = try sandwich.map { try model.sandwichCovariance($0, clusters: sample.clusters) } ?? model.covariance
        let positions = design.armColumns.map { model.keptColumns.firstIndex(of: $0)! }
        let critical = Normal.standard.quantile(1 - (1 - confidenceLevel) / 2)
        var rows: [(coefficient: Double, se: Double, z: Double, p: Double)] = []
        for position in positions {
            let coefficient = model.coefficients[model.keptColumns[position]]
            let se = covariance[position, position].squareRoot()
            let z = coefficient / se
            let p = 2 * Normal.standard.survival(abs(z))
            rows.append((coefficient, se, z, p.isNaN ? .nan : min(1, p)))
        }
        let holm = holmAdjusted(rows.map(\.p))
        let armCovariance = Matrix(rows: positions.count, columns: positions.count,
                                   columnMajor: positions.flatMap { j in positions.map { covariance[$0, j] } })
        let dunnett = DunnettAdjustment(estimates: rows.map(\.coefficient), standardErrors: rows.map(\.se),
                                        degreesOfFreedom: rows.map { _ in .infinity }, covariance: armCovariance,
                                        confidenceLevel: confidenceLevel)
        let totals = sample.outcomeTotals
        let effects = rows.enumerated().map { a, row in
            OutcomeEffect(arm: sample.interventionArms[a], observationCount: sample.armCounts[a + 1],
                          outcomeTotal: totals[a + 1], estimate: exp(row.coefficient), coefficient: row.coefficient,
                          standardError: row.se, statistic: row.z, degreesOfFreedom: nil, pValue: row.p,
                          lowerBound: exp(row.coefficient - critical * row.se),
                          upperBound: exp(row.coefficient + critical * row.se), holmPValue: holm[a],
                          dunnettPValue: dunnett.pValues[a], simultaneousLowerBound: exp(dunnett.lowerBounds[a]),
                          simultaneousUpperBound: exp(dunnett.upperBounds[a]))
        }
        let jointTest = try? OutcomeJointTest(
            chiSquaredOf: Vector(rows.map(\.coefficient)), covariance: armCovariance)
        return OutcomeEffects(
            specification: self, estimand: estimand,
            familyName: negativeBinomial == nil ? model.family.name : Family.negativeBinomial(theta: 1).name,
            linkName: model.family.linkName, variance: variance, adjustment: covariates.isEmpty ? "none" : "additive",
            control: sample.controlName, controlCount: sample.armCounts[0], controlTotal: totals[0],
            observationCount: sample.count, droppedCount: sample.droppedCount,
            clusterCount: sample.clusters.map { Set($0).count }, droppedColumns: model.droppedColumnNames,
            effects: effects, jointTest: jointTest, dunnett: dunnett, theta: negativeBinomial?.theta,
            thetaStandardError: negativeBinomial?.thetaStandardError, deviance: model.deviance,
            aic: negativeBinomial?.aic ?? model.aic, pearsonDispersion: model.pearsonDispersion,
            linearModel: nil, generalisedModel: model, negativeBinomialModel: negativeBinomial)
    }
}
