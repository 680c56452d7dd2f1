/// A unit or cohort that cannot be allocated under a design, with what a user needs to fix it.
public struct AllocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The unit has no identifier.
        case missingID
        /// The identifier was already allocated.
        case duplicateID(String)
        /// A field the design needs (a stratum, factor, cluster or covariate field, or a required
        /// baseline field) has no value.
        case missingField(String)
        /// A value that is not of the field's kind (`expected` says what it should be).
        case badValue(field: String, value: String, expected: String)
        /// A label outside a categorical field's declared levels.
        case unknownLevel(field: String, value: String, levels: [String])
        /// The scheme needs the planned number of units (`randomisation.size`) to enrol one at a time.
        case needsPlannedSize(scheme: String)
        /// More units than the planned number (`randomisation.size`).
        case beyondPlannedSize(count: Int, size: Int, unit: String)
        /// The scheme allocates a whole cohort at once and cannot enrol one at a time.
        case notSequential(scheme: String)
        /// Members of one cluster have different strata.
        case clusterSpansStrata(cluster: String, first: String, other: String)
        /// No draw met the rerandomisation criterion.
        case rerandomisationFailed(draws: Int, threshold: Double)
        /// The covariates' covariance matrix is singular (a constant covariate or one that is a
        /// combination of others).
        case singularCovariates([String])
        /// A cohort column the design needs is absent.
        case missingColumn(String)
    }

    /// The problem.
    public var reason: Reason

    /// The 0-based position of the offending unit in the cohort, when there is one.
    public var row: Int?

    /// Creates an error.
    public init(_ reason: Reason, row: Int? = nil) {
        self.reason = reason
        self.row = row
    }

    /// A sentence for the terminal.
    public var description: String {
        switch reason {
        case .missingID: return "the unit has no id"
        case let .duplicateID(id): return "id '\(id)' is already allocated (ids must be unique)"
        case let .missingField(field): return "'\(field)' has no value"
        case let .badValue(field, value, expected): return "'\(field)': \"\(value)\" is not \(expected)"
        case let .unknownLevel(field, value, levels):
            return "'\(field)': \"\(value)\" is not one of the declared levels (\(levels.joined(separator: ", ")))"
        case let .needsPlannedSize(scheme):
            return "the \(scheme) scheme needs randomisation.size (the planned number of units) to enrol one at a time"
        case let .beyondPlannedSize(count, size, unit):
            return "\(count) \(unit)s is more than the planned randomisation.size of \(size)"
        case let .notSequential(scheme):
            return "the \(scheme) scheme allocates a whole cohort at once; it cannot enrol one at a time"
        case let .clusterSpansStrata(cluster, first, other):
            return "cluster '\(cluster)' has members in stratum \(first) and in stratum \(other); a cluster must lie in one stratum"
        case let .rerandomisationFailed(draws, threshold):
            return "no allocation in \(draws) draws had a Mahalanobis distance at most \(threshold); raise max_draws or the threshold"
        case let .singularCovariates(names):
            return "the covariates \(names.joined(separator: ", ")) have a singular covariance matrix (constant, or one a combination of others)"
        case let .missingColumn(name): return "the cohort has no column '\(name)'"
        }
    }
}
