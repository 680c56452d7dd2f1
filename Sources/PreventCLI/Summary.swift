import ArgumentParser
import DataTables
import DisclosureControl
import Foundation
import RiskScoring

extension Prevent {
    /// `prevent summary`: risk-factor summaries for partners, under disclosure control.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise risk factors: prevalence overall, by arm, band and area; co-occurrence; scores.",
            discussion: """
                Disclosure control is on for everything printed or written: counts from 1 to \
                --threshold minus 1 are suppressed, the rest and every total rounded to the nearest \
                --rounding, and further cells suppressed so that no total reveals a suppressed count. \
                The rule applied is printed under every table. --no-disclosure-control prints the true \
                counts, for the data's owner only.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, csv, json, markdown
            var tableFormat: TableFormat { TableFormat(rawValue: rawValue)! }
        }

        @Option(help: "The study's YAML file.") var study: String
        @Option(help: "The cohort CSV file.") var cohort: String
        @Option(help: "A CSV of recorded crimes for the hotspot layers (default: risk_factors.hotspots.crimes; its columns and grid apply, else columns x and y, one type, 250 m cells).")
        var hotspots: String?
        @Option(help: "A CSV of recorded offences (default: risk_factors.offences.file).") var offences: String?
        @Option(help: "An allocation CSV (id, arm) for the tables by arm.") var allocation: String?
        @Option(help: "The cohort's column of areas for the tables by area.") var area: String?
        @Option(help: "Output format: text, csv, json or markdown.") var format: Format = .text
        @Option(help: "Write the tables to this file instead of standard output.") var out: String?
        @Option(help: "The smallest count shown; smaller non-zero counts are suppressed.") var threshold = 5
        @Option(help: "The base counts are rounded to (1 for none).") var rounding = 5
        @Flag(name: .customLong("no-disclosure-control"), help: "Print the true counts (only for the data's owner).")
        var noDisclosureControl = false
        @Flag(help: "Replace the output file if it exists.") var force = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard threshold >= 1 else { throw ValidationError("--threshold must be at least 1, not \(threshold).") }
            guard rounding >= 1 else { throw ValidationError("--rounding must be at least 1, not \(rounding).") }
        }

        func run() throws {
            global.apply()
            let console = global.console
            if let out, !force && FileManager.default.fileExists(atPath: out) {
                throw ValidationError("\(out): the file exists; give --force to replace it.")
            }
            let inputs = try console.step("Read the study \(study) and its hotspot and offence layers") {
                try StudyRiskInputs(studyFile: study, crimesFile: hotspots, offencesFile: offences)
            }
            let table = try console.readTable(cohort) { try inputs.readCohort(cohort) }
            let scores = try console.step("Scored \(table.rowCount) people") { try inputs.scorer.score(table, file: cohort) }
            var arms: RiskSummary.Grouping?
            if let allocation {
                let allocated = try console.readTable(allocation) { try DataTable(csvFile: allocation) }
                arms = try RiskSummary.Grouping(allocation: allocated, file: allocation, ids: scores.ids,
                                                arms: inputs.studyProtocol.arms.map(\.name))
                if let unallocated = arms?.ungroupedCount, unallocated > 0 {
                    console.note("\(allocation): \(unallocated) of the cohort are not allocated; the tables by arm leave them out")
                }
            }
            let areas = try area.map { try RiskSummary.Grouping(areaColumn: $0, cohort: table, file: cohort) }
            let rule = noDisclosureControl ? nil : DisclosureRule(threshold: threshold, roundingBase: rounding)
            let text = console.step("Tabulated the summaries") {
                RiskSummary(scores: scores, arms: arms, areas: areas).published(rule: rule).rendered(as: format.tableFormat)
            }
            ScoreNotes.write(scores, cohort: cohort, console: console)
            if let out {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                print(text, terminator: "")
            }
        }
    }
}
