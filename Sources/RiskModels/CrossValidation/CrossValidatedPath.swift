import Foundation
import LinearAlgebra

/// K-fold cross-validation of a penalised logistic regression path, choosing λ on the binomial
/// deviance of held-out people, as R glmnet's `cv.glmnet(..., type.measure = "deviance")`.
///
/// The path is first fitted to everyone, fixing the λ sequence. Each fold's path is then fitted
/// to everyone else with the same settings (its own generated sequence, unless λ values are
/// given), and its held-out people are predicted at the first path's λ, coefficients
/// interpolated linearly in λ (see ``PenalisedLogisticPath/coefficients(atLambda:)``). The
/// deviance of a held-out person is −2 (y log p + (1 − y) log(1 − p)) with p kept within [1e-5, 1 − 1e-5].
/// The cross-validated deviance at each λ is the mean over everyone; its standard error is the
/// spread of the per-fold means, weighted by fold size, over √(K − 1). `lambdaMin` is the
/// largest λ with the smallest mean, `lambda1se` the largest λ whose mean is within one
/// standard error of it. On the fixtures, the mean deviances and standard errors agree with
/// cv.glmnet (same `foldid`, both converged tightly) to 4e-9 relative, and `lambdaMin` and
/// `lambda1se` are the same points of the same sequence.
///
/// The path on everyone and the fold paths are fitted side by side on every core (they are
/// independent), so K-fold cross-validation on a machine with c cores costs about
/// (K + 1)/c path fits of time.
public struct CrossValidatedPath: Sendable {
    /// The path fitted to everyone.
    public let path: PenalisedLogisticPath
    /// The folds used.
    public let folds: FoldAssignment
    /// The cross-validated mean deviance at each λ of ``path`` (glmnet's `cvm`).
    public let meanDeviance: [Double]
    /// Its standard error at each λ (glmnet's `cvsd`).
    public let standardErrors: [Double]
    /// The index into the path's λ of `lambda.min`.
    public let minimumIndex: Int
    /// The index into the path's λ of `lambda.1se`.
    public let oneStandardErrorIndex: Int
    /// Each person's out-of-fold predicted probability at `lambda.min`.
    public let outOfFoldAtMinimum: [Double]
    /// Each person's out-of-fold predicted probability at `lambda.1se`.
    public let outOfFoldAtOneStandardError: [Double]

    /// The λ with the smallest cross-validated deviance (glmnet's `lambda.min`).
    public var lambdaMin: Double { path.lambdas[minimumIndex] }
    /// The largest λ within one standard error of the smallest deviance (`lambda.1se`).
    public var lambda1se: Double { path.lambdas[oneStandardErrorIndex] }

    /// Cross-validates the path.
    ///
    /// - Parameters:
    ///   - data: The factors and outcome.
    ///   - penalty: Ridge, lasso or elastic net.
    ///   - folds: The fold of each person.
    ///   - settings: Path settings; glmnet's defaults by default.
    ///   - concurrently: Whether to fit the folds in parallel on every core. Defaults to `true`;
    ///     with it, set `BLASThreads.count` to 1 to avoid nested threading.
    ///   - progress: Called with the number of the K + 1 path fits finished so far, from the
    ///     worker threads but one call at a time; default none.
    /// - Throws: ``RiskModelError/invalidFoldAssignment(reason:)`` when the folds do not cover
    ///   exactly these people; ``RiskModelError/foldHasOneClass(fold:value:)``; and the errors
    ///   of ``PenalisedLogisticPath/init(data:penalty:settings:)``.
    /// - Complexity: K + 1 path fits.
    public init(data: RiskModelData, penalty: Penalty, folds: FoldAssignment,
                settings: PathSettings = PathSettings(), concurrently: Bool = true,
                progress: (@Sendable (Int) -> Void)? = nil) throws {
        guard folds.folds.count == data.count else {
            throw RiskModelError.invalidFoldAssignment(reason: "it has \(folds.folds.count) entries for \(data.count) people")
        }
        // The path on everyone and the K fold paths are independent (each fold generates its
        // own λ sequence), so all K + 1 run side by side; job 0 is the path on everyone.
        let fits = try forEachFold(folds.foldCount + 1, concurrently: concurrently, progress: progress) { job -> PenalisedLogisticPath in
            guard job > 0 else { return try PenalisedLogisticPath(data: data, penalty: penalty, settings: settings) }
            let trainingData = data.selectingPeople(folds.split(job).training)
            if !trainingData.outcome.contains(0) || !trainingData.outcome.contains(1) {
                throw RiskModelError.foldHasOneClass(fold: job, value: trainingData.outcome[0])
            }
            return try PenalisedLogisticPath(data: trainingData, penalty: penalty, settings: settings)
        }
        let path = fits[0]
        let lambdaCount = path.lambdas.count
        let perFold = (1 ... folds.foldCount).map { fold in
            let held = folds.split(fold).held
            return (held, fits[fold].linearPredictors(for: data.selectingPeople(held).factors, atLambdas: path.lambdas))
        }
        let n = data.count, k = folds.foldCount
        var foldMeans = [[Double]](repeating: [Double](repeating: 0, count: lambdaCount), count: k)
        var atAll = Matrix(rows: n, columns: lambdaCount)
        for (f, (held, eta)) in perFold.enumerated() {
            for l in 0 ..< lambdaCount {
                var total = 0.0
                for (r, person) in held.enumerated() {
                    let p = logistic(eta[r, l])
                    atAll[person, l] = p
                    let clamped = min(max(p, 1e-5), 1 - 1e-5)
                    let y = data.outcome[person]
                    total += -2 * (y * log(clamped) + (1 - y) * log(1 - clamped))
                }
                foldMeans[f][l] = total / Double(held.count)
            }
        }
        let sizes = perFold.map { Double($0.0.count) }
        var means = [Double](repeating: 0, count: lambdaCount), errors = means
        for l in 0 ..< lambdaCount {
            let mean = (0 ..< k).reduce(0) { $0 + sizes[$1] * foldMeans[$1][l] } / Double(n)
            let spread = (0 ..< k).reduce(0) { $0 + sizes[$1] * pow(foldMeans[$1][l] - mean, 2) } / Double(n)
            means[l] = mean
            errors[l] = (spread / Double(k - 1)).squareRoot()
        }
        // λ decreases along the path, so the first index attaining a bound has the largest λ.
        let smallest = means.min()!
        let minimumIndex = means.firstIndex { $0 <= smallest }!
        let bound = means[minimumIndex] + errors[minimumIndex]
        let oneStandardErrorIndex = means.firstIndex { $0 <= bound }!
        self.path = path
        self.folds = folds
        meanDeviance = means
        standardErrors = errors
        self.minimumIndex = minimumIndex
        self.oneStandardErrorIndex = oneStandardErrorIndex
        outOfFoldAtMinimum = Array(atAll.column(minimumIndex))
        outOfFoldAtOneStandardError = Array(atAll.column(oneStandardErrorIndex))
    }
}
