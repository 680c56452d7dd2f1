/// The kind of values a column holds.
public enum ColumnKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Numbers, stored as contiguous `Double`s with `nan` for a missing value.
    case numeric

    /// Labels from a fixed set of levels (a factor in R), stored as integer codes.
    case categorical

    /// The kind's name: `numeric` or `categorical`.
    public var description: String { rawValue }
}
