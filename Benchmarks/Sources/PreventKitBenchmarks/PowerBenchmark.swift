import ArgumentParser
import Dispatch
import Foundation
import PowerAnalysis
import Randomisation
import StudyProtocol
import TrialAnalysis

extension PreventKitBench {
    /// `power`: a power simulation of the reference design.
    struct PowerSimulationRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "power",
            abstract: "A power simulation: replicate trials of the 800-person, 4-arm stratified block design, Lin adjustment and HC2.")

        @Option(help: "People in the design.") var people = 800
        @Option(help: "Replicate trials per run.") var replicates = 1000
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5
        @Flag(help: "Also time fitting every replicate's whole regression with RobustLinearModel.") var wholeRegression = false

        func run() throws {
            let design = try AllocationDesign(protocol: StudyProtocol(yaml: benchmarkStudyYAML))
            let cohort = try design.cohortDesign(table: benchmarkCohort(people: people))
            var simulation = PowerSimulation(allocation: cohort, outcome: .normal(controlMean: 0, standardDeviation: 1),
                                             effects: [0.1, 0.2, 0.3], covariateCount: 1, covariateRSquared: 0.3)
            func time(_ label: String) throws -> SimulationDiagnosands {
                var result: SimulationDiagnosands? = nil
                for repetition in 0 ... repetitions {
                    let start = DispatchTime.now().uptimeNanoseconds
                    result = try simulation.run(replicates: replicates, seed: 20_151_203)
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    if repetition > 0 { print("\(label) \(String(format: "%.6f", elapsed))") }
                }
                return result!
            }
            let fast = try time("preventkit")
            var log = "power: " + fast.arms.map { String(format: "%@ power %.3f mean SE %.5f", $0.arm, $0.power.value, $0.meanStandardError.value) }
                .joined(separator: "; ") + "\n"
            if wholeRegression {
                simulation.fitsWholeRegression = true
                let whole = try time("robustlinearmodel-per-replicate")
                let worst = zip(fast.arms, whole.arms).map { abs($0.meanStandardError.value - $1.meanStandardError.value) / $1.meanStandardError.value }.max()!
                log += String(format: "power: arm-by-arm and whole-regression mean SEs agree to %.1e relative\n", worst)
            }
            FileHandle.standardError.write(Data(log.utf8))
        }
    }
}
