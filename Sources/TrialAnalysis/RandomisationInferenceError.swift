/// A randomisation test that cannot be run as asked.
public enum RandomisationInferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The studentised statistic was asked for with a variance estimator it cannot recompute
    /// draw by draw (CR2, whose adjustment matrices change with every assignment).
    case unsupportedVariance(VarianceEstimator)
    /// A clustered variance was asked for without clusters, or clusters without one.
    case clusters(String)
    /// The confidence level of a test-inversion interval is not in (0, 1).
    case confidenceLevel(Double)
    /// The analysis is weighted (the named column); weights that follow the assignment would
    /// change with every draw.
    case weights(String)

    /// A sentence for an end user.
    public var description: String {
        switch self {
        case let .unsupportedVariance(estimator):
            return "the studentised randomisation statistic cannot use \(estimator) standard errors; "
                + "use classical, HC0, HC1, HC2, HC3, CR0 or stata, or the estimate statistic"
        case let .clusters(reason):
            return reason
        case let .weights(column):
            return "randomisation inference does not support weights (column '\(column)'): inverse-probability weights follow the assignment, which every draw changes"
        case let .confidenceLevel(level):
            return "the confidence level \(level) of the randomisation interval is not strictly between 0 and 1"
        }
    }
}
