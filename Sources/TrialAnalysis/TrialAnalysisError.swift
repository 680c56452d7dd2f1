/// A data error found while analysing a trial's outcomes: something about the data or the
/// design that the user must fix, said in words they can act on.
public enum TrialAnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A named column does not exist, or is of the wrong kind.
    case column(String, problem: String)
    /// A column holds an infinity (NaN is read as missing); `row` is zero-based.
    case nonFinite(column: String, row: Int, count: Int)
    /// A weight is zero or negative; `row` is zero-based.
    case nonPositiveWeight(column: String, row: Int, value: Double)
    /// The control level is not among the arm column's values.
    case unknownControl(String, arm: String, levels: [String])
    /// The arm column has no level other than control.
    case noInterventionArm(arm: String, control: String)
    /// An arm (the control or an intervention arm) has no complete rows left.
    case emptyArm(String, dropped: Int)
    /// An arm's indicator is a linear combination of other columns of the design.
    case armNotEstimable(String, reason: String)
    /// Every row was dropped for missing values.
    case noCompleteRows(dropped: Int)
    /// Cluster-robust variance was asked for without clusters, or with fewer than two.
    case clusters(String)
    /// Too few observations for the number of coefficients.
    case tooFewObservations(observations: Int, coefficients: Int)
    /// The confidence level is not in (0, 1).
    case confidenceLevel(Double)

    /// A sentence for an end user.
    public var description: String {
        switch self {
        case let .column(name, problem):
            return "column '\(name)': \(problem)"
        case let .nonFinite(column, row, count):
            let more = count > 1 ? " (and \(count - 1) more)" : ""
            return "column '\(column)' holds an infinite value at data row \(row + 1)\(more); only finite numbers or missing values are allowed"
        case let .nonPositiveWeight(column, row, value):
            return "weights column '\(column)' holds \(value) at data row \(row + 1); weights must be positive"
        case let .unknownControl(control, arm, levels):
            let shown = levels.map { "'\($0)'" }.joined(separator: ", ")
            return "the control level '\(control)' is not a value of arm column '\(arm)', whose values are \(shown)"
        case let .noInterventionArm(arm, control):
            return "arm column '\(arm)' has no value other than the control '\(control)', so there is nothing to compare"
        case let .emptyArm(name, dropped):
            return "arm '\(name)' has no complete rows (\(dropped) rows were dropped for missing values), so its effect cannot be estimated"
        case let .armNotEstimable(name, reason):
            return "the effect of arm '\(name)' is not estimable: \(reason)"
        case let .noCompleteRows(dropped):
            return "no complete rows: all \(dropped) rows have a missing outcome, arm, cluster, block, weight or covariate"
        case let .clusters(reason):
            return reason
        case let .tooFewObservations(observations, coefficients):
            return "\(observations) complete rows are too few to estimate \(coefficients) coefficients with a residual degree of freedom"
        case let .confidenceLevel(level):
            return "the confidence level \(level) is not strictly between 0 and 1"
        }
    }
}
