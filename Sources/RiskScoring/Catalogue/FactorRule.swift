/// How a risk factor is read for each person of a cohort.
public enum FactorRule: Sendable, Hashable {
    /// A yes/no column: fires on `yes`, `true`, `y` or `1` (any case), not on `no`, `false`, `n`
    /// or `0`; a missing cell leaves the factor not assessed.
    case flag(column: String)
    /// A numeric column compared with a cut-off; a missing cell leaves the factor not assessed.
    case threshold(column: String, comparison: Comparison, value: Double)
    /// At least `atLeast` recorded offences in the `withinDays` days before the person's
    /// reference date, counted from the offence records.
    case priorOffences(withinDays: Int, atLeast: Int)
    /// A rule on the person's home location against the hotspot layers; a person without a
    /// home location (or, for cell values, living outside the grid) is not assessed.
    case spatial(SpatialRule)

    /// How a numeric value is compared with a threshold.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        /// `value >= cut-off` (YAML key `at_least`).
        case atLeast = "at_least"
        /// `value > cut-off` (`above`).
        case above
        /// `value <= cut-off` (`at_most`).
        case atMost = "at_most"
        /// `value < cut-off` (`below`).
        case below

        /// Whether `value` meets the cut-off.
        @inlinable
        public func holds(_ value: Double, _ cutOff: Double) -> Bool {
            switch self {
            case .atLeast: value >= cutOff
            case .above: value > cutOff
            case .atMost: value <= cutOff
            case .below: value < cutOff
            }
        }

        /// The comparison in words (`at least`).
        public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    /// The cohort column the rule reads, if it reads one.
    public var column: String? {
        switch self {
        case let .flag(column), let .threshold(column, _, _): column
        case .priorOffences, .spatial: nil
        }
    }

    /// The rule in words, for reports.
    public var summary: String {
        switch self {
        case let .flag(column): "'\(column)' is yes"
        case let .threshold(column, comparison, value): "'\(column)' \(comparison.words) \(RiskNumberFormat.short(value))"
        case let .priorOffences(days, atLeast): "at least \(atLeast) recorded offence\(atLeast == 1 ? "" : "s") in the \(days) days before the reference date"
        case let .spatial(rule): rule.summary
        }
    }
}

/// A rule on a home location against the study's hotspot layers.
public enum SpatialRule: Sendable, Hashable {
    /// Home inside a hotspot polygon of one of `types` (any type when empty).
    case insideHotspot(types: [String])
    /// Home inside an intersection of hotspots whose crime types include all of `types` (any
    /// intersection when empty): an area of increased threat, harm and risk.
    case insideIntersection(types: [String])
    /// The home cell's Gi* z-score for `type` above `value`.
    case giZScoreAbove(type: String, value: Double)
    /// The home cell's density percentile (0 to 100) for `type` above `value`.
    case densityPercentileAbove(type: String, value: Double)

    /// The crime types the rule names.
    public var crimeTypes: [String] {
        switch self {
        case let .insideHotspot(types), let .insideIntersection(types): types
        case let .giZScoreAbove(type, _), let .densityPercentileAbove(type, _): [type]
        }
    }

    /// Whether the rule reads the home cell's values (and so cannot be assessed outside the grid).
    public var readsCell: Bool {
        switch self {
        case .insideHotspot, .insideIntersection: false
        case .giZScoreAbove, .densityPercentileAbove: true
        }
    }

    /// The rule in words, for reports.
    public var summary: String {
        func list(_ types: [String]) -> String { types.isEmpty ? "any type" : types.joined(separator: " and ") }
        switch self {
        case let .insideHotspot(types): return "home inside a hotspot (\(types.isEmpty ? "any type" : types.joined(separator: " or ")))"
        case let .insideIntersection(types): return "home inside an intersection of hotspots (\(list(types)))"
        case let .giZScoreAbove(type, value): return "home cell's Gi* z-score for \(type) above \(RiskNumberFormat.short(value))"
        case let .densityPercentileAbove(type, value): return "home cell's \(type) density percentile above \(RiskNumberFormat.short(value))"
        }
    }
}
