import DisclosureControl
import Randomisation
import Reporting

extension ReportAssembler {
    /// How people were allocated, with counts per arm and per stratum.
    func allocationSection() -> ReportSection {
        let perArm = published(CountTable(labels: allocation.arms, counts: allocation.counts, title: "People allocated to each arm"))
        var blocks: [ReportSection.Block] = [
            .paragraph("Allocation: \(allocation.source). The eligible people are allocated in the order they were identified; "
                + "the allocation is concealed until each person's baseline is recorded."),
            .table(perArm),
        ]
        if !balance.strata.isEmpty {
            let strata = CountTable(title: "People allocated by stratum and arm", rowLabels: balance.strata.map(\.stratum),
                                    columnLabels: balance.arms, counts: balance.strata.map(\.counts))
            blocks.append(.table(published(strata)))
        }
        return ReportSection(id: "allocation", title: "Allocation", commands: commands.allocation, blocks: blocks)
    }

    /// Baseline balance: the love plot and the standardised differences.
    func balanceSection() -> ReportSection {
        var labels: [String] = []
        for comparison in balance.comparisons where !labels.contains(comparison.label) { labels.append(comparison.label) }
        let arms = Array(balance.arms.dropFirst())
        let values = labels.map { label in
            arms.map { arm in balance.comparisons.first { $0.label == label && $0.arm == arm }?.difference ?? .nan }
        }
        let love = LovePlot(title: "Baseline balance against \(balance.control)", rows: labels, series: arms, values: values,
                            axisLabel: "Standardised mean difference (difference in proportions for categories)")
        let figure = ReportFigure(title: "Baseline balance", caption: "Each intervention arm against \(balance.control): standardised mean differences of "
            + "numeric fields (pooled standard deviation) and differences in proportions of categories; the dashed lines mark ±0.1.",
            fileName: "love-plot.svg", svg: love.document().render())
        let comparisons = ReportTable(
            title: "Baseline differences against \(balance.control)", header: ["field", "arm", "\(balance.control) mean", "arm mean", "difference", "variance ratio"],
            rows: balance.comparisons.map { c in
                [c.label, c.arm, NumberText.fixed(c.controlMean), NumberText.fixed(c.mean), NumberText.fixed(c.difference),
                 c.varianceRatio.map { NumberText.fixed($0) } ?? ""]
            })
        let tests = ReportTable(
            title: "Omnibus tests of arm on each baseline field", header: ["field", "test", "statistic", "degrees of freedom", "p-value"],
            rows: balance.tests.map { t in
                [t.covariate, t.kind.rawValue, NumberText.fixed(t.statistic), t.degreesOfFreedom.map { NumberText.fixed($0, 0) }.joined(separator: ", "),
                 NumberText.pValue(t.pValue)]
            })
        return ReportSection(id: "balance", title: "Baseline balance", commands: commands.balance,
                             blocks: [.figure(figure), .table(comparisons), .table(tests)])
    }
}
