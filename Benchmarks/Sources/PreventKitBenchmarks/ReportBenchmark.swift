import ArgumentParser
import Foundation
import StudyReport

/// Times `prevent report`'s work on a study folder in memory: the whole pipeline (hotspots, risk
/// scores, allocation, balance, outcomes, every outcome analysis, power) and the rendering of the
/// HTML report and the notebook, without writing files. The peer, `peers/report_r.R`, computes the
/// same per-person outcomes and outcome analyses in R.
extension PreventKitBench {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "The study report's pipeline and rendering on a study folder.")

        @Option(help: "The study folder.") var study: String
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            var stepTimes: [PipelineStep: [Double]] = [:]
            for repetition in 0 ... repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                let model = try StudyPipeline(folder: study).run { step, seconds in
                    if repetition > 0 { stepTimes[step, default: []].append(seconds) }
                }
                let export = ReportExport(model: model)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                precondition(export.files.count > 2, "the report has its files")
                if repetition > 0 { print("preventkit \(String(format: "%.6f", seconds))") }
            }
            let medians = PipelineStep.allCases.map { step -> (PipelineStep, Double) in
                let samples = (stepTimes[step] ?? [0]).sorted()
                return (step, samples[samples.count / 2])
            }
            for (step, seconds) in medians {
                FileHandle.standardError.write(Data("report step \(step.rawValue): median \(String(format: "%.4f", seconds)) s\n".utf8))
            }
            if let slowest = medians.max(by: { $0.1 < $1.1 }) {
                FileHandle.standardError.write(Data("report slowest step: \(slowest.0.rawValue)\n".utf8))
            }
        }
    }
}
