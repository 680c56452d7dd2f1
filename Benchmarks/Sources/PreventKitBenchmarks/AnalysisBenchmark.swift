import ArgumentParser
import DataTables
import Foundation
import LinearAlgebra
import TrialAnalysis

/// The trial of `peers/analysis_make_data.py` as a prepared design: an intercept, one indicator
/// per active arm (arm 0 is the control) and the covariates, additively, in the column order of
/// R's `y ~ factor(arm) + x1 + … + xK`.
struct BenchmarkTrial {
    let design: Matrix
    let response: Vector
    let columnNames: [String]
    let clusters: [Int]?

    init(path: String, clustered: Bool) throws {
        let table = try DataTable(csvFile: path)
        let covariates = table.columnNames.filter { $0.hasPrefix("x") }
        let arm = try table.numeric("arm").values
        var columns: [[Double]] = [[Double](repeating: 1, count: arm.count)]
        for level in 1 ... 3 { columns.append(arm.map { $0 == Double(level) ? 1 : 0 }) }
        columns += try table.numericValues(covariates)
        design = Matrix(columns: columns)
        response = Vector(try table.numeric("y").values)
        columnNames = ["(Intercept)", "arm1", "arm2", "arm3"] + covariates
        clusters = clustered ? try table.numeric("g").values.map { Int($0) } : nil
    }
}

/// Times `RobustLinearModel` on a design already in memory: the QR fit and the robust
/// covariance (with CR2's degrees of freedom), what `lm_robust` and statsmodels' `fit` do.
///
/// - Returns: the seconds of each timed repetition (after one warm-up), and the last fit.
func runAnalysisBenchmark(trial: BenchmarkTrial, estimator: VarianceEstimator, repetitions: Int) throws
    -> (seconds: [Double], model: RobustLinearModel) {
    var seconds: [Double] = []
    var model: RobustLinearModel? = nil
    for repetition in 0 ... repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        model = try RobustLinearModel(design: trial.design, response: trial.response, columnNames: trial.columnNames,
                                      clusters: trial.clusters, estimator: estimator)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if repetition > 0 { seconds.append(elapsed) }
    }
    return (seconds, model!)
}

/// The line every analysis peer prints on standard error: the three arm effects and their
/// standard errors, which `run-peers.sh` compares across tools to 1e-8 relative.
func analysisCheckLine(tool: String, estimates: [Double], standardErrors: [Double]) -> String {
    "check \(tool) " + (estimates + standardErrors).map { String(format: "%.15e", $0) }.joined(separator: " ")
}

extension PreventKitBench {
    struct AnalysisFit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fit",
            abstract: "OLS with a robust covariance (RobustLinearModel) on a prepared design.")

        @Option(help: "CSV from peers/analysis_make_data.py.") var path: String
        @Option(help: "The variance estimator (HC2, CR2, ...); CR2 and the other clustered ones use column g.")
        var se = "HC2"
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5
        @Option(help: "OpenBLAS threads.") var threads = 2

        func run() throws {
            BLASThreads.count = threads
            guard let estimator = VarianceEstimator(rawValue: se) else {
                throw ValidationError("unknown variance estimator \(se)")
            }
            let trial = try BenchmarkTrial(path: path, clustered: estimator.isClustered)
            let (seconds, model) = try runAnalysisBenchmark(trial: trial, estimator: estimator, repetitions: repetitions)
            for s in seconds { print("preventkit \(String(format: "%.6f", s))") }
            FileHandle.standardError.write(Data((analysisCheckLine(
                tool: "preventkit", estimates: (1 ... 3).map { model.coefficients[$0] },
                standardErrors: (1 ... 3).map { model.standardErrors[$0] }) + "\n").utf8))
        }
    }
}
