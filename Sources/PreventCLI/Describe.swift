import ArgumentParser
import DataTables
import Foundation
import Statistics

extension Prevent {
    /// `prevent describe`: what a CSV file holds, column by column.
    struct Describe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise each column of a CSV file.",
            discussion: """
                Numeric columns: count, missing, mean with a Student t confidence interval, \
                standard deviation, quartiles and range. Categorical columns: count, missing and \
                the number of levels. No counts of single levels and no cell values are printed, \
                so the output can be kept with a study's records without identifying anyone.
                """
        )

        @Argument(help: "The CSV file to read.")
        var file: String

        @Option(name: .customLong("column"), help: "A column to describe (repeat for several; default: all).")
        var columns: [String] = []

        @Option(help: "Confidence level of the interval for the mean, between 0 and 1.")
        var level = 0.95

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard level > 0 && level < 1 else {
                throw ValidationError("--level must lie strictly between 0 and 1, not \(level).")
            }
        }

        func run() throws {
            global.apply()
            let console = global.console
            let table = try console.readTable(file) { try DataTable(csvFile: file) }
            let names = columns.isEmpty ? table.columnNames : columns
            var report = ColumnReport(level: level)
            let started = ContinuousClock.now
            for name in names {
                let column: Column
                do {
                    column = try table.column(name)
                } catch {
                    throw FileContextError(file: file, underlying: error)
                }
                switch column {
                case .numeric(let column):
                    report.add(name: name, summary: NumericSummary(column.values, confidenceLevel: level))
                case .categorical(let column):
                    report.add(name: name, categorical: column)
                }
            }
            console.finished("Summarised \(names.count) column\(names.count == 1 ? "" : "s")", since: started)
            print("\(file): \(table.rowCount) rows, \(table.columnCount) columns")
            print(report.render(), terminator: "")
        }
    }
}
