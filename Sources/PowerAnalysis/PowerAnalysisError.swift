/// A setting of a power calculation or simulation that cannot work, said in words a user can act
/// on: which setting, its value and what it must be.
public enum PowerAnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A setting is out of range; `expected` says what it must be.
    case setting(String, value: String, expected: String)
    /// Not exactly one of the quantities to solve for was left out.
    case unknowns(given: [String], missing: [String])
    /// No value of `quantity` in the range searched reaches the target.
    case noSolution(quantity: String, reason: String)
    /// A replicate trial could not be analysed (for example an arm left empty by the design).
    case replicate(index: Int, reason: String)

    /// A sentence for an end user.
    public var description: String {
        switch self {
        case let .setting(name, value, expected):
            return "\(name) is \(value), but it must be \(expected)"
        case let .unknowns(given, missing):
            if missing.isEmpty {
                return "every quantity was given (\(given.joined(separator: ", "))); leave out exactly one to solve for it"
            }
            return "leave out exactly one quantity to solve for; missing: \(missing.joined(separator: ", "))"
        case let .noSolution(quantity, reason):
            return "no \(quantity) achieves the target: \(reason)"
        case let .replicate(index, reason):
            return "replicate trial \(index + 1) could not be analysed: \(reason)"
        }
    }
}
