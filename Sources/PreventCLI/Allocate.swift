import ArgumentParser
import DataTables
import Foundation
import Randomisation
import StudyProtocol

extension Prevent {
    /// `prevent allocate`: a whole cohort allocated at once under a study's protocol.
    struct Allocate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Allocate a cohort to the study's arms.",
            discussion: """
                Reads the study file and the cohort (one row per person, in arrival order, with a \
                column of pseudonymous ids and the baseline fields), checks every person's fields \
                and eligibility, and writes a CSV file with id, arm, stratum, block, slot (and \
                cluster for cluster allocation) and one p_<arm> column per arm: each arm's \
                probability for that person. The result is exactly what enrolling the same people \
                one at a time in this order would give. The output is written only when everything \
                succeeds, and an existing file is replaced only with --force. Standard output gets \
                counts per arm, never ids.
                """
        )

        @Option(help: "The study's YAML file.") var study: String
        @Option(help: "The cohort CSV file.") var cohort: String
        @Option(help: "The allocation CSV file to write.") var out: String
        @Option(name: .customLong("id-column"), help: "The cohort's column of pseudonymous ids.") var idColumn = "id"
        @Option(help: "The seed (default: randomisation.seed in the study file).") var seed: UInt64?
        @Flag(help: "Replace the output file if it exists.") var force = false
        @Flag(name: .customLong("exclude-ineligible"),
              help: "Leave out people who fail an eligibility rule (counted on standard error) instead of stopping.")
        var excludeIneligible = false
        @OptionGroup var messages: MessageOptions

        /// Cohorts at least this large get a progress bar (on a terminal) while eligibility is checked.
        static let progressRows = 50_000

        func run() throws {
            let console = messages.console
            try StudyInputs.checkOutput(out, force: force)
            let design = try console.step("Read the study \(study)", summary: { "\($0.armNames.count) arms, \($0.scheme.rawValue)" }) {
                try StudyInputs.design(study: study)
            }
            guard let seed = seed ?? design.studyProtocol.randomisation.seed else {
                throw FileContextError(file: study, underlying: MissingSeed())
            }
            var table = try console.readTable(cohort) { try StudyInputs.cohort(cohort, design: design, idColumn: idColumn) }
            table = try console.step("Checked eligibility", summary: { "\($0.rowCount) eligible" }) { try eligible(table, design: design) }
            let allocation: CohortAllocation
            do {
                allocation = try console.step("Allocated \(table.rowCount) people") {
                    try design.allocate(table: table, idColumn: idColumn, seed: seed)
                }
            } catch let error as AllocationError {
                throw StudyInputs.cohortError(error, file: cohort)
            }
            try console.step("Wrote \(out)") { try allocation.table().writeCSV(toFile: out) }
            var counts = [Int](repeating: 0, count: design.armNames.count)
            for arm in allocation.armIndices { counts[Int(arm)] += 1 }
            let summary = zip(design.armNames, counts).map { "\($0) \($1)" }.joined(separator: ", ")
            print("Allocated \(allocation.count) people (\(design.scheme.rawValue), seed \(seed)): \(summary)")
            if let draws = allocation.rerandomisationDraws, let distance = allocation.distance, let threshold = allocation.design.threshold {
                print("Rerandomisation: accepted draw \(draws), Mahalanobis distance \(distance) <= threshold \(threshold)")
            }
            print("Wrote \(out)")
        }

        /// The cohort's eligible rows; ineligible ones stop the command unless excluded.
        private func eligible(_ table: DataTable, design: AllocationDesign) throws -> DataTable {
            let rules = design.studyProtocol.eligibility
            guard !rules.isEmpty else { return table }
            for field in design.studyProtocol.baseline where field.isRequired && table[field.name] == nil {
                throw FileContextError(file: cohort, underlying: AllocationError(.missingColumn(field.name)))
            }
            // Every declared baseline field the cohort has, so that bad values are reported as such.
            let fields = Set(rules.map(\.field) + design.studyProtocol.baseline.map(\.name).filter { table[$0] != nil })
            let columns = fields.sorted().map { name in (name, table[name]) }
            var keep: [Int] = []
            var reasons: [String: Int] = [:]
            var firstFailures: [String] = []
            let bar = table.rowCount >= Self.progressRows ? messages.console.progressBar(label: "rows checked", total: table.rowCount) : nil
            defer { bar?.finish() }
            for row in 0 ..< table.rowCount {
                if row % 1024 == 0 { bar?.update(done: row) }
                var values: [String: String] = [:]
                for (name, column) in columns {
                    switch column {
                    case let .numeric(numbers)?: if !numbers.values[row].isNaN { values[name] = "\(numbers.values[row])" }
                    case let .categorical(labels)?: if let label = labels[row] { values[name] = label }
                    case nil: break
                    }
                }
                let failures: [String]
                do {
                    failures = try design.eligibilityFailures(of: EnrolmentUnit(id: "row", fields: values))
                } catch let error as AllocationError {
                    throw StudyInputs.cohortError(AllocationError(error.reason, row: row), file: cohort)
                }
                if failures.isEmpty {
                    keep.append(row)
                } else {
                    for failure in failures { reasons[failure, default: 0] += 1 }
                    if firstFailures.count < 10 { firstFailures.append("\(cohort): row \(row + 1): not eligible: \(failures.joined(separator: "; "))") }
                }
            }
            bar?.update(done: table.rowCount)
            let excluded = table.rowCount - keep.count
            guard excluded > 0 else { return table }
            let reasonList = reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            guard excludeIneligible else {
                var message = firstFailures.joined(separator: "\n")
                if excluded > firstFailures.count { message += "\n... and \(excluded - firstFailures.count) more" }
                throw IneligiblePeople(message: message + "\n\(excluded) people are not eligible (\(reasonList)); give --exclude-ineligible to allocate the others")
            }
            messages.console.note("Excluded \(excluded) ineligible people (\(reasonList))")
            return table.selectingRows(keep)
        }
    }
}

/// No seed in the study file and none given.
struct MissingSeed: Error, CustomStringConvertible {
    var description: String { "no seed: give randomisation.seed in the study file or --seed" }
}

/// People in the cohort who fail the eligibility rules.
struct IneligiblePeople: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension DataTable {
    /// The rows at `rows`, in that order.
    func selectingRows(_ rows: [Int]) -> DataTable {
        DataTable(zip(columnNames, columns).map { name, column in
            switch column {
            case let .numeric(numbers): return (name, Column.numeric(NumericColumn(rows.map { numbers.values[$0] })))
            case let .categorical(labels):
                return (name, Column.categorical(CategoricalColumn(levels: labels.levels, codes: rows.map { labels.codes[$0] })))
            }
        })
    }
}
