import ArgumentParser
import DataTables
import Foundation
import OffenceOutcomes

extension DateFormat: ExpressibleByArgument {}
extension FollowUpSettings.UnknownCodes: ExpressibleByArgument {}
extension FollowUpSettings.UnknownPeople: ExpressibleByArgument {}

extension Prevent {
    /// `prevent outcomes`: per-person outcomes from offence records, a cohort and harm weights.
    struct Outcomes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute each person's outcomes from offence records: reoffending, offences, harm and time to first offence.",
            discussion: """
                Each person is followed from the day after their allocation date for --follow-up \
                days, or until the date they were lost to follow-up. Offences in that period \
                count unless found by proactive policing; harm sums the counted offences' weights \
                from --harm-weights (offence_code, harm_days). The table written to --out has one \
                row per person (id, any_offence, offence_count, harm, log_harm, \
                time_to_first_offence, first_offence, days_at_risk, lost_to_follow_up), joinable \
                to the allocation by id; it is written only if every record could be read, and an \
                existing file is replaced only with --force. Standard output gets the count of \
                records counted and left out; warnings go to standard error.
                """
        )

        @Option(help: "Offence records CSV: id, offence_date, offence_code, proactive.") var offences: String
        @Option(help: "The cohort CSV: id, allocation_date and optionally lost_to_follow_up.") var cohort: String
        @Option(name: .customLong("harm-weights"), help: "Harm weights CSV: offence_code, harm_days.") var harmWeights: String
        @Option(name: .customLong("follow-up"), help: "Days of follow-up from each person's allocation date.") var followUp: Int
        @Option(help: "The outcomes CSV file to write.") var out: String
        @Option(name: .customLong("id-column"), help: "The column of pseudonymous ids in both files.") var idColumn = "id"
        @Option(name: .customLong("date-format"), help: "How dates are written: \(DateFormat.allCases.map(\.rawValue).joined(separator: " or ")).")
        var dateFormat: DateFormat = .iso
        @Option(name: .customLong("unknown-codes"), help: "Offence codes missing from the harm table: error, or zero-weight (counted with no harm, with a warning).")
        var unknownCodes: FollowUpSettings.UnknownCodes = .error
        @Option(name: .customLong("unknown-people"), help: "Offences of people not in the cohort: error, or ignore (left out, with a warning).")
        var unknownPeople: FollowUpSettings.UnknownPeople = .error
        @Flag(help: "Replace the output file if it exists.") var force = false
        @OptionGroup var messages: MessageOptions

        func validate() throws {
            guard followUp >= 1 else { throw ValidationError("--follow-up must be at least 1 day, not \(followUp).") }
        }

        func run() throws {
            let console = messages.console
            try StudyInputs.checkOutput(out, force: force)
            var settings = FollowUpSettings(followUpDays: followUp, dateFormat: dateFormat, unknownCodes: unknownCodes,
                                            unknownPeople: unknownPeople)
            settings.offenceIDColumn = idColumn
            settings.cohortIDColumn = idColumn
            let weights = try console.step("Read the harm weights \(harmWeights)") { try HarmWeights(csvFile: harmWeights) }
            let result = try console.step("Read \(offences) and \(cohort)", summary: { "\($0.people.count) people" }) {
                try OffenceOutcomes(offencesFile: offences, cohortFile: cohort, harmWeights: weights,
                                    harmWeightsFile: harmWeights, settings: settings)
            }
            try console.step("Wrote \(out)") { try result.table.writeCSV(toFile: out) }
            for warning in result.summary.warnings {
                console.warning(warning)
            }
            print(result.summary.lines.joined(separator: "\n"))
            print("Outcomes of \(result.people.count) people written to \(out)")
        }
    }
}
