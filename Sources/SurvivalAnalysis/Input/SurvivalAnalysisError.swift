/// A data error found while analysing time to an event: something about the data or the
/// specification that the user must fix, said in words they can act on.
///
/// Row numbers are data rows counted from 1 (the header is not counted).
public enum SurvivalAnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A named column does not exist, or holds the wrong kind of values.
    case column(String, problem: String)
    /// A column holds an infinity (NaN is read as missing); `row` is zero-based.
    case nonFinite(column: String, row: Int, count: Int)
    /// A follow-up time is negative; `row` is zero-based.
    case negativeTime(column: String, row: Int, count: Int)
    /// An event indicator is neither 0 nor 1; `row` is zero-based.
    case eventIndicator(column: String, row: Int, value: Double, count: Int)
    /// A date cannot be read as YYYY-MM-DD; `row` is zero-based.
    case unreadableDate(column: String, row: Int, text: String, count: Int)
    /// A date falls before the allocation date; `row` is zero-based.
    case dateBeforeStart(column: String, start: String, row: Int, count: Int)
    /// An entry time is not before the row's exit (event or censoring) time; `row` is zero-based.
    case intervalOrder(entryColumn: String, exitColumn: String, row: Int, count: Int)
    /// A case weight is zero, negative or not finite; `row` is zero-based.
    case nonPositiveWeight(column: String, row: Int, value: Double)
    /// The control level is not among the arm column's values.
    case unknownControl(String, arm: String, levels: [String])
    /// The arm column has no level other than control.
    case noInterventionArm(arm: String, control: String)
    /// An arm has no complete rows left.
    case emptyArm(String, dropped: Int)
    /// Every row was dropped for missing values.
    case noCompleteRows(dropped: Int)
    /// Cluster-robust variance needs at least two clusters.
    case clusters(String)
    /// The Cox model's information matrix is singular: covariates are collinear or constant.
    case singularInformation(columns: [String])
    /// The partial likelihood keeps rising as these coefficients grow: their hazard ratios are
    /// infinite or zero (perfect separation).
    case monotoneLikelihood(columns: [String])
    /// Newton-Raphson did not converge in the allowed iterations.
    case notConverged(iterations: Int, logLikelihoods: [Double])
    /// A setting is out of range.
    case setting(String, problem: String)

    /// A sentence for an end user.
    public var description: String {
        func more(_ count: Int) -> String { count > 1 ? " (\(count) rows in all)" : "" }
        switch self {
        case let .column(name, problem):
            return "column '\(name)': \(problem)"
        case let .nonFinite(column, row, count):
            return "column '\(column)' holds an infinite value at data row \(row + 1)\(more(count)); only finite numbers or missing values are allowed"
        case let .negativeTime(column, row, count):
            return "column '\(column)' holds a negative follow-up time at data row \(row + 1)\(more(count)); times are measured from allocation and cannot be negative"
        case let .eventIndicator(column, row, value, count):
            return "event column '\(column)' holds \(value) at data row \(row + 1)\(more(count)); it must be 1 (event) or 0 (censored)"
        case let .unreadableDate(column, row, text, count):
            return "column '\(column)' holds '\(text)' at data row \(row + 1)\(more(count)), which is not a date written YYYY-MM-DD"
        case let .dateBeforeStart(column, start, row, count):
            return "column '\(column)' holds a date before the allocation date in '\(start)' at data row \(row + 1)\(more(count)); dates are in the wrong order"
        case let .intervalOrder(entryColumn, exitColumn, row, count):
            return "the entry time in '\(entryColumn)' is not before the time in '\(exitColumn)' at data row \(row + 1)\(more(count)); a person is at risk only after entering, so entry must come first"
        case let .nonPositiveWeight(column, row, value):
            return "weights column '\(column)' holds \(value) at data row \(row + 1); weights must be finite and positive"
        case let .unknownControl(control, arm, levels):
            let shown = levels.map { "'\($0)'" }.joined(separator: ", ")
            return "the control level '\(control)' is not a value of arm column '\(arm)', whose values are \(shown)"
        case let .noInterventionArm(arm, control):
            return "arm column '\(arm)' has no value other than the control '\(control)', so there is nothing to compare"
        case let .emptyArm(name, dropped):
            return "arm '\(name)' has no complete rows (\(dropped) rows were dropped for missing values), so it cannot be analysed"
        case let .noCompleteRows(dropped):
            return "no complete rows: all \(dropped) rows have a missing time, event, date, arm, cluster, stratum or covariate"
        case let .clusters(reason):
            return reason
        case let .singularInformation(columns):
            return "the Cox model cannot be fitted: the information matrix is singular, so these columns are collinear or constant among people at risk: \(columns.joined(separator: ", "))"
        case let .monotoneLikelihood(columns):
            return "the Cox model cannot estimate finite hazard ratios for \(columns.joined(separator: ", ")): the partial likelihood keeps rising as the coefficient grows (perfect separation: in the risk sets, events fall only on one side of the column)"
        case let .notConverged(iterations, logLikelihoods):
            let history = logLikelihoods.map { String($0) }.joined(separator: ", ")
            return "the Cox model did not converge in \(iterations) Newton-Raphson iterations (partial log-likelihoods: \(history))"
        case let .setting(name, problem):
            return "setting '\(name)': \(problem)"
        }
    }
}
