import ArgumentParser
import DataTables
import Foundation
import Randomisation
import Reporting
import StudyProtocol

extension BalanceReport.Format: ExpressibleByArgument {}

extension Prevent {
    /// `prevent balance`: baseline balance of an allocated cohort.
    struct Balance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the baseline balance of an allocation.",
            discussion: """
                For each intervention arm against control: standardised mean differences (pooled \
                SD) and variance ratios of numeric baseline fields, differences in proportions of \
                categorical ones; an omnibus test of arm on each field (ANOVA F for numeric fields, \
                Pearson chi-square for categorical ones); and counts per arm and stratum. \
                --plot writes an SVG love plot (replacing any file of that name).
                """
        )

        @Option(help: "The study's YAML file.") var study: String
        @Option(help: "The cohort CSV file.") var cohort: String
        @Option(help: "The allocation CSV file (from prevent allocate).") var allocation: String
        @Option(name: .customLong("id-column"), help: "The cohort's column of pseudonymous ids.") var idColumn = "id"
        @Option(help: "Output format: \(BalanceReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: BalanceReport.Format = .text
        @Option(help: "Write an SVG love plot to this file.") var plot: String?
        @OptionGroup var messages: MessageOptions

        func run() throws {
            let console = messages.console
            let design = try console.step("Read the study \(study)") { try StudyInputs.design(study: study) }
            let table = try console.readTable(cohort) { try StudyInputs.cohort(cohort, design: design, idColumn: idColumn) }
            let allocated = try console.readTable(allocation) {
                try DataTable(csvFile: allocation, options: CSVReadOptions(columnTypes: ["id": .categorical, "arm": .categorical]))
            }
            let report: BalanceReport
            do {
                report = try console.step("Compared the arms' baselines") {
                    try BalanceReport(protocol: design.studyProtocol, cohort: table, allocation: allocated, idColumn: idColumn)
                }
            } catch let error as BalanceError {
                throw FileContextError(file: error.row.map { "\(allocation): row \($0 + 1)" } ?? allocation, underlying: error)
            }
            let text = report.rendered(as: format)
            if let plot {
                try console.step("Wrote \(plot)") {
                    try Self.lovePlot(report).document().render().write(toFile: plot, atomically: true, encoding: .utf8)
                }
            }
            print(text, terminator: "")
        }

        /// Each comparison row's difference, one series per intervention arm.
        static func lovePlot(_ report: BalanceReport) -> LovePlot {
            var labels: [String] = []
            for comparison in report.comparisons where !labels.contains(comparison.label) { labels.append(comparison.label) }
            let arms = Array(report.arms.dropFirst())
            let values = labels.map { label in
                arms.map { arm in report.comparisons.first { $0.label == label && $0.arm == arm }?.difference ?? .nan }
            }
            return LovePlot(title: "Baseline balance against \(report.control)", rows: labels, series: arms, values: values,
                            axisLabel: "Standardised mean difference (difference in proportions for categories)")
        }
    }
}
