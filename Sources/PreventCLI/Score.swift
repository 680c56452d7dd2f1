import ArgumentParser
import DataTables
import Foundation
import DisclosureControl
import RiskModels
import RiskScoring

extension Prevent {
    /// `prevent score`: each person's weighted risk score on the study's pathway factors.
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a cohort on the study's pathway risk factors, with hotspot context.",
            discussion: """
                The factors, weights and band cut-offs come from the study's risk_factors section (the \
                profile's factors when it has none). The output has one row per person: the \
                pseudonymous id, the domain sub-scores, the score, the band, a confidence rating and \
                the factors present and not assessed; no other field of the cohort. People without a \
                home location are scored without the spatial factors and counted on standard error. \
                With --fit, a logistic model of --outcome on the factors gives each person a \
                probability in the yardstick's words. The output is written only when everything \
                succeeds.
                """
        )

        enum Yardstick: String, ExpressibleByArgument, CaseIterable {
            case phia, profile
            var yardstick: ProbabilityYardstick { ProbabilityYardstick.named(rawValue)! }
        }

        @Option(help: "The study's YAML file.") var study: String
        @Option(help: "The cohort CSV file.") var cohort: String
        @Option(help: "A CSV of recorded crimes for the hotspot layers (default: risk_factors.hotspots.crimes; its columns and grid apply, else columns x and y, one type, 250 m cells).")
        var hotspots: String?
        @Option(help: "A CSV of recorded offences (default: risk_factors.offences.file).") var offences: String?
        @Option(help: "The scores CSV file to write.") var out: String
        @Option(help: "The probability yardstick: phia or profile (default: the study's, else phia).") var yardstick: Yardstick?
        @Flag(help: "Fit a logistic model of --outcome on the factors and give each person a probability.") var fit = false
        @Option(help: "With --fit: the cohort's observed binary outcome column (1/0 or yes/no).") var outcome: String?
        @Option(help: "With --fit: lasso, ridge or plain logistic regression.") var model: ModelKind = .lasso
        @Option(help: "With --fit: cross-validation folds.") var folds = 10
        @Option(help: "With --fit: the seed of the fold assignment.") var seed: UInt64 = 1
        @Flag(name: .customLong("no-disclosure-control"), help: "With --fit: print the validation table's true counts.")
        var noDisclosureControl = false
        @Flag(help: "Replace the output file if it exists.") var force = false
        @OptionGroup var global: GlobalOptions

        enum ModelKind: String, ExpressibleByArgument, CaseIterable {
            case lasso, ridge, plain
            var kind: RiskModelKind {
                switch self {
                case .lasso: .lasso
                case .ridge: .ridge
                case .plain: .plain
                }
            }
        }

        func validate() throws {
            if fit && outcome == nil { throw ValidationError("--fit needs --outcome, the column of observed outcomes.") }
            if !fit && outcome != nil { throw ValidationError("--outcome is used only with --fit.") }
            if folds < 2 { throw ValidationError("--folds must be at least 2, not \(folds).") }
        }

        func run() throws {
            global.apply()
            let console = global.console
            if !force && FileManager.default.fileExists(atPath: out) {
                throw ValidationError("\(out): the file exists; give --force to replace it.")
            }
            let inputs = try console.step("Read the study \(study) and its hotspot and offence layers") {
                try StudyRiskInputs(studyFile: study, crimesFile: hotspots, offencesFile: offences, yardstick: yardstick?.yardstick)
            }
            let table = try console.readTable(cohort) { try inputs.readCohort(cohort) }
            var scores = try console.step("Scored \(table.rowCount) people") { try inputs.scorer.score(table, file: cohort) }
            var report: String?
            if fit, let outcome {
                let observed = try OutcomeColumn.values(outcome, cohort: table, file: cohort)
                let settings = RiskModelSettings(kind: model.kind, folds: folds, seed: seed)
                let fitted: RiskModelFit
                do {
                    let bar = console.progressBar(label: "cross-validation fits", total: folds + 1)
                    var progress: (@Sendable (Int) -> Void)? = nil
                    if let bar { progress = { finished in bar.update(done: finished) } }
                    fitted = try console.step("Fitted the \(model.rawValue) model with \(folds)-fold cross-validation") {
                        defer { bar?.finish() }
                        return try scores.fitModel(outcome: observed, settings: settings, progress: progress)
                    }
                } catch let error as RiskModelError {
                    throw FileContextError(file: "\(cohort): --outcome '\(outcome)'", underlying: error)
                }
                report = fitted.report(rule: noDisclosureControl ? nil : DisclosureRule())
            }
            try console.step("Wrote \(out)") { try scores.table().writeCSV(toFile: out) }
            ScoreNotes.write(scores, cohort: cohort, console: console)
            if let report { print(report, terminator: "") }
        }
    }
}

/// The notes `score` and `summary` print on standard error: counts only, never identifiers.
enum ScoreNotes {
    static func write(_ scores: RiskScores, cohort: String, console: Console) {
        var lines: [String] = []
        let spatial = scores.catalogue.factors.filter { if case .spatial = $0.rule { true } else { false } }.map(\.id)
        if !scores.peopleWithoutHome.isEmpty {
            let n = scores.peopleWithoutHome.count
            lines.append("\(cohort): \(n) \(n == 1 ? "person has" : "people have") no home location: scored without \(spatial.joined(separator: ", ")) (listed as not assessed)")
        }
        if !scores.peopleOutsideGrid.isEmpty {
            let n = scores.peopleOutsideGrid.count
            lines.append("\(cohort): \(n) \(n == 1 ? "home lies" : "homes lie") outside the hotspot grid: cell rules not assessed for them")
        }
        for line in lines { console.note(line) }
    }
}
