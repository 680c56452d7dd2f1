import ArgumentParser
import DataTables
import Foundation
import LinearAlgebra
import Randomisation
import StudyProtocol
import TrialAnalysis

/// The randomisation-inference trial: the allocation benchmarks' 800-person, four-arm design in
/// stratified permuted blocks (12 strata), eight baseline covariates, an outcome with effects of
/// 0, 0.1, 0.2 and 0.3 and heteroskedastic noise, and the draws redrawn from the same design.
struct RandomisationTrial {
    let outcome: [Double]
    let assignment: [Int]
    let covariates: [[Double]]
    let draws: AssignmentDraws

    init(people: Int, draws count: Int) throws {
        let design = try AllocationDesign(protocol: StudyProtocol(yaml: benchmarkStudyYAML))
        let cohort = try design.cohortDesign(table: benchmarkCohort(people: people))
        let arms = try cohort.draw(seed: 20_151_203).map { Int($0) }
        var generator = Xoshiro256StarStar(seed: 8)
        // Approximately normal covariates: the sum of 12 uniforms, centred.
        func normal() -> Double { (0 ..< 12).reduce(0.0) { sum, _ in sum + Double(generator.next() >> 11) / 9_007_199_254_740_992 } - 6 }
        let x = (0 ..< 8).map { _ in (0 ..< people).map { _ in normal() } }
        let effects = [0, 0.1, 0.2, 0.3]
        var y: [Double] = []
        for i in 0 ..< people {
            var value = 1 + effects[arms[i]]
            for c in 0 ..< 8 { value += (0.5 - Double(c) / 8) * x[c][i] }
            y.append(value + normal() * (1 + 0.5 * abs(x[0][i])))
        }
        assignment = arms
        covariates = x
        outcome = y
        let replays = try cohort.replay(count: count, seed: 20_261_121)
        self.draws = AssignmentDraws(units: replays.units, count: replays.replays, armCount: replays.armCount,
                                     armIndices: replays.armIndices)
    }

    /// Writes the trial (`y`, `arm`, `x1`…`x8`) and the first `draws` assignments (one column
    /// per draw) for the peer.
    func write(folder: String, draws peerDraws: Int) throws {
        let n = outcome.count
        var data = DataTable([(name: "y", column: .numeric(NumericColumn(outcome))),
                              (name: "arm", column: .numeric(NumericColumn(assignment.map(Double.init))))])
        for (c, x) in covariates.enumerated() { data.append(.numeric(NumericColumn(x)), named: "x\(c + 1)") }
        try data.writeCSV(toFile: folder + "/ri-data.csv")
        var assignments = DataTable()
        for r in 0 ..< min(peerDraws, draws.count) {
            assignments.append(.numeric(NumericColumn(draws.draw(r).map(Double.init))), named: "d\(r + 1)")
        }
        precondition(assignments.rowCount == n)
        try assignments.writeCSV(toFile: folder + "/ri-draws.csv")
    }
}

