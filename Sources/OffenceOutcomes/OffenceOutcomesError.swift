import DataTables

/// A problem with offence records, a cohort or a harm-weights table, with the file, line and
/// column at fault where there is one.
///
/// Its `description` reads like a compiler diagnostic, for example
/// `offences.csv:12: column 3 'offence_code': unknown offence code "THF9" (not in harm-weights.csv)`.
public struct OffenceOutcomesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is: the file, and when known the line and column.
    public let location: CellLocation
    /// What is wrong, in words a user can act on.
    public let problem: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - location: Where the problem is.
    ///   - problem: What is wrong.
    public init(_ location: CellLocation, _ problem: String) {
        self.location = location
        self.problem = problem
    }

    /// `file:line: column N 'name': problem`.
    public var description: String { "\(location): \(problem)" }

    /// Errors are equal when they say the same thing about the same place.
    public static func == (lhs: OffenceOutcomesError, rhs: OffenceOutcomesError) -> Bool {
        lhs.description == rhs.description
    }

    /// Hashes the description.
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
