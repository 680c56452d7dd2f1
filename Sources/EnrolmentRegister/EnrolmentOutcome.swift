/// What enrolling one person did.
public enum EnrolmentOutcome: Sendable, Equatable {
    /// The person was eligible and has been allocated now.
    case allocated(EnrolmentRecord)
    /// The person was already enrolled: this is their existing allocation, unchanged. The
    /// repeated attempt is itself recorded at `attempt`.
    case alreadyEnrolled(EnrolmentRecord, attempt: AuditReference)
    /// The person fails these eligibility rules and was not allocated; the check is recorded at
    /// `audit`.
    case ineligible(reasons: [String], audit: AuditReference)

    /// The allocation, unless the person was ineligible.
    public var record: EnrolmentRecord? {
        switch self {
        case .allocated(let record), .alreadyEnrolled(let record, _): record
        case .ineligible: nil
        }
    }

    /// The audit entry this enrolment added.
    public var audit: AuditReference {
        switch self {
        case .allocated(let record): record.audit
        case .alreadyEnrolled(_, let attempt): attempt
        case .ineligible(_, let audit): audit
        }
    }
}
