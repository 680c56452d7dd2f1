import ArgumentParser
import Foundation
import StudyReport

extension Prevent {
    /// `prevent report`: the whole workflow on a study folder, as an HTML report and a notebook.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole study pipeline and write an HTML report and a Jupyter notebook.",
            discussion: """
                Reads a study folder (study.yaml with an outcomes: section, cohort.csv, and the \
                files the study names) and runs every step with the toolkit's libraries: hotspots, \
                risk scores, eligibility and allocation (or the recorded register with --register), \
                baseline balance, the CONSORT flow, per-person outcomes, every outcome analysis \
                with Holm-adjusted p-values, and the power achieved. Writes report.html (one \
                self-contained file with inline SVG charts), report.ipynb (nbformat 4, with the \
                prevent commands that reproduce each step) and each figure as an SVG file to \
                --out. Every count of people is under disclosure control and no identifier is \
                written. The files are written together: a failure leaves an earlier export as it \
                was, and an existing export is replaced only with --force.
                """
        )

        @Option(help: "The study folder.") var study: String
        @Option(help: "The export folder (default: Notebooks-export/<study>).") var out: String?
        @Option(help: "A trickle-flow register whose recorded allocations the report uses instead of allocating the cohort.")
        var register: String?
        @Option(name: .customLong("key-file"), help: "The register's key file (default: the register's own).") var keyFile: String?
        @Flag(help: "Replace an existing export folder.") var force = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            global.apply()
            let console = global.console
            let name = URL(fileURLWithPath: study).standardizedFileURL.lastPathComponent
            let destination = out ?? "Notebooks-export/\(name)"
            if !force && FileManager.default.fileExists(atPath: destination) {
                throw ValidationError("\(destination): the export folder exists; give --force to replace it.")
            }
            let options = StudyReportOptions(registerFile: register, keyFile: keyFile,
                                             commandStudyPath: RelativePath.of(study, from: destination),
                                             version: PreventVersion.current)
            let progress = StepProgress(console: console, steps: PipelineStep.allCases.count, shown: true)
            let model: StudyReportModel
            do {
                model = try StudyPipeline(folder: study, options: options).run { step, seconds in
                    progress.advance()
                    console.detail("\(step.rawValue.prefix(1).uppercased() + step.rawValue.dropFirst()) [\(Console.formatted(seconds: seconds))]")
                }
            } catch {
                progress.finish()
                throw error
            }
            progress.finish()
            let export = try console.step("Write \(destination)") { () throws -> ReportExport in
                let export = ReportExport(model: model)
                try export.write(to: destination, replacing: force)
                return export
            }
            for note in model.notes { console.note(note) }
            print("Wrote \(export.files.count) files to \(destination)/")
            print("Open \(destination)/report.html in a browser, or \(destination)/report.ipynb in Jupyter.")
        }
    }
}
