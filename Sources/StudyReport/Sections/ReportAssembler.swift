import DataTables
import DisclosureControl
import Foundation
import OffenceOutcomes
import Randomisation
import RiskScoring
import Spatial

/// Builds the report's sections from the pipeline's results. Every count of people shown goes
/// through the disclosure rule; no identifier is written.
struct ReportAssembler {
    let study: StudyFolder
    let options: StudyReportOptions
    let catalogue: RiskCatalogue
    let hotspotMap: HotspotMap?
    let areas: [HotspotMapFigure.Area]
    let riskTable: DataTable
    let scores: RiskScores
    let cohort: DataTable
    let screen: EligibilityScreen
    let allocation: TrialAllocation
    let allocationTable: DataTable
    let balance: BalanceReport
    let outcomes: OffenceOutcomes
    let trial: TrialTable
    let analyses: OutcomeAnalyses
    let power: AchievedPower

    var commands: ReproductionCommands {
        ReproductionCommands(study: study, catalogue: catalogue, registerFile: options.registerFile, hasAreas: riskTable["area"] != nil)
    }

    var control: String { study.studyProtocol.control.name }

    /// The model.
    func model() throws -> StudyReportModel {
        let consort = consortFlow()
        let effects = EffectSections(analyses: analyses, commands: commands, rule: options.disclosure)
        var sections = [overviewSection(consort: consort)]
        if let hotspot = hotspotSection() { sections.append(hotspot) }
        sections.append(try riskSection())
        sections.append(allocationSection())
        sections.append(balanceSection())
        sections.append(consortSection(consort))
        sections.append(outcomeSummarySection())
        sections += effects.sections()
        sections.append(effects.summarySection())
        sections.append(powerSection())
        if let truth = try truthSection() { sections.append(truth) }
        let notes = analyses.notes
        if !notes.isEmpty {
            sections.append(ReportSection(id: "notes", title: "Notes on the analyses", blocks: notes.map { .paragraph($0) }))
        }
        return StudyReportModel(study: study.name, version: options.version, commandStudyPath: options.commandStudyPath ?? study.path,
                                sections: sections, consort: consort, estimates: effects.estimates, notes: notes)
    }

    // MARK: Disclosure control

    /// A table of counts as it may be published, with the rule under it.
    func published(_ table: CountTable) -> ReportTable {
        let table = options.disclosure.map { $0.protect(table) } ?? PublishedTable(unprotected: table)
        var header = [""] + table.columnLabels
        if table.rowTotals != nil { header.append("total") }
        var rows: [[String]] = table.rowLabels.indices.map { i in
            [table.rowLabels[i]] + table.cells[i].map(\.description) + (table.rowTotals.map { [$0[i].description] } ?? [])
        }
        if let totals = table.columnTotals {
            rows.append(["total"] + totals.map(\.description) + (table.grandTotal.map { [$0.description] } ?? []))
        }
        return ReportTable(title: table.title, header: header, rows: rows, note: table.note)
    }

    /// One count standing alone, under the rule: suppressed when small, else rounded.
    func count(_ value: Int) -> String {
        guard let rule = options.disclosure else { return "\(value)" }
        return rule.isSmall(value) ? DisclosureRule.suppressedMarker : "\(rule.rounded(value))"
    }

    /// The note for counts that stand alone.
    var countNote: String { options.disclosure?.description ?? DisclosureRule.notAppliedNote }
}
