/// A baseline field: a value recorded for each person at enrolment, before allocation.
public struct BaselineField: Sendable, Hashable {
    /// The kind of value a baseline field holds.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A number, such as age or a count of prior offences.
        case numeric
        /// One of a set of labels, such as a risk band or an area.
        case categorical
    }

    /// The field's name: the column of a cohort file, or the key given at enrolment.
    public var name: String

    /// Numeric or categorical.
    public var kind: Kind

    /// For a categorical field, the allowed labels in the order the file lists them; empty means
    /// any label is allowed. Always empty for a numeric field.
    public var levels: [String]

    /// Whether a value must be given for every person.
    public var isRequired: Bool

    /// Creates a baseline field.
    ///
    /// - Parameters:
    ///   - name: the field's name.
    ///   - kind: numeric or categorical.
    ///   - levels: the allowed labels of a categorical field; default none (any label).
    ///   - isRequired: whether every person must have a value; default `false`.
    public init(name: String, kind: Kind, levels: [String] = [], isRequired: Bool = false) {
        self.name = name
        self.kind = kind
        self.levels = levels
        self.isRequired = isRequired
    }
}
