import DisclosureControl
import GeneralisedLinearModels
import OffenceOutcomes
import Reporting
import SurvivalAnalysis
import TrialAnalysis

/// The sections of the outcome analyses: a table of each arm's effect against control with its
/// confidence interval, p-value and Holm-adjusted p-value, and a forest plot per measure; the
/// Kaplan-Meier curves, log-rank test and proportional-hazards test for time to first offence;
/// and a summary of every effect.
struct EffectSections {
    let analyses: OutcomeAnalyses
    let commands: ReproductionCommands
    let rule: DisclosureRule?

    /// One measure's estimates, with how they were fitted.
    private struct Measure {
        let outcome: String
        let measure: String
        let isRatio: Bool
        let fitted: String
        let rows: [EffectEstimate]
        let counts: [(arm: String, people: Int)]
    }

    private var control: String { analyses.control }

    private func measure(_ outcome: String, _ name: String, _ fit: StrataAdjustment.Fit<OutcomeEffects>) -> Measure? {
        guard let effects = fit.result else { return nil }
        let adjusted = fit.adjusted ? ", strata as block fixed effects" : ""
        let fitted: String
        switch effects.estimand {
        case .riskDifference: fitted = "linear probability model, \(effects.variance) standard errors\(adjusted)"
        default: fitted = "\(effects.familyName) regression (\(effects.linkName) link), \(effects.variance) standard errors\(adjusted)"
        }
        return Measure(
            outcome: outcome, measure: name, isRatio: effects.estimand.isRatio, fitted: fitted,
            rows: effects.effects.map {
                EffectEstimate(outcome: outcome, measure: name, arm: $0.arm, estimate: $0.estimate, lower: $0.lowerBound, upper: $0.upperBound,
                               pValue: $0.pValue, holmPValue: $0.holmPValue, isRatio: effects.estimand.isRatio)
            },
            counts: [(control, effects.controlCount)] + effects.effects.map { ($0.arm, $0.observationCount) })
    }

    private func measure(_ outcome: String, _ name: String, _ effects: ArmEffects) -> Measure {
        Measure(
            outcome: outcome, measure: name, isRatio: false, fitted: "difference in means, \(effects.estimator) standard errors",
            rows: effects.effects.map {
                EffectEstimate(outcome: outcome, measure: name, arm: $0.arm, estimate: $0.estimate, lower: $0.lowerBound, upper: $0.upperBound,
                               pValue: $0.pValue, holmPValue: $0.holmPValue, isRatio: false)
            },
            counts: [(control, effects.controlCount)] + effects.effects.map { ($0.arm, $0.observationCount) })
    }

    private var survivalMeasure: Measure? {
        guard let effects = analyses.survival.result else { return nil }
        let adjusted = analyses.survival.adjusted ? ", stratified by the strata" : ""
        return Measure(
            outcome: "Time to first offence", measure: "Hazard ratio", isRatio: true,
            fitted: "Cox proportional hazards (\(effects.specification.ties.rawValue) ties), \(effects.specification.resolvedVariance.rawValue) variance\(adjusted)",
            rows: effects.hazardRatios.map {
                EffectEstimate(outcome: "Time to first offence", measure: "Hazard ratio", arm: $0.arm, estimate: $0.hazardRatio,
                               lower: $0.lowerBound, upper: $0.upperBound, pValue: $0.pValue, holmPValue: $0.holmPValue, isRatio: true)
            },
            counts: zip(effects.arms, effects.armCounts).map { ($0, $1) })
    }

    private var anyOffence: [Measure] {
        [measure("Any offence", "Risk difference", analyses.riskDifference), measure("Any offence", "Odds ratio", analyses.oddsRatio)].compactMap { $0 }
    }

    private var offences: [Measure] {
        [measure("Offences", "Rate ratio (Poisson)", analyses.poisson), measure("Offences", "Rate ratio (negative binomial)", analyses.negativeBinomial)]
            .compactMap { $0 }
    }

