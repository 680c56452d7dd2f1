import Foundation
import Testing
@testable import OffenceOutcomes

/// Each kind of bad input: an error naming the file, line and column, or a stated warning with
/// its count when the user asked for one.
@Suite struct BadInputTests {
    static let cohort = "id,allocation_date,lost_to_follow_up\nA,2023-01-01,\nB,2023-01-05,\n"
    static let weights = "offence_code,harm_days\nBURG,40\nSHOP,1.5\n"

    func outcomes(offences: String, cohort: String = cohort, weights: String = weights,
                  settings: FollowUpSettings = FollowUpSettings(followUpDays: 365)) throws -> OffenceOutcomes {
        let weightsFile = TestFiles.write(weights, name: "weights.csv")
        return try OffenceOutcomes(offencesFile: TestFiles.write(offences, name: "offences.csv"),
                                   cohortFile: TestFiles.write(cohort, name: "cohort.csv"),
                                   harmWeights: try HarmWeights(csvFile: weightsFile), harmWeightsFile: "weights.csv",
                                   settings: settings)
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func unknownCodeNamesLineAndColumn() {
        let text = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\nA,2023-02-01,BURG,no\n\nB,2023-03-01,THF9,no\n") }
        #expect(text.hasSuffix("offences.csv:4: column 3 'offence_code': unknown offence code \"THF9\" (not in weights.csv)"))
    }

    @Test func unknownCodeAsZeroIsCountedAndWarned() throws {
        var settings = FollowUpSettings(followUpDays: 365, unknownCodes: .zeroWeight)
        settings.unknownCodes = .zeroWeight
        let result = try outcomes(offences: "id,offence_date,offence_code,proactive\nA,2023-02-01,THF9,no\nB,2023-03-01,THF9,no\nB,2022-03-01,XX,no\n",
                                  settings: settings)
        #expect(result.summary.unknownCodeCounted == 2)
        #expect(result.summary.unknownCodes == ["THF9"])
        #expect(result.people.map(\.offenceCount) == [1, 1])
        #expect(result.people.map(\.harm) == [0, 0])
        #expect(result.summary.warnings == ["2 counted offences have codes that the harm table does not list (THF9); their harm was taken as zero"])
    }

    @Test func unparseableDate() {
        let text = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\nA,2023-02-30,BURG,no\n") }
        #expect(text.hasSuffix("offences.csv:2: column 2 'offence_date': \"2023-02-30\" is not a date written yyyy-mm-dd"))
        let cohort = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n", cohort: "id,allocation_date\nA,01/02/2023\n") }
        #expect(cohort.hasSuffix("cohort.csv:2: column 2 'allocation_date': \"01/02/2023\" is not a date written yyyy-mm-dd"))
    }

    @Test func dayFirstDatesWhenAskedFor() throws {
        let result = try outcomes(offences: "id,offence_date,offence_code,proactive\nA,03/01/2023,BURG,no\n",
                                  cohort: "id,allocation_date\nA,01/01/2023\n",
                                  settings: FollowUpSettings(followUpDays: 30, dateFormat: .dayMonthYear))
        #expect(result.people[0].timeToFirstOffence == 2)
    }

    @Test func lossBeforeAllocationIsDatesInWrongOrder() {
        let text = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n",
                                              cohort: "id,allocation_date,lost_to_follow_up\nA,2023-01-01,\nB,2023-05-01,2023-04-30\n") }
        #expect(text.hasSuffix("cohort.csv:3: column 3 'lost_to_follow_up': the date lost to follow-up 2023-04-30 is before the allocation date 2023-05-01"))
    }

    @Test func duplicatePersonInCohort() {
        let text = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n",
                                              cohort: "id,allocation_date\nA,2023-01-01\nB,2023-01-01\nA,2023-02-01\n") }
        #expect(text.hasSuffix("cohort.csv:4: column 1 'id': person 'A' appears twice in the cohort (first on line 2)"))
    }

    @Test func personNotInCohort() throws {
        let offences = "id,offence_date,offence_code,proactive\nA,2023-02-01,BURG,no\nZ,2023-02-01,BURG,no\nZ,2023-03-01,SHOP,no\n"
        let text = message { _ = try outcomes(offences: offences) }
        #expect(text.contains("offences.csv:3: column 1 'id': person 'Z' is not in the cohort"))
        let ignored = try outcomes(offences: offences, settings: FollowUpSettings(followUpDays: 365, unknownPeople: .ignore))
        #expect(ignored.summary.notInCohort == 2)
        #expect(ignored.summary.counted == 1)
        #expect(ignored.summary.warnings == ["2 offence records are of people not in the cohort and were left out"])
    }

    @Test func missingAndBadProactiveFlag() {
        let missing = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\nA,2023-02-01,BURG,\n") }
        #expect(missing.hasSuffix("offences.csv:2: column 4 'proactive': the proactive flag is missing (write yes or no)"))
        let bad = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\nA,2023-02-01,BURG,maybe\n") }
        #expect(bad.hasSuffix("offences.csv:2: column 4 'proactive': \"maybe\" is not a proactive flag (write yes or no)"))
    }

    @Test func missingColumn() {
        let text = message { _ = try outcomes(offences: "id,date,offence_code,proactive\nA,2023-02-01,BURG,no\n") }
        #expect(text.hasSuffix("offences.csv:1: there is no column 'offence_date' (the header has 'id', 'date', 'offence_code', 'proactive')"))
    }

    @Test func missingPersonIdAndDate() {
        let id = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n,2023-02-01,BURG,no\n") }
        #expect(id.hasSuffix("offences.csv:2: column 1 'id': the person id is missing"))
        let date = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\nA,,BURG,no\n") }
        #expect(date.hasSuffix("offences.csv:2: column 2 'offence_date': the offence date is missing"))
    }

    @Test func badHarmWeights() {
        let negative = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n", weights: "offence_code,harm_days\nBURG,-4\n") }
        #expect(negative.hasSuffix("weights.csv:2: column 2 'harm_days': the harm weight of 'BURG' is -4.0; weights are days, finite and not negative"))
        let infinite = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n", weights: "offence_code,harm_days\nBURG,Inf\n") }
        #expect(infinite.contains("weights.csv:2: column 2 'harm_days'"))
        let twice = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n", weights: "offence_code,harm_days\nBURG,4\nROB,3\nBURG,5\n") }
        #expect(twice.hasSuffix("weights.csv:4: column 1 'offence_code': offence code 'BURG' is listed twice (first on line 2)"))
        let missing = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n", weights: "offence_code,harm_days\nBURG,\n") }
        #expect(missing.hasSuffix("weights.csv:2: column 2 'harm_days': the harm weight of 'BURG' is missing"))
        let text = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n", weights: "offence_code,harm_days\nBURG,four\n") }
        #expect(text.contains("weights.csv:2: column 2 'harm_days'"))
    }

    @Test func followUpMustBePositive() {
        let text = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n", settings: FollowUpSettings(followUpDays: 0)) }
        #expect(text.contains("the follow-up must be at least 1 day, not 0"))
    }

    @Test func noOffencesGivesAllZeroOutcomes() throws {
        let result = try outcomes(offences: "id,offence_date,offence_code,proactive\n")
        #expect(result.people.allSatisfy { $0.offenceCount == 0 && $0.harm == 0 && !$0.firstOffenceObserved && $0.timeToFirstOffence == 365 })
    }

    @Test func quotedFieldSpanningLinesKeepsLineNumbers() {
        let text = message { _ = try outcomes(offences: "id,offence_date,offence_code,proactive\n\"A\nB\",2023-02-01,BURG,no\nB,2023-02-01,ZZZ,no\n") }
        #expect(text.contains("offences.csv:2: column 1 'id': person 'A\nB' is not in the cohort") || text.contains("offences.csv:2:"))
    }
}
