/// One risk factor of a catalogue: what it is, which domain it belongs to, how it is read from
/// the cohort and how many points it adds to a person's score when it fires.
public struct RiskFactor: Sendable, Hashable, Identifiable {
    /// A short identifier (`ocg_link`), unique in its catalogue; it names the factor in every
    /// output.
    public var id: String
    /// The domain whose sub-score it adds to.
    public var domain: RiskDomain
    /// How it is read.
    public var rule: FactorRule
    /// The points it adds when it fires: a positive number.
    public var weight: Double
    /// A description for reports; defaults to the rule in words.
    public var label: String

    /// Creates a factor.
    ///
    /// - Parameters:
    ///   - id: a unique identifier.
    ///   - domain: its domain.
    ///   - rule: how it is read.
    ///   - weight: its points; positive and finite.
    ///   - label: a description; `nil` for the rule in words.
    /// - Precondition: `weight` is positive and finite.
    public init(id: String, domain: RiskDomain, rule: FactorRule, weight: Double = 1, label: String? = nil) {
        precondition(weight.isFinite && weight > 0, "a factor's weight is a positive number")
        self.id = id
        self.domain = domain
        self.rule = rule
        self.weight = weight
        self.label = label ?? rule.summary
    }
}
