import DataTables
import Foundation
import Testing
@testable import OffenceOutcomes

/// The bundled example, checked by hand and against the pandas reimplementation beside it.
@Suite struct ExampleOutcomesTests {
    let outcomes: OffenceOutcomes

    init() throws {
        let weights = try HarmWeights(csvFile: TestFiles.fixture("harm-weights.csv"))
        outcomes = try OffenceOutcomes(offencesFile: TestFiles.fixture("offences.csv"), cohortFile: TestFiles.fixture("cohort.csv"),
                                       harmWeights: weights, settings: FollowUpSettings(followUpDays: 365))
    }

    struct Expected: Sendable, CustomTestStringConvertible {
        let id: String, count: Int, harm: Double, time: Int, risk: Int, lost: Bool
        var testDescription: String { id }
    }

    /// Worked by hand: P01's offence on its allocation date is ignored, day 365 counts and day
    /// 366 does not; P03 is lost after 92 days; P04 has two offences on one day; P05 crosses 29
    /// February 2024; P06 is lost on its allocation date.
    static let handChecked: [Expected] = [
        Expected(id: "P01", count: 2, harm: 366.5, time: 1, risk: 365, lost: false),
        Expected(id: "P02", count: 0, harm: 0, time: 365, risk: 365, lost: false),
        Expected(id: "P03", count: 1, harm: 20, time: 17, risk: 92, lost: true),
        Expected(id: "P04", count: 3, harm: 100, time: 28, risk: 365, lost: false),
        Expected(id: "P05", count: 1, harm: 2, time: 60, risk: 365, lost: false),
        Expected(id: "P06", count: 0, harm: 0, time: 0, risk: 0, lost: true),
    ]

    @Test(arguments: handChecked)
    func personMatchesHandCalculation(_ expected: Expected) throws {
        let person = try #require(outcomes.people.first { $0.id == expected.id })
        #expect(person.offenceCount == expected.count)
        #expect(person.harm == expected.harm)
        #expect(person.anyOffence == (expected.count > 0))
        #expect(person.timeToFirstOffence == expected.time)
        #expect(person.firstOffenceObserved == (expected.count > 0))
        #expect(person.daysAtRisk == expected.risk)
        #expect(person.lostToFollowUp == expected.lost)
        #expect(person.logHarm == log1p(expected.harm))
    }

    @Test func everyRecordIsAccountedFor() {
        let summary = outcomes.summary
        #expect(summary.records == 13)
        #expect(summary.counted == 7)
        #expect(summary.proactive == 2)
        #expect(summary.beforeAllocation == 2)
        #expect(summary.afterFollowUp == 2)
        #expect(summary.notInCohort == 0)
        #expect(summary.lostToFollowUp == 2)
        #expect(summary.counted + summary.proactive + summary.beforeAllocation + summary.afterFollowUp + summary.notInCohort == summary.records)
        #expect(summary.warnings.isEmpty)
    }

    @Test func tableMatchesPandasReimplementation() throws {
        let expected = try DataTable(csvFile: TestFiles.fixture("expected_outcomes.csv"),
                                     options: CSVReadOptions(columnTypes: ["id": .categorical]))
        let table = outcomes.table
        #expect(table.columnNames == expected.columnNames)
        #expect(try table.categorical("id").values == expected.categorical("id").values)
        for name in OffenceOutcomes.outcomeColumns {
            let mine = try table.numeric(name).values, theirs = try expected.numeric(name).values
            for (a, b) in zip(mine, theirs) {
                #expect(abs(a - b) <= 1e-14 * max(1, abs(b)), "column \(name)")
            }
        }
    }

    @Test func tableWritesAsCSVJoinableById() throws {
        let text = outcomes.table.csvText()
        #expect(text.hasPrefix("id,any_offence,offence_count,harm,log_harm,time_to_first_offence,first_offence,days_at_risk,lost_to_follow_up\n"))
        #expect(text.contains("\nP03,1,1,20,"))
    }
}

@Suite struct CalendarDateTests {
    @Test func leapYearsAndFormats() throws {
        #expect(CalendarDate("2024-02-29", format: .iso) != nil)
        #expect(CalendarDate("2023-02-29", format: .iso) == nil)
        #expect(CalendarDate("1900-02-29", format: .iso) == nil)
        #expect(CalendarDate("2000-02-29", format: .iso) != nil)
        #expect(CalendarDate("2023-13-01", format: .iso) == nil)
        #expect(CalendarDate("07/03/2024", format: .dayMonthYear) == CalendarDate("2024-03-07", format: .iso))
        #expect(CalendarDate("2024-03-07", format: .dayMonthYear) == nil)
        #expect(CalendarDate("1970-01-01", format: .iso)?.dayNumber == 0)
        #expect(CalendarDate("2024-01-01", format: .iso)?.dayNumber == 19723)
        let date = try #require(CalendarDate("2023-12-31", format: .iso))
        #expect(date.adding(days: 60).description == "2024-02-29")
    }
}

@Suite struct ShippedExampleTests {
    @Test func exampleHarmTableUnderStudiesLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let weights = try HarmWeights(csvFile: root.appendingPathComponent("Studies/harm-weights-example.csv").path)
        #expect(weights.days.count == 12)
        #expect(weights["SHOP"] == 1)
        #expect(weights["DRUG_POSS_B"] == 0.5)
    }
}
