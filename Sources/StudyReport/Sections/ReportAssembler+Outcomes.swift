import DisclosureControl

extension ReportAssembler {
    /// Per-arm summaries of the per-person outcomes.
    func outcomeSummarySection() -> ReportSection {
        let arms = allocation.arms
        var people = [Int](repeating: 0, count: arms.count), any = people, lost = people, harmed = people
        var offences = [Double](repeating: 0, count: arms.count), harm = offences, days = offences
        for (row, arm) in allocation.armOfRow.enumerated() {
            guard let arm else { continue }
            let person = outcomes.people[row]
            people[arm] += 1
            if person.anyOffence { any[arm] += 1 }
            if person.lostToFollowUp { lost[arm] += 1 }
            if person.harm > 0 { harmed[arm] += 1 }
            offences[arm] += Double(person.offenceCount)
            harm[arm] += person.harm
            days[arm] += Double(person.daysAtRisk)
        }
        let counts = published(CountTable(title: "People by outcome and arm", rowLabels: arms,
                                          columnLabels: ["people", "any offence", "any harm", "lost to follow-up"],
                                          counts: arms.indices.map { [people[$0], any[$0], harmed[$0], lost[$0]] },
                                          hasRowTotals: false, hasColumnTotals: true))
        let means = ReportTable(
            title: "Mean outcomes by arm", header: ["arm", "share with any offence", "offences per person-year", "mean harm (days)", "mean days at risk"],
            rows: arms.indices.map { a in
                let n = Double(max(people[a], 1))
                return [arms[a], NumberText.percent(Double(any[a]) / n), NumberText.fixed(offences[a] / max(days[a], 1) * 365.25),
                        NumberText.fixed(harm[a] / n, 1), NumberText.fixed(days[a] / n, 1)]
            })
        let summary = outcomes.summary
        return ReportSection(
            id: "outcomes", title: "Outcomes from offence records", commands: commands.outcomes,
            blocks: [
                .paragraph("Each allocated person is followed from the day after allocation for \(study.outcomes.followUpDays) days, or until lost to "
                    + "follow-up. Of \(summary.records) offence records, \(summary.counted) fell within someone's follow-up and were counted; "
                    + "\(summary.proactive) found by proactive policing, \(summary.beforeAllocation) before allocation and \(summary.afterFollowUp) "
                    + "after follow-up were not. Harm sums the counted offences' weights in days (\(URLName.last(study.outcomes.harmWeightsFile)))."),
                .table(counts), .table(means),
            ])
    }
}

/// The last component of a path, for naming a file in prose.
enum URLName {
    static func last(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