    private var harm: [Measure] {
        guard let result = analyses.harm.result else { return [] }
        return [measure("Harm", "Mean difference in harm (days)", result.harm), measure("Harm", "Mean difference in log(1 + harm)", result.logHarm),
                measure("Harm", "Difference in the share with any harm", result.anyHarm)]
    }

    /// Every estimate, in report order.
    var estimates: [EffectEstimate] {
        (anyOffence + offences + harm + [survivalMeasure].compactMap { $0 }).flatMap(\.rows)
    }

    /// The four outcome sections.
    func sections() -> [ReportSection] {
        var survivalBlocks = measureBlocks(survivalMeasure.map { [$0] } ?? [], slug: "time-to-first-offence")
        if let effects = analyses.survival.result {
            survivalBlocks.insert(contentsOf: survivalDetails(effects), at: 0)
        }
        return [
            ReportSection(id: "any-offence", title: "Any offence", commands: commands.anyOffence(blocks: analyses.riskDifference.adjusted),
                          pythonSetup: commands.trialTable,
                          blocks: [.paragraph("Whether each person committed any counted offence during follow-up, each arm against \(control).")]
                              + failures([analyses.riskDifference, analyses.oddsRatio].map(\.note)) + measureBlocks(anyOffence, slug: "any-offence")),
            ReportSection(id: "offences", title: "Number of offences", commands: commands.offences(blocks: analyses.poisson.adjusted),
                          blocks: [.paragraph("Counted offences per day at risk (log of days at risk as offset), each arm against \(control).")]
                              + failures([analyses.poisson.note, analyses.negativeBinomial.note]) + measureBlocks(offences, slug: "offences")),
            ReportSection(id: "harm", title: "Crime harm", commands: commands.harm,
                          blocks: [.paragraph("Harm in days (the weights of the counted offences summed), its log(1 + harm), and the share with "
                                    + "any harm, each arm against \(control), without strata adjustment (the harm analysis takes none).")]
                              + failures([analyses.harm.note]) + measureBlocks(harm, slug: "harm")),
            ReportSection(id: "time-to-first-offence", title: "Time to first offence",
                          commands: commands.survival(blocks: analyses.survival.adjusted),
                          blocks: failures([analyses.survival.note]) + survivalBlocks),
        ]
    }

    private func failures(_ notes: [String?]) -> [ReportSection.Block] {
        notes.compactMap { $0 }.map { .paragraph("Note: \($0).") }
    }

    /// A table and a forest plot per measure.
    private func measureBlocks(_ measures: [Measure], slug: String) -> [ReportSection.Block] {
        var blocks: [ReportSection.Block] = []
        for (index, m) in measures.enumerated() {
            let sizes = Dictionary(m.counts.map { ($0.arm, $0.people) }, uniquingKeysWith: { a, _ in a })
            let table = ReportTable(
                title: "\(m.outcome): \(Self.sentenceCase(m.measure)) against \(control)",
                header: ["arm", "people", "estimate", "95% CI", "p-value", "Holm p-value"],
                rows: m.rows.map { r in
                    [r.arm, sizes[r.arm].map(publish) ?? "", NumberText.fixed(r.estimate), NumberText.interval(r.lower, r.upper),
                     NumberText.pValue(r.pValue), NumberText.pValue(r.holmPValue)]
                },
                note: "\(m.fitted). Holm's adjustment across the \(m.rows.count) intervention arms. People in \(control): "
                    + "\(sizes[control].map(publish) ?? "NA"). \(rule?.description ?? DisclosureRule.notAppliedNote)")
            let plot = ForestPlot(title: "\(m.outcome): \(Self.sentenceCase(m.measure))",
                                  rows: m.rows.map { ForestPlot.Row(label: $0.arm, estimate: $0.estimate, lower: $0.lower, upper: $0.upper) },
                                  axisLabel: "\(m.measure) against \(control) (95% CI)", reference: m.isRatio ? 1 : 0)
            blocks.append(.table(table))
            blocks.append(.figure(ReportFigure(title: "\(m.outcome): \(Self.sentenceCase(m.measure))",
                                               caption: "Each intervention arm's \(Self.sentenceCase(m.measure)) against \(control) with its 95% confidence interval; "
                                                   + "the vertical line marks no effect.",
                                               fileName: "\(slug)-\(index + 1).svg", svg: plot.document().render())))
        }
        return blocks
    }

