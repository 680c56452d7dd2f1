/// An eligibility rule on one baseline field, as written under `eligibility:`.
///
/// ```yaml
/// eligibility:
///   - {field: age, min: 10, max: 25}      # numeric field, bounds inclusive
///   - {field: consent, equals: "yes"}     # categorical field, one label
///   - {field: area, in: [north, south]}   # categorical field, one of several labels
/// ```
///
/// A person whose value of the field is missing fails the rule.
public struct EligibilityRule: Sendable, Hashable, CustomStringConvertible {
    /// What the field's value must satisfy.
    public enum Condition: Sendable, Hashable {
        /// A number within `minimum...maximum`; either bound may be absent.
        case range(minimum: Double?, maximum: Double?)
        /// One of these labels (one label for `equals:`, several for `in:`).
        case oneOf([String])
    }

    /// The baseline field the rule reads.
    public var field: String

    /// What the value must satisfy.
    public var condition: Condition

    /// Creates a rule.
    public init(field: String, condition: Condition) {
        self.field = field
        self.condition = condition
    }

    /// The rule as a reader would say it, e.g. `age between 10 and 25`, `consent is yes`.
    public var description: String {
        switch condition {
        case let .range(minimum?, maximum?):
            return "\(field) between \(Self.format(minimum)) and \(Self.format(maximum))"
        case let .range(minimum?, nil):
            return "\(field) at least \(Self.format(minimum))"
        case let .range(nil, maximum?):
            return "\(field) at most \(Self.format(maximum))"
        case .range(nil, nil):
            return "\(field) is a number"
        case let .oneOf(labels) where labels.count == 1:
            return "\(field) is \(labels[0])"
        case let .oneOf(labels):
            return "\(field) is one of \(labels.joined(separator: ", "))"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
