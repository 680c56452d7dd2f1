/// One person (or other unit) to allocate: a pseudonymous identifier and baseline values as text.
///
/// Values are kept as typed or as read from a CSV file, so that a stratum or a minimisation
/// factor has the same label whether it came from a form or a file. An empty text or `NA` is
/// a missing value.
public struct EnrolmentUnit: Sendable, Hashable {
    /// A pseudonymous identifier, unique within the study (never a name).
    public var id: String

    /// Baseline values by field name, as text.
    public var fields: [String: String]

    /// Creates a unit.
    public init(id: String, fields: [String: String] = [:]) {
        self.id = id
        self.fields = fields
    }

    /// The value of `field`, or `nil` when it is absent, empty or `NA`.
    public func value(of field: String) -> String? {
        guard let text = fields[field] else { return nil }
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty || trimmed == "NA" ? nil : trimmed
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
