import ArgumentParser
import DataTables
import Foundation
import GeneralisedLinearModels
import OffenceOutcomes
import Reporting
import SurvivalAnalysis
import TrialAnalysis

extension OutcomeEstimand: ExpressibleByArgument {}
extension TieMethod: ExpressibleByArgument {}

extension Prevent.Analyse {
    /// The kind of outcome `prevent analyse` analyses, which chooses the estimator.
    enum Family: String, ExpressibleByArgument, CaseIterable {
        /// A continuous outcome: OLS differences in means (the default).
        case gaussian
        /// A 0/1 outcome (any reoffending): risk difference, odds ratio or risk ratio.
        case binomial
        /// A count (offences, arrests): Poisson rate ratio.
        case poisson
        /// An overdispersed count: negative binomial (NB2) rate ratio.
        case negbin
        /// Crime harm in days: mean differences in harm and log(1 + harm), and the share with any harm.
        case harm
        /// Time to first offence: Kaplan-Meier, log-rank and Cox hazard ratios.
        case survival

        /// The regression family of a binary or count outcome.
        var outcomeFamily: OutcomeFamily? {
            switch self {
            case .binomial: .binomial
            case .poisson: .poisson
            case .negbin: .negativeBinomial
            case .gaussian, .harm, .survival: nil
            }
        }
    }

    /// Checks the options that belong to one family only.
    func validateFamilyOptions() throws {
        let family = self.family
        if family != .survival && (event != nil || startDate != nil || endDate != nil || lostDate != nil || ties != nil || entry != nil) {
            throw ValidationError("--event, --start-date, --end-date, --lost-date, --entry and --ties belong to --family survival.")
        }
        if family.outcomeFamily == nil && (estimand != nil || exposure != nil) {
            throw ValidationError("--estimand and --exposure belong to --family binomial, poisson or negbin.")
        }
        try validateFamilyRandomisation()
        if family == .survival {
            if event == nil { throw ValidationError("--family survival needs --event: the event column (1 event, 0 censored) or, with --start-date, the event date column.") }
            if startDate != nil && endDate == nil { throw ValidationError("--start-date needs --end-date: a column of end-of-follow-up dates or one date YYYY-MM-DD for everyone.") }
            if startDate == nil && (endDate != nil || lostDate != nil) { throw ValidationError("--end-date and --lost-date need --start-date.") }
        }
        if family == .harm && adjust == .additive {
            throw ValidationError("--family harm uses Lin's adjustment for covariates; --adjust additive does not apply.")
        }
    }

    /// Runs the analysis of a family other than gaussian and returns its rendered report.
    func runFamily(_ table: DataTable) throws -> String {
        do {
            switch family {
            case .binomial, .poisson, .negbin:
                return try runOutcomeEffects(table, family: family.outcomeFamily!)
            case .harm:
                let analysis = try HarmAnalysis.analyse(
                    table, arm: arm, control: control, harmColumn: outcome, covariates: covariateNames,
                    variance: se ?? (cluster == nil ? .hc2 : .cr2), confidenceLevel: level)
                let randomisation = try randomisationTest.map { test in
                    try withDrawProgress { try test.run(analysis.harm, table: table, progress: $0) }
                }
                if let plot {
                    try Self.forestPlot(analysis.harm).document().render().write(toFile: plot, atomically: true, encoding: .utf8)
                }
                return try randomisation.map { try Self.harmRendered(analysis, randomisation: $0, format: format) }
                    ?? analysis.rendered(as: format)
            case .survival:
                return try runSurvival(table)
            case .gaussian:
                preconditionFailure("gaussian is analysed by ArmEffectModel")
            }
        } catch let error as TrialAnalysisError {
            throw FileContextError(file: data, underlying: error)
        } catch let error as GLMError {
            throw FileContextError(file: data, underlying: error)
        } catch let error as SurvivalAnalysisError {
            throw FileContextError(file: data, underlying: error)
        }
    }

    private func runOutcomeEffects(_ table: DataTable, family: OutcomeFamily) throws -> String {
        let variance = try se.map { estimator -> EffectVariance in
            guard let variance = EffectVariance(estimator) else {
                throw ValidationError("--se \(estimator.rawValue) does not apply to --family \(self.family.rawValue).")
            }
            return variance
        }
        let model = OutcomeEffectModel(outcome: outcome, arm: arm, control: control, covariates: covariateNames,
                                       cluster: cluster, blocks: blocks, weights: weights, family: family,
                                       estimand: estimand, exposure: exposure, variance: variance, confidenceLevel: level)
        let effects = try model.fit(table)
        let randomisation = try randomisationTest.map { test in
            try withDrawProgress { try test.run(effects, table: table, progress: $0) }
        }
        if let plot {
            let percent = ReportPercent(level)
            let forest = ForestPlot(
                title: "Effect on \(outcome) against \(control)",
                rows: effects.effects.map { ForestPlot.Row(label: $0.arm, estimate: $0.estimate, lower: $0.lowerBound, upper: $0.upperBound) },
                axisLabel: "\(effects.estimand.axisName) (\(percent)% CI, \(effects.variance) SE)",
                reference: effects.estimand.isRatio ? 1 : 0)
            try forest.document().render().write(toFile: plot, atomically: true, encoding: .utf8)
        }
        return randomisation.map { effects.rendered(as: format, randomisation: $0) } ?? effects.rendered(as: format)
    }

    private func runSurvival(_ table: DataTable) throws -> String {
        let followUp: SurvivalOutcome
        if let startDate, let event, let endDate {
            let end: FollowUpEnd = CalendarDate(endDate).map { .date($0) } ?? .column(endDate)
            followUp = .dates(start: startDate, event: event, endOfFollowUp: end, lostToFollowUp: lostDate)
        } else {
            followUp = .times(time: outcome, event: event!)
        }
        let variance: CoxVariance? = switch se {
        case nil: nil
        case .classical?: .modelBased
        default: .robust
        }
        let model = SurvivalEffectModel(outcome: followUp, arm: arm, control: control, covariates: covariateNames,
                                        cluster: cluster, strata: blocks, weights: weights, entry: entry,
                                        ties: ties ?? .efron, variance: variance,
                                        confidenceLevel: level)
        let effects = try model.fit(table)
        if let plot {
            let title = "Time to \(followUp.name) by arm"
            try KaplanMeierPlot(effects.curves, title: title).document().render()
                .write(toFile: plot, atomically: true, encoding: .utf8)
        }
        return effects.rendered(as: format)
    }
}

/// A confidence level as a percentage without a needless decimal point: 95, 97.5.
private func ReportPercent(_ level: Double) -> String {
    let percent = level * 100
    return percent == percent.rounded() ? "\(Int(percent))" : "\(percent)"
}

extension EffectVariance {
    /// The GLM variance named like a `--se` choice, or `nil` where there is none.
    init?(_ estimator: VarianceEstimator) {
        switch estimator {
        case .classical: self = .model
        default: self.init(rawValue: estimator.rawValue)
        }
    }
}

extension OutcomeEstimand {
    /// The forest plot's axis name.
    var axisName: String {
        switch self {
        case .riskDifference: "Risk difference"
        case .oddsRatio: "Odds ratio"
        case .riskRatio: "Risk ratio"
        case .rateRatio: "Rate ratio"
        }
    }
}
