/// One count as published: a value (rounded if the rule rounds) or suppressed, and why.
public enum PublishedCount: Sendable, Hashable, CustomStringConvertible {
    /// The published value.
    case value(Int)
    /// Suppressed because the count itself is small.
    case primarySuppressed
    /// Suppressed so that a total cannot reveal another suppressed count.
    case secondarySuppressed

    /// Whether the count is withheld.
    public var isSuppressed: Bool {
        if case .value = self { return false }
        return true
    }

    /// The published value, or `nil` when suppressed.
    public var value: Int? {
        if case let .value(value) = self { return value }
        return nil
    }

    /// The value's digits, or ``DisclosureRule/suppressedMarker``.
    public var description: String {
        value.map(String.init) ?? DisclosureRule.suppressedMarker
    }
}
