import DataTables
import RiskScoring

extension ReportAssembler {
    /// The distribution of risk scores and the disclosure-controlled risk-factor summaries,
    /// overall, by arm, band and area.
    func riskSection() throws -> ReportSection {
        // People allocated whom the risk table does not hold (a population file without them) are
        // left out of the tables by arm.
        let scored = Set(scores.ids.values.compactMap { $0 })
        let ids = try allocationTable.categorical("id")
        let allocatedAmongScored = allocationTable.selectingRows((0 ..< allocationTable.rowCount).filter { ids[$0].map(scored.contains) == true })
        let file = study.populationFile ?? study.cohortFile
        let arms = try RiskSummary.Grouping(allocation: allocatedAmongScored, file: "allocation", ids: scores.ids, arms: allocation.arms)
        let areas = riskTable["area"] == nil ? nil : try RiskSummary.Grouping(areaColumn: "area", cohort: riskTable, file: file)
        let summary = RiskSummary(scores: scores, arms: arms, areas: areas)
        let tables = summary.tables().map(published)
        let bands = catalogue.bands.bands.map { (name: $0.name, from: $0.from) }
        let histogram = RiskHistogramFigure(scores: scores.scores, bands: bands, rule: options.disclosure)
        let who = study.populationFile == nil ? "the identified cohort" : "everyone assessed (population.csv)"
        let figure = ReportFigure(
            title: "Risk scores", caption: "Risk scores of \(who): people per whole score, coloured by band. \(countNote)",
            fileName: "risk-scores.svg", svg: histogram.document(title: "Distribution of risk scores").render())
        var blocks: [ReportSection.Block] = [
            .paragraph("Each person of \(who) is scored on \(catalogue.factors.count) pathway risk factors in \(catalogue.domains.count) domains "
                + "(\(catalogue.domains.map(\.rawValue).joined(separator: ", "))), weighted and summed, and banded "
                + "(\(catalogue.bands.bands.map { "\($0.name) from \(NumberText.fixed($0.from, 0))" }.joined(separator: ", ")))."),
            .figure(figure),
        ]
        if !scores.peopleWithoutHome.isEmpty {
            blocks.append(.paragraph("People without a home location, scored without the spatial factors: \(count(scores.peopleWithoutHome.count))."))
        }
        blocks += tables.map { .table($0) }
        return ReportSection(id: "risk", title: "Risk scores and pathway factors", commands: commands.scores, blocks: blocks)
    }
}
