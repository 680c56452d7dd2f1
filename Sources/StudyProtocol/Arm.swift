/// One arm of a trial: a name and its allocation ratio.
public struct Arm: Sendable, Hashable {
    /// The arm's name: letters, digits, `_` and `-` only, so that it can name a `p_<arm>` column.
    public var name: String

    /// The arm's share of the allocation ratio, a positive whole number (1:1:1:1, 2:1, ...).
    public var ratio: Int

    /// Creates an arm.
    ///
    /// - Parameters:
    ///   - name: the arm's name.
    ///   - ratio: its allocation ratio; at least 1.
    public init(name: String, ratio: Int = 1) {
        precondition(ratio >= 1, "an arm's ratio must be at least 1")
        self.name = name
        self.ratio = ratio
    }

    /// Whether `name` is usable as an arm name: non-empty, letters, digits, `_` or `-`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-"
        }
    }
}
