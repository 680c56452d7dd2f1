/// A probability yardstick: the words analysts use for ranges of probability, with deliberate
/// gaps between them. A probability in a gap is not forced into a band: it is reported as lying
/// between the two bands either side.
///
/// Two yardsticks ship: ``profile``, the one a police serious and organised crime profile uses,
/// and ``phia``, the current Professional Head of Intelligence Assessment yardstick.
public struct ProbabilityYardstick: Sendable, Hashable {
    /// The yardstick's name, as a study or the command line selects it (`profile`, `phia`).
    public let name: String
    /// Its bands in increasing order of probability.
    public let bands: [YardstickBand]

    /// Creates a yardstick.
    ///
    /// - Precondition: bands in increasing order that do not overlap, within [0, 1].
    public init(name: String, bands: [YardstickBand]) {
        precondition(!bands.isEmpty, "a yardstick has bands")
        precondition(zip(bands, bands.dropFirst()).allSatisfy { $0.upper <= $1.lower }, "yardstick bands increase without overlapping")
        self.name = name
        self.bands = bands
    }

    /// The profile's yardstick: Remote or highly unlikely below 10%; Improbable or unlikely
    /// 15-20%; Realistic possibility 25-50%; Probable or likely 55-70%; Highly/very probable or
    /// likely 75-85%; Almost certain above 90%. Stated ranges include their ends.
    public static let profile = ProbabilityYardstick(name: "profile", bands: [
        YardstickBand(phrase: "Remote or highly unlikely", lower: 0, upper: 0.10, includesUpper: false),
        YardstickBand(phrase: "Improbable or unlikely", lower: 0.15, upper: 0.20),
        YardstickBand(phrase: "Realistic possibility", lower: 0.25, upper: 0.50),
        YardstickBand(phrase: "Probable or likely", lower: 0.55, upper: 0.70),
        YardstickBand(phrase: "Highly/very probable or likely", lower: 0.75, upper: 0.85),
        YardstickBand(phrase: "Almost certain", lower: 0.90, includesLower: false, upper: 1),
    ])

    /// The current PHIA yardstick: Remote chance up to about 5%; Highly unlikely 10-20%; Unlikely
    /// 25-35%; Realistic possibility 40 to under 50%; Likely or probable 55-75%; Highly likely
    /// 80-90%; Almost certain 95% and over. Stated ranges include their ends, except the upper
    /// end of Realistic possibility.
    public static let phia = ProbabilityYardstick(name: "phia", bands: [
        YardstickBand(phrase: "Remote chance", lower: 0, upper: 0.05),
        YardstickBand(phrase: "Highly unlikely", lower: 0.10, upper: 0.20),
        YardstickBand(phrase: "Unlikely", lower: 0.25, upper: 0.35),
        YardstickBand(phrase: "Realistic possibility", lower: 0.40, upper: 0.50, includesUpper: false),
        YardstickBand(phrase: "Likely or probable", lower: 0.55, upper: 0.75),
        YardstickBand(phrase: "Highly likely", lower: 0.80, upper: 0.90),
        YardstickBand(phrase: "Almost certain", lower: 0.95, upper: 1),
    ])

    /// Every yardstick that ships, in the order help text lists them.
    public static let all: [ProbabilityYardstick] = [.phia, .profile]

    /// The yardstick called `name`, or `nil`.
    public static func named(_ name: String) -> ProbabilityYardstick? {
        all.first { $0.name == name }
    }

    /// Where a probability lies on the yardstick.
    ///
    /// - Parameter probability: a probability in [0, 1].
    /// - Returns: its band, or the two bands either side of the gap it lies in.
    /// - Precondition: `probability` lies in [0, 1].
    /// - Complexity: O(bands).
    public func reading(for probability: Double) -> YardstickReading {
        precondition(probability >= 0 && probability <= 1, "a probability lies in [0, 1]")
        if let band = bands.first(where: { $0.contains(probability) }) { return .band(band) }
        // Not in a band: the gap lies after the last band that ends at or below it.
        let below = bands.lastIndex { $0.upper <= probability }!
        return .between(bands[below], bands[below + 1])
    }
}

/// One band of a yardstick: a phrase and the range of probabilities it covers.
public struct YardstickBand: Sendable, Hashable {
    /// The words (`Realistic possibility`).
    public let phrase: String
    /// The lowest probability of the range.
    public let lower: Double
    /// Whether ``lower`` itself is in the band.
    public let includesLower: Bool
    /// The highest probability of the range.
    public let upper: Double
    /// Whether ``upper`` itself is in the band.
    public let includesUpper: Bool

    /// Creates a band; both ends are included unless said otherwise.
    public init(phrase: String, lower: Double, includesLower: Bool = true, upper: Double, includesUpper: Bool = true) {
        precondition(lower < upper, "a band's range is not empty")
        self.phrase = phrase
        self.lower = lower
        self.includesLower = includesLower
        self.upper = upper
        self.includesUpper = includesUpper
    }

    /// Whether the band covers `probability`.
    public func contains(_ probability: Double) -> Bool {
        (includesLower ? probability >= lower : probability > lower) && (includesUpper ? probability <= upper : probability < upper)
    }

    /// The range in words (`25-50%`, `below 10%`, `above 90%`, `40 to under 50%`).
    public var range: String {
        func percent(_ p: Double) -> String { RiskNumberFormat.short((p * 100).rounded()) }
        if lower == 0 { return includesUpper ? "up to \(percent(upper))%" : "below \(percent(upper))%" }
        if upper == 1 { return includesLower ? "\(percent(lower))% and over" : "above \(percent(lower))%" }
        return includesUpper ? "\(percent(lower))-\(percent(upper))%" : "\(percent(lower)) to under \(percent(upper))%"
    }
}

/// Where a probability lies on a yardstick.
public enum YardstickReading: Sendable, Hashable, CustomStringConvertible {
    /// Inside a band.
    case band(YardstickBand)
    /// In the gap between two neighbouring bands.
    case between(YardstickBand, YardstickBand)

    /// The words to report: the band's phrase, or `between A and B`.
    public var phrase: String {
        switch self {
        case let .band(band): band.phrase
        case let .between(below, above): "between \(below.phrase) and \(above.phrase)"
        }
    }

    /// The phrase.
    public var description: String { phrase }
}
