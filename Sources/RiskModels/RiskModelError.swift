/// A data or settings error from fitting or validating a risk model: something about the
/// cohort or the study settings that a user can act on, never a programming error.
public enum RiskModelError: Error, Hashable, Sendable {
    /// The factor matrix has no rows.
    case noPeople

    /// The factor names, the factor matrix and the outcome disagree in size.
    ///
    /// - `factors`: the number of factor names; `columns`: the matrix's columns;
    ///   `rows`: the matrix's rows; `outcomes`: the outcome's length.
    case sizeMismatch(factors: Int, columns: Int, rows: Int, outcomes: Int)

    /// An outcome value is not 0 or 1 (NaN and infinities included).
    ///
    /// - `row`: the zero-based row of the first such value.
    case outcomeNotBinary(row: Int, value: Double)

    /// Everyone has the same outcome, so there is nothing to predict.
    ///
    /// - `value`: the single outcome class (0 or 1).
    case outcomeHasOneClass(value: Double)

    /// A factor holds NaN or an infinity.
    ///
    /// - `row`: the zero-based row of the first such value.
    case factorNotFinite(factor: String, row: Int, value: Double)

    /// A factor takes the same value for everyone, so its effect cannot be estimated.
    case factorConstant(factor: String, value: Double)

    /// Two factors have the same name.
    case duplicateFactorName(String)

    /// The outcome is perfectly (or quasi-perfectly) predicted, so the unpenalised maximum
    /// likelihood estimate does not exist: at least one coefficient runs off to infinity.
    ///
    /// - `factor`: the factor that separates the outcome on its own, or, when only a
    ///   combination of factors does, the factor whose coefficient was growing fastest.
    /// - `alone`: whether `factor` separates the outcome on its own.
    case perfectSeparation(factor: String, alone: Bool)

    /// A factor is a linear combination of the intercept and the factors before it (for
    /// example a duplicate column, or indicators that always add up to 1), so the plain fit
    /// cannot separate their effects.
    case collinearFactor(factor: String)

    /// Iteratively reweighted least squares (or coordinate descent) did not converge.
    ///
    /// - `fit`: which fit (for example "plain logistic regression" or "lasso at lambda 0.01").
    case noConvergence(fit: String, iterations: Int)

    /// A setting is outside its allowed range.
    ///
    /// - `setting`: the setting's name (`alpha`, `folds`, `lambda_min_ratio`, ...).
    /// - `reason`: what the allowed values are.
    case invalidSetting(setting: String, value: String, reason: String)

    /// There are fewer people than cross-validation folds (or a fold would be empty).
    case tooFewPeopleForFolds(people: Int, folds: Int)

    /// A supplied fold assignment is unusable: wrong length, or a fold with no people.
    case invalidFoldAssignment(reason: String)

    /// A fold's training set has only one outcome class, so no model can be fitted on it.
    case foldHasOneClass(fold: Int, value: Double)

    /// A predicted probability is not a number strictly between 0 and 1, or is paired with an
    /// outcome that is not 0 or 1.
    ///
    /// - `row`: the zero-based row of the first such prediction.
    case predictionOutOfRange(row: Int, value: Double)
}

extension RiskModelError: CustomStringConvertible {
    /// A sentence naming the problem and where it is, in the field's terms.
    public var description: String {
        switch self {
        case .noPeople:
            return "the cohort has no people to fit a risk model on"
        case .sizeMismatch(let factors, let columns, let rows, let outcomes):
            return "the risk model's inputs disagree in size: \(factors) factor names, \(columns) factor columns, "
                + "\(rows) people in the factor matrix and \(outcomes) outcomes"
        case .outcomeNotBinary(let row, let value):
            return "the outcome must be 0 or 1, but row \(row + 1) has \(value)"
        case .outcomeHasOneClass(let value):
            return "the outcome has one class: every person has outcome \(formatted(value)), so there is nothing to predict"
        case .factorNotFinite(let factor, let row, let value):
            return "factor '\(factor)' must be a finite number, but row \(row + 1) has \(value)"
        case .factorConstant(let factor, let value):
            return "factor '\(factor)' is constant (\(formatted(value)) for everyone), so its effect cannot be estimated; drop it"
        case .duplicateFactorName(let name):
            return "factor '\(name)' appears more than once"
        case .perfectSeparation(let factor, let alone):
            let cause = alone
                ? "factor '\(factor)' separates the outcome on its own"
                : "a combination of factors separates the outcome (factor '\(factor)' is the one whose coefficient grows fastest)"
            return "perfect separation in the plain logistic regression: \(cause), so its coefficient is infinite; "
                + "use a penalised (ridge or lasso) model or drop the factor"
        case .collinearFactor(let factor):
            return "factor '\(factor)' is a linear combination of the intercept and the factors before it, "
                + "so the plain logistic regression cannot estimate its effect; drop it or use a penalised model"
        case .noConvergence(let fit, let iterations):
            return "the \(fit) did not converge in \(iterations) iterations"
        case .invalidSetting(let setting, let value, let reason):
            return "setting '\(setting)' = \(value) is not allowed: \(reason)"
        case .tooFewPeopleForFolds(let people, let folds):
            return "cross-validation with \(folds) folds needs at least \(folds) people, but the cohort has \(people)"
        case .invalidFoldAssignment(let reason):
            return "the fold assignment is unusable: \(reason)"
        case .foldHasOneClass(let fold, let value):
            return "without fold \(fold), every remaining person has outcome \(formatted(value)), so no model can be fitted; use fewer folds"
        case .predictionOutOfRange(let row, let value):
            return "a predicted probability must lie strictly between 0 and 1, but row \(row + 1) has \(value)"
        }
    }

    private func formatted(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
