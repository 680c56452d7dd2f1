import DataTables
import Foundation
@testable import RiskScoring
import StudyProtocol
import Testing

@Suite("Weighted risk scores")
struct ScoringTests {
    static let study = FixturePaths.path("scoring/study.yaml")
    static let cohort = FixturePaths.path("scoring/cohort.csv")

    static func scores() throws -> RiskScores {
        let inputs = try StudyRiskInputs(studyFile: study)
        return try inputs.scorer.score(try inputs.readCohort(cohort), file: cohort)
    }

    @Test func agreesWithTheIndependentReferenceOnEveryPerson() throws {
        // expected.csv: make_fixtures.py, the same rules implemented with Python's datetime.
        let expected = try DataTable(csvFile: FixturePaths.path("scoring/expected.csv"),
                                     options: CSVReadOptions(missingValues: [], columnTypes: ["factors_present": .categorical, "factors_not_assessed": .categorical, "id": .categorical]))
        let scores = try Self.scores()
        let table = scores.table()
        #expect(table.columnNames == ["id", "score_criminality", "score_identity", "score_networks", "score_ability", "score",
                                      "band", "confidence", "factors_present", "factors_not_assessed"])
        #expect(try table.categorical("id").values == expected.categorical("id").values)
        for column in ["score_criminality", "score_identity", "score_networks", "score_ability", "score"] {
            // Sums of at most five weights that are multiples of 0.5: exact in binary.
            #expect(try table.numeric(column).values == expected.numeric(column).values, "\(column)")
        }
        for column in ["band", "factors_present", "factors_not_assessed"] {
            #expect(try table.categorical(column).values.map { $0 ?? "" } == expected.categorical(column).values.map { $0 ?? "" }, "\(column)")
        }
    }

    @Test func everyPointIsTraceableToAFactor() throws {
        let scores = try Self.scores()
        let weights = Dictionary(uniqueKeysWithValues: scores.catalogue.factors.map { ($0.id, $0.weight) })
        for person in 0 ..< scores.count {
            let traced = scores.factorsPresent(for: person).reduce(0) { $0 + weights[$1]! }
            #expect(traced == scores.scores[person])
            #expect(scores.domainScores.reduce(0) { $0 + $1[person] } == scores.scores[person])
        }
    }

    @Test func missingCellsAreNotAssessedAndLowerTheConfidence() throws {
        let scores = try Self.scores()
        let person = (0 ..< scores.count).first { !scores.factorsNotAssessed(for: $0).isEmpty }!
        let notAssessed = scores.factorsNotAssessed(for: person)
        let missingWeight = scores.catalogue.factors.filter { notAssessed.contains($0.id) }.reduce(0) { $0 + $1.weight }
        #expect(abs(scores.assessedShares[person] - (1 - missingWeight / scores.catalogue.maximumScore)) < 1e-12)
        #expect(scores.confidence(for: person) < .high)
        let complete = (0 ..< scores.count).first { scores.factorsNotAssessed(for: $0).isEmpty }!
        #expect(scores.confidence(for: complete) == .high)
    }

    @Test func probabilitiesAreWrittenInTheYardsticksWords() throws {
        var scores = try Self.scores()
        let probabilities = (0 ..< scores.count).map { Double($0 % 21) / 20 }
        scores.attach(probabilities: probabilities, confidence: .moderate)
        let table = scores.table()
        let phrases = try table.categorical("yardstick").values
        // 0.10 lies in a gap of the study's profile yardstick, and in Highly unlikely on PHIA's.
        #expect(phrases[2] == "between Remote or highly unlikely and Improbable or unlikely")
        #expect(phrases[5] == "Realistic possibility")      // 0.25
        #expect(try table.numeric("probability").values == probabilities)
        let phia = scores.table(yardstick: .phia)
        #expect(try phia.categorical("yardstick").values[2] == "Highly unlikely")
        #expect((0 ..< scores.count).allSatisfy { scores.confidence(for: $0) <= .moderate })
    }

    @Test func aFactorNamingAMissingColumnIsReportedWithEveryOther() throws {
        let catalogue = RiskCatalogue(factors: [
            RiskFactor(id: "a", domain: .networks, rule: .flag(column: "no_such_flag")),
            RiskFactor(id: "b", domain: .identity, rule: .threshold(column: "no_such_number", comparison: .above, value: 1)),
            RiskFactor(id: "c", domain: .identity, rule: .threshold(column: "ocg_link", comparison: .above, value: 1)),
        ], bands: RiskCatalogue.profileBands)
        let cohort = try DataTable(csvFile: Self.cohort)
        #expect {
            try RiskScorer(catalogue: catalogue).score(cohort, file: "cohort.csv")
        } throws: { error in
            let lines = "\(error)".split(separator: "\n").map(String.init)
            return lines.count == 3
                && lines[0].hasPrefix("cohort.csv: no column named 'no_such_flag'") && lines[0].hasSuffix("(factor a)")
                && lines[1].hasPrefix("cohort.csv: no column named 'no_such_number'")
                && lines[2] == "cohort.csv: column 4 'ocg_link': is categorical, not numeric (factor c)"
        }
    }

    @Test func aFlagThatIsNotYesOrNoNamesItsLineAndColumn() throws {
        let cohort = try DataTable(csvBytes: Array("id,ocg_link\nA,yes\nB,maybe\n".utf8))
        let catalogue = RiskCatalogue(factors: [RiskFactor(id: "link", domain: .networks, rule: .flag(column: "ocg_link"))],
                                      bands: RiskCatalogue.profileBands)
        #expect(throws: RiskInputError(file: "c.csv", line: 3, column: (2, "ocg_link"), message: "\"maybe\" is not yes or no (factor link)")) {
            try RiskScorer(catalogue: catalogue).score(cohort, file: "c.csv")
        }
        let numeric = try DataTable(csvBytes: Array("id,ocg_link\nA,1\nB,2\n".utf8))
        #expect(throws: RiskInputError(file: "c.csv", line: 3, column: (2, "ocg_link"), message: "\"2\" is not yes or no (factor link)")) {
            try RiskScorer(catalogue: catalogue).score(numeric, file: "c.csv")
        }
    }

    @Test func identifiersArePresentAndDistinct() throws {
        let catalogue = RiskCatalogue(factors: [RiskFactor(id: "link", domain: .networks, rule: .flag(column: "f"))],
                                      bands: RiskCatalogue.profileBands)
        let duplicate = try DataTable(csvBytes: Array("id,f\nA,yes\nB,no\nA,no\n".utf8))
        #expect(throws: RiskInputError(file: "c.csv", line: 4, column: (1, "id"), message: "identifier 'A' is also on line 2")) {
            try RiskScorer(catalogue: catalogue).score(duplicate, file: "c.csv")
        }
        let blank = try DataTable(csvBytes: Array("id,f\nA,yes\n,no\n".utf8), options: CSVReadOptions(columnTypes: ["id": .categorical]))
        #expect(throws: RiskInputError(file: "c.csv", line: 3, column: (1, "id"), message: "the identifier is missing")) {
            try RiskScorer(catalogue: catalogue).score(blank, file: "c.csv")
        }
    }

    @Test func offenceRecordsWithABadDateNameTheirLine() throws {
        let table = try DataTable(csvBytes: Array("id,offence_date\nA,2024-01-01\nB,01/02/2024\n".utf8))
        let settings = OffenceRecordSettings(file: "o.csv", dateColumn: "offence_date", reference: .fixed(CalendarDate(dayNumber: 0)))
        #expect(throws: RiskInputError(file: "o.csv", line: 3, column: (2, "offence_date"), message: "\"01/02/2024\" is not a date in the form YYYY-MM-DD")) {
            try OffenceRecords(table: table, file: "o.csv", settings: settings)
        }
    }

    @Test func theWindowIncludesItsFirstDayAndExcludesTheReferenceDay() throws {
        let table = try DataTable(csvBytes: Array("id,d\nA,2024-01-01\nA,2023-01-01\nA,2022-12-31\nA,2023-06-01\n".utf8))
        let records = try OffenceRecords(table: table, file: "o.csv",
                                         settings: OffenceRecordSettings(file: "o.csv", dateColumn: "d", reference: .fixed(CalendarDate(dayNumber: 0))))
        // 2024-01-01 minus 365 days is 2023-01-01.
        #expect(records.count(for: "A", before: CalendarDate("2024-01-01")!, withinDays: 365) == 2)
        #expect(records.count(for: "B", before: CalendarDate("2024-01-01")!, withinDays: 365) == 0)
    }
}
