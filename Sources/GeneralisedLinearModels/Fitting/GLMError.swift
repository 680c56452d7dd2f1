import Foundation

/// A data error found while fitting a generalised linear model: something about the data that
/// the user must know or fix, said in words they can act on.
public enum GLMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of separation found in a logistic regression.
    public enum SeparationKind: String, Sendable, Hashable {
        /// Every outcome is predicted perfectly (all fitted probabilities are 0 or 1).
        case complete
        /// Some outcomes, but not all, are predicted perfectly.
        case quasiComplete = "quasi-complete"
    }

    /// The outcome holds a value the family cannot take; `row` is zero-based among the rows
    /// given to the model (the trial layer reports data rows).
    case invalidOutcome(column: String, row: Int, value: Double, requirement: String)
    /// A binary outcome has no events (all 0) or no non-events (all 1), or a count outcome is
    /// all zero: nothing can be estimated.
    case constantOutcome(column: String, value: Double, rows: Int)
    /// The maximum-likelihood estimates do not exist because the outcome is separated: each
    /// `culprit` describes a covariate or arm whose coefficient diverges; `detail` says how.
    case separation(kind: SeparationKind, culprits: [String], detail: String)
    /// IRLS did not converge within the iteration limit. `devianceHistory` is the deviance
    /// after each iteration.
    case notConverged(iterations: Int, devianceHistory: [Double])
    /// The alternation between θ and the coefficients of a negative binomial fit did not
    /// converge. `history` holds (θ, log-likelihood) after each alternation.
    case thetaNotConverged(alternations: Int, history: [ThetaStep])
    /// The starting values give an invalid fitted mean, so IRLS cannot start.
    case invalidStart
    /// Every step, however shortened, gives a non-finite deviance or an invalid mean.
    case noValidCoefficients(devianceHistory: [Double])
    /// An exposure (time at risk) is zero or negative; `row` is zero-based.
    case nonPositiveExposure(column: String, row: Int, value: Double)
    /// A setting does not fit the others (an estimand for the wrong family, an exposure with a
    /// binary outcome, an unknown name).
    case setting(String)

    /// One alternation of a negative binomial fit.
    public struct ThetaStep: Sendable, Hashable {
        /// θ after the alternation.
        public let theta: Double
        /// The log-likelihood after the alternation.
        public let logLikelihood: Double
    }

    /// A sentence for an end user.
    public var description: String {
        switch self {
        case let .invalidOutcome(column, row, value, requirement):
            return "outcome '\(column)' holds \(Self.number(value)) at data row \(row + 1); \(requirement)"
        case let .constantOutcome(column, value, rows):
            return "outcome '\(column)' is \(Self.number(value)) in all \(rows) rows analysed, so no effect can be estimated"
        case let .separation(kind, culprits, detail):
            let who = culprits.isEmpty ? "" : " by " + culprits.joined(separator: " and ")
            return "\(kind.rawValue) separation\(who): \(detail); the maximum-likelihood estimate does not exist (it is infinite), so no ratio is reported. Remove or merge the covariate or levels responsible, or report a difference (such as the risk difference) instead"
        case let .notConverged(iterations, history):
            return "the fit did not converge in \(iterations) iterations; deviance by iteration: "
                + history.map { String(format: "%.10g", $0) }.joined(separator: ", ")
        case let .thetaNotConverged(alternations, history):
            return "the negative binomial fit did not converge in \(alternations) alternations of theta and the coefficients; theta and log-likelihood by alternation: "
                + history.map { String(format: "%.6g (%.10g)", $0.theta, $0.logLikelihood) }.joined(separator: ", ")
        case .invalidStart:
            return "the starting values give an invalid fitted mean, so the fit cannot start"
        case let .noValidCoefficients(history):
            return "no valid set of coefficients was found: every step gave a non-finite deviance"
                + (history.isEmpty ? "" : "; deviance by iteration: " + history.map { String(format: "%.10g", $0) }.joined(separator: ", "))
        case let .nonPositiveExposure(column, row, value):
            return "exposure column '\(column)' holds \(Self.number(value)) at data row \(row + 1); exposures (time at risk) must be positive"
        case let .setting(message):
            return message
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
