import RiskModels

/// A risk model fitted to a cohort's factor readings, and who it was fitted to.
public struct RiskModelFit: Sendable {
    /// The fitted model and its cross-validated performance.
    public let model: FittedRiskModel
    /// The rows (cohort order) of the people it was fitted to: every factor assessed and the
    /// outcome observed.
    public let fittedRows: [Int]
    /// Factors left out because they were the same for everyone fitted (they carry no
    /// information about the outcome).
    public let constantFactors: [String]
    /// People left out of the fit because a factor was not assessed for them.
    public let incompleteCount: Int
    /// People left out of the fit because their outcome is blank.
    public let unobservedCount: Int
    /// The model's confidence rating, from the lower limit of its AUC interval.
    public var confidence: AnalyticalConfidence { .model(aucLowerLimit: model.validation.auc.lower) }
}

extension RiskScores {
    /// Fits a logistic model (plain, ridge or lasso, see `RiskModelSettings`) of an observed
    /// outcome on the factors (1 present, 0 absent), validates it by cross-validation, and
    /// attaches each person's predicted probability.
    ///
    /// The model is fitted to people with every factor assessed and the outcome observed. Every
    /// person with every factor assessed gets a probability, outcome observed or not; people
    /// with a factor not assessed get none, rather than one that treats the missing factor as
    /// absent.
    ///
    /// - Parameters:
    ///   - outcome: one value per person: 1, 0 or NaN (not observed).
    ///   - settings: the model and its validation.
    ///   - progress: called with the number of model fits finished out of folds + 1 (see
    ///     `FittedRiskModel.init(data:settings:progress:)`); default none.
    /// - Returns: the fit.
    /// - Throws: `RiskModelError` (from RiskModels) for an outcome with one class, perfect
    ///   separation, too few people for the folds or non-convergence.
    public mutating func fitModel(outcome: [Double], settings: RiskModelSettings,
                                  progress: (@Sendable (Int) -> Void)? = nil) throws -> RiskModelFit {
        precondition(outcome.count == count, "one outcome per person")
        let complete = (0 ..< count).filter { person in readings.allSatisfy { $0[person] != .notAssessed } }
        let fitted = complete.filter { !outcome[$0].isNaN }
        let varying = catalogue.factors.indices.filter { f in
            guard let first = fitted.first else { return true }
            return fitted.contains { readings[f][$0] != readings[f][first] }
        }
        let constant = catalogue.factors.indices.filter { !varying.contains($0) }.map { catalogue.factors[$0].id }
        func column(_ f: Int, _ rows: [Int]) -> [Double] { rows.map { readings[f][$0] == .present ? 1 : 0 } }
        let data = try RiskModelData(factorColumns: varying.map { column($0, fitted) },
                                     factorNames: varying.map { catalogue.factors[$0].id },
                                     outcome: fitted.map { outcome[$0] })
        let model = try FittedRiskModel(data: data, settings: settings, progress: progress)
        var probabilities = [Double](repeating: .nan, count: count)
        for person in complete {
            probabilities[person] = model.probability(for: varying.map { readings[$0][person] == .present ? 1 : 0 })
        }
        let fit = RiskModelFit(model: model, fittedRows: fitted, constantFactors: constant,
                               incompleteCount: count - complete.count,
                               unobservedCount: complete.count - fitted.count)
        attach(probabilities: probabilities, confidence: fit.confidence)
        return fit
    }
}
