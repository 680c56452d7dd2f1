/// The four risk elements of a police serious and organised crime profile: every risk factor
/// belongs to one, and each has its own sub-score.
public enum RiskDomain: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Repeat offending patterns.
    case criminality
    /// Upbringing, lifestyle, local environment and social factors.
    case identity
    /// Access to criminal networks through family, friends, partners, associates, prison or online.
    case networks
    /// Specialist skills, or access to valuable information or property, which invites corruption.
    case ability

    /// What the domain covers, in the profile's words.
    public var summary: String {
        switch self {
        case .criminality: "repeat offending patterns"
        case .identity: "upbringing, lifestyle, local environment and social factors"
        case .networks: "access to criminal networks through family, friends, partners, associates, prison or online"
        case .ability: "specialist skills, or access to valuable information or property"
        }
    }

    /// Domains in the profile's order.
    public static func < (lhs: RiskDomain, rhs: RiskDomain) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
