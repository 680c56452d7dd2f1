import DisclosureControl

extension ReportAssembler {
    /// The CONSORT flow counts.
    func consortFlow() -> ConsortFlow {
        let arms = allocation.arms
        var lost = [Int](repeating: 0, count: arms.count)
        for (row, arm) in allocation.armOfRow.enumerated() {
            if let arm, outcomes.people[row].lostToFollowUp { lost[arm] += 1 }
        }
        var analysed = [Int](repeating: 0, count: arms.count)
        if let primary = analyses.riskDifference.result {
            analysed[study.studyProtocol.controlIndex] = primary.controlCount
            for effect in primary.effects {
                if let arm = arms.firstIndex(of: effect.arm) { analysed[arm] = effect.observationCount }
            }
        }
        let excluded = cohort.rowCount - screen.eligibleRows.count
        return ConsortFlow(
            assessed: study.populationFile == nil ? cohort.rowCount : max(riskTable.rowCount, cohort.rowCount),
            identified: cohort.rowCount, exclusionReasons: screen.reasons, excluded: excluded,
            notAllocated: screen.eligibleRows.count - allocation.allocatedRows.count,
            arms: arms, allocated: allocation.counts, lostToFollowUp: lost, analysed: analysed)
    }

    /// The CONSORT diagram and its counts.
    func consortSection(_ flow: ConsortFlow) -> ReportSection {
        let perArm = published(CountTable(title: "CONSORT flow by arm", rowLabels: flow.arms,
                                          columnLabels: ["allocated", "lost to follow-up", "analysed"],
                                          counts: flow.arms.indices.map { [flow.allocated[$0], flow.lostToFollowUp[$0], flow.analysed[$0]] },
                                          hasRowTotals: false, hasColumnTotals: true))
        let column = { (name: String) in perArm.header.firstIndex(of: name)! }
        let armRows = perArm.rows.prefix(flow.arms.count)
        let totalRow = perArm.rows.last!
        let diagram = ConsortDiagram(
            assessed: count(flow.assessed), identified: count(flow.identified), excluded: count(flow.excluded),
            reasons: flow.exclusionReasons.map { ($0.reason, count($0.count)) },
            notAllocated: flow.notAllocated > 0 ? count(flow.notAllocated) : nil,
            randomised: totalRow[column("allocated")],
            arms: flow.arms, allocated: armRows.map { $0[column("allocated")] }, lost: armRows.map { $0[column("lost to follow-up")] },
            analysed: armRows.map { $0[column("analysed")] })
        let figure = ReportFigure(title: "CONSORT flow diagram", caption: "The flow of people through the trial (CONSORT 2010, multi-arm). "
            + "People lost to follow-up are analysed with the time they were followed. \(countNote)",
            fileName: "consort.svg", svg: diagram.document().render())
        var blocks: [ReportSection.Block] = [.figure(figure), .table(perArm)]
        if !flow.exclusionReasons.isEmpty {
            blocks.append(.table(published(CountTable(labels: flow.exclusionReasons.map(\.reason), counts: flow.exclusionReasons.map(\.count),
                                                      title: "Excluded as ineligible, by rule failed"))))
        }
        return ReportSection(id: "consort", title: "CONSORT flow", blocks: blocks)
    }
}