extension PreventKitBench {
    struct RandomisationInferenceRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ri",
            abstract: "Randomisation inference (RandomisationInference.test) with Lin adjustment and HC2.")

        @Option(help: "People in the design.") var people = 800
        @Option(help: "Draws per test.") var draws = 10_000
        @Option(help: "The statistic: studentised or estimate.") var statistic = "studentised"
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5
        @Option(help: "OpenBLAS threads.") var threads = 2
        @Option(help: "Write ri-data.csv and ri-draws.csv (the first --peer-draws draws) to this folder for the peer.")
        var peerFolder: String?
        @Option(help: "Draws written for the peer.") var peerDraws = 300

        func run() throws {
            BLASThreads.count = threads
            guard let chosen = RandomisationStatistic(rawValue: statistic) else {
                throw ValidationError("unknown statistic \(statistic)")
            }
            let trial = try RandomisationTrial(people: people, draws: draws)
            if let peerFolder { try trial.write(folder: peerFolder, draws: peerDraws) }
            var seconds: [Double] = []
            var result: RandomisationInferenceResult? = nil
            var inference: RandomisationInference? = nil
            for repetition in 0 ... repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                let ri = try RandomisationInference(outcome: trial.outcome, assignment: trial.assignment, control: 0,
                                                    armCount: 4, covariates: trial.covariates, adjustment: .lin)
                result = try ri.test(trial.draws, statistic: chosen, variance: .hc2)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if repetition > 0 { seconds.append(elapsed) }
                inference = ri
            }
            for s in seconds { print("preventkit \(String(format: "%.6f", s))") }

            // The arithmetic of the computation, against this machine's dgemm rate. Lin's
            // adjustment without blocks is one fit per arm on the same basis Q (p = 9 columns):
            // per draw, the intervention arms' units' ẽqᵢ and qᵢqᵢᵀ are summed (one addition per
            // value), each arm's p × p system is factorised and solved, and for the studentised
            // statistic each unit's residual, score and leverage are dot products of length p,
            // p and p(p + 1)/2. The general formulation (blocks, additive adjustment) would do
            // the dgemm products counted second.
            let n = Double(people), k = 3.0, h = 9.0, p = 9.0, r = Double(draws)
            let pairs = p * (p + 1) / 2
            var flops = n * k / (k + 1) * (p + pairs) * r              // per-arm sums
            flops += (k + 1) * (p * p * p / 3 + 4 * p * p + p * p * p / 3) * r  // factorisations, solves, Π⁻¹
            if chosen == .studentised { flops += 2 * n * (2 * p + pairs) * r }  // residuals, scores, leverages
            let productColumns = min(h + h * (h + 1) / 2 + p * h, p + p * (p + 1) / 2)
            var generalFlops = 2 * productColumns * n * k * r
            if chosen == .studentised {
                generalFlops += 2 * n * p * (k + 1) * (1 + k) * r          // residuals and sandwich scores
                generalFlops += 2 * n * (p * (p + 1) / 2) * (k + 1) * r    // leverages
            }
            let median = seconds.sorted()[seconds.count / 2]
            let gemmSeconds = runGemmBenchmark(size: 2000, repetitions: 3).min()!
            let gemmRate = 2 * 8e9 / gemmSeconds
            var log = String(format: "ri: %.3g GFLOP (one fit per arm); %.1f GFLOP/s achieved (median), dgemm 2000^2 runs at %.1f GFLOP/s: %.0f%% of the dgemm bound (%.4f s)\n",
                             flops / 1e9, flops / median / 1e9, gemmRate / 1e9, 100 * flops / median / gemmRate, flops / gemmRate)
            log += String(format: "ri: the general formulation's dgemm products would be %.3g GFLOP: %.4f s at the dgemm rate, %.0f%% of the measured time\n",
                          generalFlops / 1e9, generalFlops / gemmRate, 100 * generalFlops / gemmRate / median)
            if let result {
                log += "ri: p-values " + result.pValues.map { String(format: "%.4f", $0) }.joined(separator: " ")
                    + String(format: ", joint %.4f\n", result.waldPValue)
            }
            // The peer's draws' t statistics, which run-peers.sh compares to 1e-8 relative.
            if let inference, peerFolder != nil {
                let first = AssignmentDraws(units: people, count: min(peerDraws, draws), armCount: 4,
                                            armIndices: Array(trial.draws.armIndices[0 ..< (people * min(peerDraws, draws))]))
                let statistics = try inference.drawStatistics(first, statistic: .studentised, variance: .hc2)
                let values = (0 ..< min(5, first.count)).flatMap { d in (0 ..< 3).map { statistics.estimates[$0][d] / statistics.standardErrors[$0][d] } }
                log += "check preventkit " + values.map { String(format: "%.15e", $0) }.joined(separator: " ") + "\n"
            }
            FileHandle.standardError.write(Data(log.utf8))
        }
    }
}
