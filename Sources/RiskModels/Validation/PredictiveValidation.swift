import Foundation
import LinearAlgebra

/// How well predicted risks match observed outcomes: discrimination (the AUC with DeLong's
/// interval), overall accuracy (the Brier score) and calibration (logistic recalibration slope
/// and intercept, and a table by decile of predicted risk).
///
/// For a risk model these are computed on cross-validated (out-of-fold) predictions, so that
/// they describe how the model does on people it was not fitted to.
public struct PredictiveValidation: Hashable, Sendable {
    /// The number of people.
    public let count: Int
    /// The number with the event.
    public let events: Int
    /// The AUC with its DeLong confidence interval.
    public let auc: ROCArea
    /// The Brier score: the mean squared difference between predicted risk and outcome.
    public let brierScore: Double
    /// The calibration slope: β in logit P(y = 1) = α + β logit(p), fitted by maximum
    /// likelihood (R: `glm(y ~ logit(p), binomial)`). 1 is ideal; below 1, predictions are too
    /// extreme (overfitting).
    public let calibrationSlope: Double
    /// The calibration intercept (calibration-in-the-large): α in
    /// logit P(y = 1) = α + logit(p), the slope fixed at 1 (R: `glm(y ~ offset(logit(p)),
    /// binomial)`). 0 is ideal; above 0, risks are underestimated on average.
    public let calibrationIntercept: Double
    /// Observed against predicted risk by quantile group (deciles by default).
    public let calibrationTable: [CalibrationGroup]

    /// Validates predictions against outcomes.
    ///
    /// - Parameters:
    ///   - outcome: 0 or 1 per person, both present.
    ///   - predictions: One predicted probability per person, strictly between 0 and 1.
    ///   - confidenceLevel: For the AUC's interval; in (0, 1). Defaults to 0.95.
    ///   - groups: Quantile groups of the calibration table; at least 1. Defaults to 10.
    /// - Throws: ``RiskModelError/outcomeNotBinary(row:value:)``,
    ///   ``RiskModelError/outcomeHasOneClass(value:)``,
    ///   ``RiskModelError/predictionOutOfRange(row:value:)``,
    ///   ``RiskModelError/invalidSetting(setting:value:reason:)``, or
    ///   ``RiskModelError/noConvergence(fit:iterations:)`` when a recalibration fit fails.
    /// - Complexity: O(n log n).
    public init(outcome: [Double], predictions: [Double], confidenceLevel: Double = 0.95, groups: Int = 10) throws {
        precondition(outcome.count == predictions.count,
                     "PredictiveValidation: \(outcome.count) outcomes and \(predictions.count) predictions")
        guard groups >= 1 else {
            throw RiskModelError.invalidSetting(setting: "calibration_groups", value: "\(groups)", reason: "it must be at least 1")
        }
        if let row = predictions.firstIndex(where: { !($0 > 0 && $0 < 1) }) {
            throw RiskModelError.predictionOutOfRange(row: row, value: predictions[row])
        }
        auc = try ROCArea(outcome: outcome, predictions: predictions, confidenceLevel: confidenceLevel)
        count = outcome.count
        events = outcome.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        brierScore = zip(predictions, outcome).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(count)
        let logits = predictions.map(logit)
        let n = outcome.count
        let slopeFit = try LogisticNewton(
            design: Matrix(columns: [[Double](repeating: 1, count: n), logits]), outcome: outcome)
        let interceptFit = try LogisticNewton(
            design: Matrix(rows: n, columns: 1, repeating: 1), outcome: outcome, offset: logits)
        guard slopeFit.converged && interceptFit.converged else {
            throw RiskModelError.noConvergence(fit: "calibration recalibration fit", iterations: LogisticNewton.maximumIterations)
        }
        calibrationSlope = slopeFit.coefficients[1]
        calibrationIntercept = interceptFit.coefficients[0]
        calibrationTable = CalibrationGroup.table(outcome: outcome, predictions: predictions, groups: groups)
    }
}
