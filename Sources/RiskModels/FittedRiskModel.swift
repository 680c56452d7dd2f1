import LinearAlgebra

/// A logistic risk model fitted to everyone, with its cross-validated performance: what
/// `prevent score --fit` reports.
///
/// The model is fitted to the whole cohort; its validation (AUC with DeLong interval, Brier
/// score, calibration slope and intercept, calibration table by decile) is computed on the
/// pooled out-of-fold predictions of K-fold cross-validation, each person predicted by a model
/// fitted without their fold. For a penalised model, the same folds choose λ (see
/// ``CrossValidatedPath``), and the out-of-fold predictions are those at the chosen λ.
public struct FittedRiskModel: Sendable {
    /// The settings used.
    public let settings: RiskModelSettings
    /// The factors' names, in coefficient order.
    public let factorNames: [String]
    /// The intercept (log odds when every factor is 0).
    public let intercept: Double
    /// Each factor's coefficient (change in log odds per unit of the factor); exactly 0 for a
    /// factor the lasso dropped.
    public let coefficients: [Double]
    /// The chosen λ, or `nil` for a plain model.
    public let lambda: Double?
    /// The plain fit with its standard errors, or `nil` for a penalised model.
    public let plainFit: LogisticRegression?
    /// The cross-validated path, or `nil` for a plain model.
    public let crossValidation: CrossValidatedPath?
    /// The folds used.
    public let folds: FoldAssignment
    /// Each person's out-of-fold predicted probability.
    public let outOfFoldProbabilities: [Double]
    /// Performance on the out-of-fold predictions.
    public let validation: PredictiveValidation

    /// Fits and cross-validates a risk model.
    ///
    /// - Parameters:
    ///   - data: The factors and outcome.
    ///   - settings: The model and its validation; a cross-validated lasso by default.
    ///   - progress: Called with the number of fits finished so far out of K + 1 (the fit on
    ///     everyone and one per fold), possibly from worker threads but one call at a time;
    ///     default none.
    /// - Throws: ``RiskModelError`` for bad settings, too few people for the folds, a fold
    ///   whose training set has one outcome class, perfect separation (plain model), or
    ///   non-convergence, or collinear factors (plain model).
    public init(data: RiskModelData, settings: RiskModelSettings = RiskModelSettings(),
                progress: (@Sendable (Int) -> Void)? = nil) throws {
        let folds: FoldAssignment
        if let given = settings.foldAssignment {
            folds = try FoldAssignment(folds: given)
            guard given.count == data.count else {
                throw RiskModelError.invalidFoldAssignment(reason: "it has \(given.count) entries for \(data.count) people")
            }
        } else {
            folds = try FoldAssignment(people: data.count, folds: settings.folds, seed: settings.seed)
        }
        switch settings.kind {
        case .plain:
            let fit = try LogisticRegression(data: data)
            progress?(1)
            // The fit on everyone is the first of the K + 1 fits reported.
            var foldProgress: (@Sendable (Int) -> Void)? = nil
            if let progress { foldProgress = { finished in progress(finished + 1) } }
            let perFold = try forEachFold(folds.foldCount, concurrently: settings.concurrentFolds,
                                          progress: foldProgress) { index in
                let (held, training) = folds.split(index + 1)
                let trainingData = data.selectingPeople(training)
                if !trainingData.outcome.contains(0) || !trainingData.outcome.contains(1) {
                    throw RiskModelError.foldHasOneClass(fold: index + 1, value: trainingData.outcome[0])
                }
                let foldFit = try LogisticRegression(data: RiskModelData(
                    factors: trainingData.factors, factorNames: data.factorNames, outcome: trainingData.outcome))
                return (held, foldFit.probabilities(for: data.selectingPeople(held).factors))
            }
            var pooled = [Double](repeating: 0, count: data.count)
            for (held, probabilities) in perFold { for (person, p) in zip(held, probabilities) { pooled[person] = p } }
            intercept = fit.intercept
            coefficients = fit.coefficients
            lambda = nil
            plainFit = fit
            crossValidation = nil
            outOfFoldProbabilities = pooled
        case .penalised(let penalty):
            let cv = try CrossValidatedPath(data: data, penalty: penalty, folds: folds, settings: settings.path,
                                            concurrently: settings.concurrentFolds, progress: progress)
            let index = settings.lambdaChoice == .minimum ? cv.minimumIndex : cv.oneStandardErrorIndex
            intercept = cv.path.intercepts[index]
            coefficients = cv.path.coefficients[index]
            lambda = cv.path.lambdas[index]
            plainFit = nil
            crossValidation = cv
            outOfFoldProbabilities = settings.lambdaChoice == .minimum ? cv.outOfFoldAtMinimum : cv.outOfFoldAtOneStandardError
        }
        self.settings = settings
        factorNames = data.factorNames
        self.folds = folds
        validation = try PredictiveValidation(outcome: data.outcome, predictions: outOfFoldProbabilities,
                                              confidenceLevel: settings.confidenceLevel, groups: settings.calibrationGroups)
    }

    /// The predicted probability of the event for each person.
    ///
    /// - Parameter factors: People by factors, in ``factorNames`` order; another column count
    ///   traps.
    /// - Complexity: O(people × factors).
    public func probabilities(for factors: Matrix) -> [Double] {
        precondition(factors.columns == coefficients.count,
                     "FittedRiskModel: \(factors.columns) factor columns given, the model has \(coefficients.count)")
        return factors.multiplied(by: Vector(coefficients)).map { logistic($0 + intercept) }
    }

    /// The predicted probability of the event for one person.
    ///
    /// - Parameter factors: The person's factor values, in ``factorNames`` order.
    public func probability(for factors: [Double]) -> Double {
        precondition(factors.count == coefficients.count,
                     "FittedRiskModel: \(factors.count) factor values given, the model has \(coefficients.count)")
        return logistic(zip(factors, coefficients).reduce(intercept) { $0 + $1.0 * $1.1 })
    }
}
