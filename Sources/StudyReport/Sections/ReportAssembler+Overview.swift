import StudyProtocol

extension ReportAssembler {
    /// The study at a glance: arms, design, follow-up and what the report holds.
    func overviewSection(consort: ConsortFlow) -> ReportSection {
        let p = study.studyProtocol
        let randomisation = p.randomisation
        var design = "Randomisation: \(randomisation.scheme.rawValue.replacingOccurrences(of: "-", with: " "))"
        if !randomisation.strata.isEmpty { design += " within strata of \(randomisation.strata.joined(separator: " and "))" }
        if !randomisation.blockSizes.isEmpty { design += ", blocks of \(randomisation.blockSizes.map(String.init).joined(separator: " or ")) drawn at random" }
        if let seed = randomisation.seed { design += ", seed \(seed)" }
        design += ". Allocation for this report: \(allocation.source)."
        let blocks: [ReportSection.Block] = [
            .paragraph("Study \(study.name): a randomised trial of \(p.arms.count) arms, each intervention arm compared with \(control). "
                + "People are followed for \(study.outcomes.followUpDays) days from allocation; offences found by proactive policing are not counted."),
            .paragraph(design),
            .paragraph("\(countNote) This applies to every count of people in the report. No identifier of any person appears in it."),
            .table(ReportTable(title: "Arms", header: ["arm", "ratio", "role"],
                               rows: p.arms.enumerated().map { i, arm in [arm.name, "\(arm.ratio)", i == p.controlIndex ? "control" : "intervention"] })),
        ]
        return ReportSection(id: "overview", title: "Study \(study.name)", commands: [], blocks: blocks)
    }
}
