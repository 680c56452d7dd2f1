import ArgumentParser
import DataTables
import Foundation
import LinearAlgebra
import RiskModels

/// Times the ten-fold cross-validated lasso path of `RiskModels` on the cohort of
/// `peers/lasso_make_data.py`, with the file's fold column, as `cv.glmnet(..., foldid = fold)`.
extension PreventKitBench {
    struct Lasso: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lasso",
            abstract: "Cross-validated lasso logistic path (CrossValidatedPath) on a risk-factor cohort.")

        @Option(help: "CSV from peers/lasso_make_data.py (y, fold, f1..fP).") var path: String
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5
        @Option(help: "Folds fitted in parallel (one per core) when above 1.") var threads = 2

        func run() throws {
            // Folds run in parallel; OpenBLAS stays on one thread inside each.
            BLASThreads.count = 1
            let table = try DataTable(csvFile: path)
            let names = table.columnNames.filter { $0.hasPrefix("f") && $0 != "fold" }
            let data = try RiskModelData(factorColumns: try table.numericValues(names), factorNames: names,
                                         outcome: try table.numeric("y").values)
            let folds = try FoldAssignment(folds: try table.numeric("fold").values.map { Int($0) })
            var model: CrossValidatedPath? = nil
            for repetition in 0 ... repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                model = try CrossValidatedPath(data: data, penalty: .lasso, folds: folds, concurrently: threads > 1)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if repetition > 0 { print("preventkit \(String(format: "%.6f", seconds))") }
            }
            let cv = model!
            let atMinimum = [cv.path.intercepts[cv.minimumIndex]] + cv.path.coefficients[cv.minimumIndex]
            let check = String(format: "check preventkit lambdas %ld min %.10e 1se %.10e\n",
                               cv.path.lambdas.count, cv.lambdaMin, cv.lambda1se)
            let coefficients = atMinimum.map { String(format: "%.10e", $0) }.joined(separator: " ")
            FileHandle.standardError.write(Data(check.utf8))
            FileHandle.standardError.write(Data("coefficients preventkit \(coefficients)\n".utf8))
        }
    }
}
