import DataTables
import Foundation
@testable import StudyReport
import Testing

@Suite struct PipelineEdgeCaseTests {
    /// A trial table of `n` people per arm, events given per arm by `event(arm, index)`.
    private func trialTable(arms: [String] = ["control", "police", "partner"], perArm n: Int = 30,
                            strata: Int = 2, event: (Int, Int) -> Bool) -> DataTable {
        var arm: [String?] = [], stratum: [String?] = [], any: [Double] = [], count: [Double] = [], harm: [Double] = []
        var time: [Double] = [], first: [Double] = [], days: [Double] = []
        for (a, name) in arms.enumerated() {
            for i in 0 ..< n {
                let happened = event(a, i)
                arm.append(name)
                stratum.append("s\(i % strata)")
                any.append(happened ? 1 : 0)
                count.append(happened ? Double(1 + i % 3) : 0)
                harm.append(happened ? Double(10 * (1 + i % 4)) : 0)
                time.append(happened ? Double(20 + 7 * i) : 365)
                first.append(happened ? 1 : 0)
                days.append(365)
            }
        }
        return DataTable([
            ("arm", .categorical(CategoricalColumn(arm))), ("stratum", .categorical(CategoricalColumn(stratum))),
            ("any_offence", .numeric(NumericColumn(any))), ("offence_count", .numeric(NumericColumn(count))),
            ("harm", .numeric(NumericColumn(harm))), ("time_to_first_offence", .numeric(NumericColumn(time))),
            ("first_offence", .numeric(NumericColumn(first))), ("days_at_risk", .numeric(NumericColumn(days))),
        ])
    }

    @Test func ordinaryDataIsAdjustedForStrata() {
        let table = trialTable { arm, i in (i + arm) % 3 == 0 }
        let analyses = OutcomeAnalyses(table: table, control: "control", adjustment: StrataAdjustment(blockColumn: "stratum"))
        #expect(analyses.notes.isEmpty, "\(analyses.notes)")
        #expect(analyses.riskDifference.adjusted && analyses.oddsRatio.adjusted && analyses.survival.adjusted)
        #expect(analyses.harm.result != nil && !analyses.harm.adjusted)
    }

    @Test func perfectSeparationIsReportedNotFatal() {
        // Nobody in the police arm offends: the odds ratio and rate ratios cannot be estimated.
        let table = trialTable { arm, i in arm != 1 && i % 2 == 0 }
        let analyses = OutcomeAnalyses(table: table, control: "control", adjustment: StrataAdjustment(blockColumn: "stratum"))
        #expect(analyses.riskDifference.result != nil, "the risk difference needs no events")
        #expect(analyses.oddsRatio.result == nil)
        #expect(analyses.notes.contains { $0.hasPrefix("Any offence, odds ratio: not estimable") }, "\(analyses.notes)")
    }

    @Test func aStratumWithoutEventsDropsTheAdjustmentWithANote() {
        // Events only in stratum s0: with block fixed effects the logistic fit separates.
        let table = trialTable { arm, i in i % 2 == 0 && (i / 2 + arm) % 2 == 0 }
        let analyses = OutcomeAnalyses(table: table, control: "control", adjustment: StrataAdjustment(blockColumn: "stratum"))
        #expect(analyses.oddsRatio.result != nil)
        #expect(!analyses.oddsRatio.adjusted)
        #expect(analyses.notes.contains { $0.contains("fitted without the strata") }, "\(analyses.notes)")
    }

    @Test func anEmptyArmIsReportedNotFatal() {
        var table = trialTable(arms: ["control", "police"]) { arm, i in (i + arm) % 3 == 0 }
        // Name an arm as control that no row has.
        let analyses = OutcomeAnalyses(table: table, control: "partner", adjustment: StrataAdjustment(blockColumn: nil))
        #expect(analyses.riskDifference.result == nil)
        #expect(analyses.notes.count == 6)
        #expect(analyses.notes.allSatisfy { $0.contains("not estimable") && $0.contains("partner") }, "\(analyses.notes)")
        table = trialTable(arms: ["control", "police"], strata: 1) { arm, i in (i + arm) % 3 == 0 }
        let single = OutcomeAnalyses(table: table, control: "control", adjustment: StrataAdjustment(blockColumn: "stratum"))
        #expect(single.riskDifference.result != nil, "a single stratum is no adjustment, not an error")
    }

    @Test func missingHarmIsDroppedByTheHarmAnalysis() throws {
        var table = trialTable { arm, i in (i + arm) % 3 == 0 }
        var harm = try table.numeric("harm").values
        harm[0] = .nan
        table = DataTable(zip(table.columnNames, table.columns).map { name, column in
            (name, name == "harm" ? Column.numeric(NumericColumn(harm)) : column)
        })
        let analyses = OutcomeAnalyses(table: table, control: "control", adjustment: StrataAdjustment(blockColumn: nil))
        let result = try #require(analyses.harm.result)
        #expect(result.harm.droppedCount == 1)
    }

    /// The small study with one cohort cell changed.
    private func studyWithCohortCell(row: Int, column: String, value: String) throws -> String {
        try StudyFixtures.editedCopy { folder in
            let file = folder.appendingPathComponent("cohort.csv")
            var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            var cells = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[header.firstIndex(of: column)!] = value
            lines[row] = cells.joined(separator: ",")
            try Data(lines.joined(separator: "\n").utf8).write(to: file)
        }.path
    }

    @Test(arguments: [("age", ""), ("age", "abc"), ("risk_band", "extreme")])
    func badBaselineValuesNameTheRow(column: String, value: String) throws {
        let folder = try studyWithCohortCell(row: 5, column: column, value: value)
        #expect { try StudyPipeline(folder: folder).run() } throws: { error in
            let text = "\(error)"
            return text.contains("cohort.csv") && text.contains(column)
        }
    }

    @Test func aMissingAllocationDateNamesTheCell() throws {
        let folder = try studyWithCohortCell(row: 7, column: "allocation_date", value: "")
        #expect { try StudyPipeline(folder: folder).run() } throws: { error in
            "\(error)".contains("cohort.csv:8") && "\(error)".contains("allocation date is missing")
        }
    }

    @Test func observerHearsEveryStepOnce() throws {
        var steps: [PipelineStep] = []
        _ = try StudyPipeline(folder: StudyFixtures.smallTrial).run { step, seconds in
            steps.append(step)
            #expect(seconds >= 0)
        }
        #expect(steps == PipelineStep.allCases)
    }
}
