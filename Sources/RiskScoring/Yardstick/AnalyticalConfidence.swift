/// How much confidence a risk assessment deserves (high, moderate or low), paired with the
/// yardstick phrase as PHIA assessments are.
///
/// PreventKit rates it from two things, and the rating is the lower of the two:
/// - the person's data: the share of the catalogue's total weight that could be assessed for
///   them (all of it: high; at least 80%: moderate; less: low), since a missing value or home
///   location can only lower a score;
/// - the model, when a probability comes from one: the lower end of the confidence interval of
///   its cross-validated AUC (at least 0.75: high; at least 0.65: moderate; less: low).
public enum AnalyticalConfidence: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// Low confidence.
    case low
    /// Moderate confidence.
    case moderate
    /// High confidence.
    case high

    /// The rating in words.
    public var description: String {
        switch self {
        case .low: "low"
        case .moderate: "moderate"
        case .high: "high"
        }
    }

    /// Orders ratings from low to high.
    public static func < (lhs: AnalyticalConfidence, rhs: AnalyticalConfidence) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The rating of a person's data from the share of the catalogue's weight assessed.
    ///
    /// - Parameter assessedShare: in [0, 1].
    public static func data(assessedShare: Double) -> AnalyticalConfidence {
        assessedShare >= 1 ? .high : assessedShare >= 0.8 ? .moderate : .low
    }

    /// The rating of a model from the lower confidence limit of its cross-validated AUC.
    public static func model(aucLowerLimit: Double) -> AnalyticalConfidence {
        aucLowerLimit >= 0.75 ? .high : aucLowerLimit >= 0.65 ? .moderate : .low
    }
}
