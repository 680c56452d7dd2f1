import ArgumentParser
import DataTables
import Foundation
import GeneralisedLinearModels
import LinearAlgebra

/// The data of `peers/logistic_make_data.py` as a design (an intercept and the covariates, in
/// the column order of R's `y ~ x1 + … + xK`) and a 0/1 response.
struct LogisticBenchmarkData {
    let design: Matrix
    let response: [Double]
    let columnNames: [String]

    init(path: String) throws {
        let table = try DataTable(csvFile: path)
        let covariates = table.columnNames.filter { $0.hasPrefix("x") }
        response = try table.numeric("y").values
        design = Matrix(columns: [[Double](repeating: 1, count: response.count)] + (try table.numericValues(covariates)))
        columnNames = ["(Intercept)"] + covariates
    }
}

/// Times `GeneralisedLinearModel` (binomial, logit) on a design already in memory: the IRLS fit
/// with its model-based standard errors, what `glm` + `summary` and statsmodels' `Logit.fit` do.
///
/// - Returns: the seconds of each timed repetition (after one warm-up), and the last fit.
func runLogisticBenchmark(data: LogisticBenchmarkData, repetitions: Int) throws
    -> (seconds: [Double], model: GeneralisedLinearModel) {
    var seconds: [Double] = []
    var model: GeneralisedLinearModel? = nil
    for repetition in 0 ... repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        model = try GeneralisedLinearModel(design: data.design, response: data.response,
                                           columnNames: data.columnNames, family: .binomial)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if repetition > 0 { seconds.append(elapsed) }
    }
    return (seconds, model!)
}

extension PreventKitBench {
    struct Logistic: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logistic",
            abstract: "Logistic regression by IRLS (GeneralisedLinearModel) with model-based standard errors.")

        @Option(help: "CSV from peers/logistic_make_data.py.") var path: String
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5
        @Option(help: "OpenBLAS threads.") var threads = 2

        func run() throws {
            BLASThreads.count = threads
            let data = try LogisticBenchmarkData(path: path)
            let (seconds, model) = try runLogisticBenchmark(data: data, repetitions: repetitions)
            for s in seconds { print("preventkit \(String(format: "%.6f", s))") }
            let slopes: [Double] = (1 ... 3).map { model.coefficients[$0] }
            let errors: [Double] = (1 ... 3).map { model.standardErrors[$0] }
            let fields: [String] = (slopes + errors).map { String(format: "%.15e", $0) }
            let line = "check preventkit " + fields.joined(separator: " ") + "\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
