import StudyProtocol

extension AllocationDesign {
    /// Eligibility of a unit against the protocol's rules: the list of failed rules (empty = eligible);
    /// bad field values are thrown errors naming the field.
    ///
    /// Every declared baseline field the unit has is checked first: a numeric field must hold a
    /// number and a categorical field with levels one of them; a required field must be present.
    /// A rule whose field is missing fails.
    ///
    /// - Parameter unit: the person, with baseline values as text.
    /// - Returns: one sentence per failed rule, such as `age between 10 and 25`.
    /// - Throws: ``AllocationError`` naming the field with a bad value or a missing required value.
    public func eligibilityFailures(of unit: EnrolmentUnit) throws -> [String] {
        for field in studyProtocol.baseline {
            _ = try value(of: field.name, in: unit, required: false)
        }
        var failures: [String] = []
        for rule in studyProtocol.eligibility {
            guard let text = unit.value(of: rule.field) else {
                failures.append("\(rule) (no value)")
                continue
            }
            switch rule.condition {
            case let .range(minimum, maximum):
                guard let number = Double(text) else {
                    throw AllocationError(.badValue(field: rule.field, value: text, expected: "a number"))
                }
                if let minimum, number < minimum { failures.append(rule.description); continue }
                if let maximum, number > maximum { failures.append(rule.description) }
            case let .oneOf(labels):
                if !labels.contains(text) { failures.append(rule.description) }
            }
        }
        return failures
    }
}
