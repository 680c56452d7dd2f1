import ArgumentParser
import DataTables
import Foundation
import SurvivalAnalysis

/// Times a Cox proportional-hazards fit (Efron ties, model-based variance) of time to first
/// offence on arm and two covariates, from columns in memory, as
/// `coxph(Surv(time, event) ~ arm + risk + age, ties = "efron")` on the file of
/// `peers/cox_make_data.py`.
extension PreventKitBench {
    struct Cox: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cox", abstract: "Cox proportional-hazards fit (Efron ties) on a trial cohort.")

        @Option(help: "CSV from peers/cox_make_data.py (time, event, arm, risk, age).") var path: String
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            let table = try DataTable(csvFile: path)
            let time = try table.numeric("time").values
            let event = try table.numeric("event").values.map { $0 == 1 }
            let arm = try table.categorical("arm")
            let risk = try table.numeric("risk").values
            let age = try table.numeric("age").values
            let interventions = arm.levels.filter { $0 != "control" }
            var model: CoxProportionalHazards? = nil
            for repetition in 0 ... repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                // Building the indicator columns is timed, as coxph's model frame is.
                let indicators = interventions.map { level -> [Double] in
                    let code = Int32(arm.levels.firstIndex(of: level)!)
                    return arm.codes.map { $0 == code ? 1 : 0 }
                }
                model = try CoxProportionalHazards(
                    times: time, events: event, covariates: indicators + [risk, age],
                    columnNames: interventions.map { "arm" + $0 } + ["risk", "age"], ties: .efron)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if repetition > 0 { print("preventkit \(String(format: "%.6f", seconds))") }
            }
            let fit = model!
            let coefficients: String = fit.coefficients.map { String(format: "%.12e", $0) }.joined(separator: " ")
            let errors: String = fit.standardErrors.map { String(format: "%.12e", $0) }.joined(separator: " ")
            let lines = "coefficients preventkit \(coefficients)\nerrors preventkit \(errors)\n"
            FileHandle.standardError.write(Data(lines.utf8))
        }
    }
}
