import DataTables
import GeneralisedLinearModels
import OffenceOutcomes
import SurvivalAnalysis
import TrialAnalysis

/// Every outcome analysis of the trial, each arm against control, adjusted for the strata as
/// block fixed effects where the analysis takes them:
///
/// - any offence: risk difference by a linear probability model (HC2), and the odds ratio by
///   logistic regression;
/// - number of offences: rate ratios per day at risk by Poisson and negative binomial (NB2)
///   regression with log(days at risk) as offset;
/// - harm: mean difference in harm and in log(1 + harm), and the difference in the share with
///   any harm (HC2; ``OffenceOutcomes/HarmAnalysis`` takes no blocks);
/// - time to first offence: Kaplan-Meier curves, the log-rank test, and Cox hazard ratios
///   (stratified by the strata) with the test of proportional hazards.
///
/// Each analysis's p-values are Holm-adjusted across the intervention arms.
struct OutcomeAnalyses {
    /// The control arm.
    let control: String
    /// Any offence: risk difference.
    let riskDifference: StrataAdjustment.Fit<OutcomeEffects>
    /// Any offence: odds ratio.
    let oddsRatio: StrataAdjustment.Fit<OutcomeEffects>
    /// Offences: Poisson rate ratio.
    let poisson: StrataAdjustment.Fit<OutcomeEffects>
    /// Offences: negative binomial rate ratio.
    let negativeBinomial: StrataAdjustment.Fit<OutcomeEffects>
    /// Harm.
    let harm: StrataAdjustment.Fit<HarmAnalysis>
    /// Time to first offence.
    let survival: StrataAdjustment.Fit<SurvivalEffects>

    /// The column names of the trial table the analyses read.
    enum Columns {
        static let arm = "arm", anyOffence = "any_offence", count = "offence_count", harm = "harm"
        static let time = "time_to_first_offence", event = "first_offence", exposure = "days_at_risk"
    }

    /// Runs every analysis.
    ///
    /// - Parameters:
    ///   - table: the trial table.
    ///   - control: the control arm's name.
    ///   - adjustment: the strata's block column.
    init(table: DataTable, control: String, adjustment: StrataAdjustment) {
        self.control = control
        func outcomeModel(_ outcome: String, _ family: OutcomeFamily, _ estimand: OutcomeEstimand, exposure: String?, blocks: String?) -> OutcomeEffectModel {
            OutcomeEffectModel(outcome: outcome, arm: Columns.arm, control: control, blocks: blocks, family: family,
                               estimand: estimand, exposure: exposure)
        }
        riskDifference = adjustment.fit("Any offence, risk difference") {
            try outcomeModel(Columns.anyOffence, .binomial, .riskDifference, exposure: nil, blocks: $0).fit(table)
        }
        oddsRatio = adjustment.fit("Any offence, odds ratio") {
            try outcomeModel(Columns.anyOffence, .binomial, .oddsRatio, exposure: nil, blocks: $0).fit(table)
        }
        poisson = adjustment.fit("Offences, Poisson rate ratio") {
            try outcomeModel(Columns.count, .poisson, .rateRatio, exposure: Columns.exposure, blocks: $0).fit(table)
        }
        negativeBinomial = adjustment.fit("Offences, negative binomial rate ratio") {
            try outcomeModel(Columns.count, .negativeBinomial, .rateRatio, exposure: Columns.exposure, blocks: $0).fit(table)
        }
        harm = StrataAdjustment(blockColumn: nil).fit("Harm") { _ in
            try HarmAnalysis.analyse(table, arm: Columns.arm, control: control, harmColumn: Columns.harm)
        }
        survival = adjustment.fit("Time to first offence") {
            try SurvivalEffectModel(outcome: .times(time: Columns.time, event: Columns.event), arm: Columns.arm,
                                    control: control, strata: $0).fit(table)
        }
    }

    /// Notes on fits that dropped the adjustment or could not be made.
    var notes: [String] {
        [riskDifference.note, oddsRatio.note, poisson.note, negativeBinomial.note, harm.note, survival.note].compactMap { $0 }
    }
}
