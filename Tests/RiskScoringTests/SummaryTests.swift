import DataTables
import DisclosureControl
@testable import RiskScoring
import Testing

@Suite("Risk-factor summaries")
struct SummaryTests {
    static func scores() throws -> RiskScores {
        let study = FixturePaths.path("scoring/study.yaml"), cohort = FixturePaths.path("scoring/cohort.csv")
        let inputs = try StudyRiskInputs(studyFile: study)
        return try inputs.scorer.score(try inputs.readCohort(cohort), file: cohort)
    }

    @Test func prevalenceCountsAddUpToTheCohort() throws {
        let scores = try Self.scores()
        let tables = RiskSummary(scores: scores).tables()
        let factors = tables[0]
        #expect(factors.rowLabels == scores.catalogue.factors.map(\.id))
        #expect(factors.rowTotals.allSatisfy { $0 == scores.count })
        for (f, row) in factors.counts.enumerated() {
            #expect(row[0] == scores.readings[f].filter { $0 == .present }.count)
            #expect(row[2] == scores.readings[f].filter { $0 == .notAssessed }.count)
        }
        let byBand = tables.first { $0.title == "Factors and domains present, by band" }!
        #expect(byBand.rowTotals.prefix(factors.rowCount).elementsEqual(factors.counts.map { $0[0] }))
        let bandSizes = tables.first { $0.title == "People by band" }!
        #expect(bandSizes.grandTotal == scores.count)
        let distribution = tables.last!
        #expect(distribution.columnTotals == [scores.count])
        let cooccurrence = tables.first { $0.title.hasPrefix("Co-occurrence") }!
        #expect((0 ..< cooccurrence.rowCount).allSatisfy { cooccurrence.counts[$0][$0] == factors.counts[$0][0] })
    }

    @Test func armsComeFromTheAllocationAndUnknownArmsAreErrors() throws {
        let scores = try Self.scores()
        let allocation = try DataTable(csvBytes: Array("id,arm\nP000,control\nP001,police\nP002,police\n".utf8))
        let arms = try RiskSummary.Grouping(allocation: allocation, file: "a.csv", ids: scores.ids, arms: ["control", "police"])
        #expect(arms.codes.prefix(3) == [0, 1, 1])
        #expect(arms.ungroupedCount == scores.count - 3)
        let bad = try DataTable(csvBytes: Array("id,arm\nP000,control\nP001,polic\n".utf8))
        #expect(throws: RiskInputError(file: "a.csv", line: 3, column: (2, "arm"), message: "'polic' is not an arm of the study (control, police)")) {
            try RiskSummary.Grouping(allocation: bad, file: "a.csv", ids: scores.ids, arms: ["control", "police"])
        }
        let stranger = try DataTable(csvBytes: Array("id,arm\nZ999,control\n".utf8))
        #expect(throws: RiskInputError(file: "a.csv", line: 2, column: (1, "id"), message: "identifier 'Z999' is not in the cohort")) {
            try RiskSummary.Grouping(allocation: stranger, file: "a.csv", ids: scores.ids, arms: ["control", "police"])
        }
    }

    @Test func publishedTablesCarryTheirRuleInEveryFormat() throws {
        let scores = try Self.scores()
        let published = RiskSummary(scores: scores).published(rule: DisclosureRule(threshold: 10, roundingBase: 5))
        for format in TableFormat.allCases {
            let text = published.rendered(as: format)
            let rule = DisclosureRule(threshold: 10, roundingBase: 5).description
            let occurrences = text.components(separatedBy: rule).count - 1
            if format == .csv {
                #expect(occurrences == published.reduce(0) { $0 + $1.longFormCount })
            } else {
                #expect(occurrences == published.count, "\(format)")
            }
        }
        // 60 people: shown counts are multiples of 5 and none is from 1 to 9.
        for table in published {
            for value in table.cells.joined().compactMap(\.value) { #expect(value % 5 == 0 && !(1 ... 9).contains(value)) }
        }
        let raw = RiskSummary(scores: scores).published(rule: nil).rendered(as: .text)
        #expect(raw.contains("NOT APPLIED"))
    }
}

extension PublishedTable {
    var longFormCount: Int { longForm.count }
}
