/// The statistical disclosure control applied to a published table of counts: small counts
/// suppressed, the rest rounded to a base, and further cells suppressed so that no total reveals
/// a suppressed cell.
///
/// The defaults follow a common UK convention for tables shared with partner agencies: counts
/// from 1 to 4 suppressed and the rest rounded to the nearest 5. For sensitive data use a
/// threshold of 10.
public struct DisclosureRule: Sendable, Hashable, CustomStringConvertible {
    /// The smallest count shown: non-zero counts below it are suppressed. At least 1 (1 means no
    /// count is suppressed for being small).
    public var threshold: Int

    /// The base shown counts are rounded to (to the nearest multiple, halves upwards); 1 leaves
    /// counts unrounded.
    public var roundingBase: Int

    /// The marker printed in place of a suppressed count.
    public static let suppressedMarker = "[c]"

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - threshold: the smallest count shown; default 5 (1 to 4 suppressed). At least 1.
    ///   - roundingBase: the base counts are rounded to; default 5. At least 1.
    /// - Precondition: both at least 1.
    public init(threshold: Int = 5, roundingBase: Int = 5) {
        precondition(threshold >= 1, "a disclosure threshold is at least 1")
        precondition(roundingBase >= 1, "a rounding base is at least 1")
        self.threshold = threshold
        self.roundingBase = roundingBase
    }

    /// Whether a true count is suppressed for being small: it lies from 1 to `threshold - 1`.
    /// Zero is shown: an empty cell is not a person.
    public func isSmall(_ count: Int) -> Bool {
        count > 0 && count < threshold
    }

    /// A count rounded to the nearest multiple of ``roundingBase``, halves upwards.
    ///
    /// - Precondition: `count >= 0`.
    public func rounded(_ count: Int) -> Int {
        precondition(count >= 0, "counts are not negative")
        return (count + roundingBase / 2) / roundingBase * roundingBase
    }

    /// The rule in words, for printing under every table it was applied to.
    public var description: String {
        var parts: [String] = []
        if threshold > 1 {
            let small = threshold == 2 ? "Counts of 1" : "Counts from 1 to \(threshold - 1)"
            parts.append("\(small) are suppressed (\(Self.suppressedMarker))")
        }
        if roundingBase > 1 {
            parts.append("other counts and all totals are rounded to the nearest \(roundingBase)")
        }
        parts.append("further cells are suppressed where needed so that no total reveals a suppressed count")
        let text = parts.joined(separator: "; ")
        return "Disclosure control: " + text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// The note printed under a table published without disclosure control.
    public static let notAppliedNote =
        "Disclosure control: NOT APPLIED (--no-disclosure-control). Small counts may identify people; do not share this table."
}