    /// Kaplan-Meier curves, the log-rank test and the test of proportional hazards.
    private func survivalDetails(_ effects: SurvivalEffects) -> [ReportSection.Block] {
        let plot = KaplanMeierPlot(effects.curves, title: "Time to first offence by arm")
        let logRank = ReportTable(
            title: "Log-rank test of equal survival in all arms", header: ["statistic", "degrees of freedom", "p-value"],
            rows: [[NumberText.fixed(effects.logRank.statistic), "\(effects.logRank.degreesOfFreedom)", NumberText.pValue(effects.logRank.pValue)]],
            note: analyses.survival.adjusted ? "Stratified by the strata." : nil)
        var blocks: [ReportSection.Block] = [
            .paragraph("Days from allocation to the first counted offence, censored at the end of follow-up or when lost to follow-up."),
            .figure(ReportFigure(title: "Kaplan-Meier curves", caption: "The share without a counted offence by days since allocation, per arm, "
                + "with pointwise 95% confidence limits (dashed) and the numbers at risk under the axis.",
                fileName: "kaplan-meier.svg", svg: plot.document().render())),
            .table(logRank),
        ]
        if let test = effects.proportionalHazards {
            blocks.append(.table(ReportTable(
                title: "Test of proportional hazards (scaled Schoenfeld residuals, \(test.transform.rawValue) time)",
                header: ["term", "chi-square", "degrees of freedom", "p-value"],
                rows: test.rows.map { [$0.term, NumberText.fixed($0.test.statistic), "\($0.test.degreesOfFreedom)", NumberText.pValue($0.test.pValue)] })))
        }
        return blocks
    }

    /// Every effect in one table.
    func summarySection() -> ReportSection {
        let table = ReportTable(
            title: "Every effect against \(control)", header: ["outcome", "measure", "arm", "estimate", "95% CI", "p-value", "Holm p-value"],
            rows: estimates.map { e in
                [e.outcome, e.measure, e.arm, NumberText.fixed(e.estimate), NumberText.interval(e.lower, e.upper), NumberText.pValue(e.pValue),
                 NumberText.pValue(e.holmPValue)]
            },
            note: "Holm's adjustment is across the intervention arms within each measure; ratios have no effect at 1, differences at 0.")
        var measures: [(outcome: String, measure: String, isRatio: Bool)] = []
        for e in estimates where !measures.contains(where: { $0.outcome == e.outcome && $0.measure == e.measure }) {
            measures.append((e.outcome, e.measure, e.isRatio))
        }
        let groups = measures.map { m in
            OutcomeForestPlot.Group(
                title: "\(m.outcome): \(Self.sentenceCase(m.measure))", axisLabel: "\(m.measure) (95% CI)", scale: m.isRatio ? .ratio : .difference,
                rows: estimates.filter { $0.outcome == m.outcome && $0.measure == m.measure }
                    .map { ForestPlot.Row(label: $0.arm, estimate: $0.estimate, lower: $0.lower, upper: $0.upper) })
        }
        let figure = ReportFigure(
            title: "Every effect", caption: "Each intervention arm against \(control) on every outcome measure, with 95% confidence intervals; "
                + "ratios on a log scale with no effect at 1, differences with no effect at 0.",
            fileName: "effects.svg", svg: OutcomeForestPlot(title: "Effects against \(control)", groups: groups).document().render())
        return ReportSection(id: "effects", title: "Summary of effects", blocks: groups.isEmpty ? [.table(table)] : [.figure(figure), .table(table)])
    }

    /// A measure's name inside a sentence: its first letter in lower case (`Rate ratio (Poisson)`
    /// becomes `rate ratio (Poisson)`).
    static func sentenceCase(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    private func publish(_ count: Int) -> String {
        guard let rule else { return "\(count)" }
        return rule.isSmall(count) ? DisclosureRule.suppressedMarker : "\(rule.rounded(count))"
    }
}
