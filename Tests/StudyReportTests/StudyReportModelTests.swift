import Foundation
import StudyReport
import Testing

@Suite struct StudyReportModelTests {
    let model: StudyReportModel

    init() throws {
        model = try StudyFixtures.smallTrialModel.get()
    }

    @Test func consortCountsAddUp() throws {
        let flow = model.consort
        let ids = try StudyFixtures.cohortIDs(StudyFixtures.smallTrial)
        #expect(flow.identified == ids.count)
        #expect(flow.assessed == 240)
        #expect(flow.isConsistent)
        #expect(flow.excluded > 0, "the fixture has ineligible people")
        #expect(flow.identified == flow.excluded + flow.notAllocated + flow.totalAllocated)
        #expect(flow.notAllocated == 0)
        #expect(flow.exclusionReasons.reduce(0) { $0 + $1.count } >= flow.excluded)
        #expect(flow.arms == ["control", "police", "partner", "social_media"])
        #expect(flow.lostToFollowUp.reduce(0, +) > 0, "the fixture has people lost to follow-up")
        #expect(flow.analysed == flow.allocated, "everyone allocated is analysed (lost people with their time followed)")
    }

    @Test func stratifiedBlocksKeepArmsNearlyEqual() {
        let sizes = model.consort.allocated
        #expect(sizes.max()! - sizes.min()! <= 12, "at most one open block of 8 per stratum can unbalance the arms")
    }

    @Test(arguments: [
        ("Any offence", "Risk difference"), ("Any offence", "Odds ratio"), ("Offences", "Rate ratio (Poisson)"),
        ("Offences", "Rate ratio (negative binomial)"), ("Harm", "Mean difference in harm (days)"),
        ("Harm", "Mean difference in log(1 + harm)"), ("Harm", "Difference in the share with any harm"),
        ("Time to first offence", "Hazard ratio"),
    ])
    func everyAnalysisIsPresent(outcome: String, measure: String) {
        let rows = model.estimates.filter { $0.outcome == outcome && $0.measure == measure }
        #expect(rows.map(\.arm) == ["police", "partner", "social_media"])
        for row in rows {
            #expect(row.estimate.isFinite && row.lower <= row.estimate && row.estimate <= row.upper)
            #expect(row.pValue >= 0 && row.pValue <= 1)
            #expect(row.holmPValue >= row.pValue - 1e-12 && row.holmPValue <= 1)
        }
    }

    @Test func holmAdjustmentMatchesItsDefinition() {
        // Holm step-down over three arms: sorted p times 3, 2, 1, made monotone, capped at 1.
        for measure in Set(model.estimates.map(\.measure)) {
            let rows = model.estimates.filter { $0.measure == measure }
            let sorted = rows.sorted { $0.pValue < $1.pValue }
            var running = 0.0
            for (i, row) in sorted.enumerated() {
                running = max(running, min(1, Double(rows.count - i) * row.pValue))
                #expect(abs(row.holmPValue - running) <= 1e-12 * max(1, running), "\(measure) \(row.arm)")
            }
        }
    }

    @Test func sectionsComeInOrder() {
        #expect(model.sections.map(\.id) == [
            "overview", "hotspots", "risk", "allocation", "balance", "consort", "outcomes", "any-offence", "offences", "harm",
            "time-to-first-offence", "effects", "power", "truth",
        ] + (model.notes.isEmpty ? [] : ["notes"]))
    }

    @Test func everyStepHasItsCommands() {
        for id in ["hotspots", "risk", "allocation", "balance", "outcomes", "any-offence", "offences", "harm", "time-to-first-offence", "power"] {
            let section = model.sections.first { $0.id == id }
            #expect(section?.commands.isEmpty == false, "\(id)")
            #expect(section?.commands.allSatisfy { $0.hasPrefix("prevent ") } == true, "\(id)")
        }
    }

    @Test func figuresAreTheOnesPromised() {
        let names = model.figures.map(\.fileName)
        for expected in ["hotspots.svg", "risk-scores.svg", "love-plot.svg", "consort.svg", "kaplan-meier.svg", "any-offence-1.svg",
                         "time-to-first-offence-1.svg"] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(Set(names).count == names.count, "figure file names are unique")
    }

    @Test func countTablesCarryTheDisclosureRule() {
        let counted = model.tables.filter { $0.title.hasPrefix("People") || $0.title.hasPrefix("CONSORT") || $0.title.hasPrefix("Factors") }
        #expect(!counted.isEmpty)
        for table in counted {
            #expect(table.note?.hasPrefix("Disclosure control:") == true, "\(table.title)")
        }
    }

    @Test func simulationTruthIsLabelled() {
        let truth = model.sections.first { $0.id == "truth" }
        #expect(truth?.title == "Simulation truth")
        #expect(truth?.tables.first?.rows.contains(["rate_ratio.police", "1"]) == true)
    }
}
