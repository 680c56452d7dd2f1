/// The kinds of event the audit trail records.
public enum AuditEvent: String, Sendable, Hashable, CaseIterable {
    /// The register was created (always the first entry).
    case initialise = "init"
    /// A person was found eligible and allocated.
    case enrol
    /// A person was checked and found ineligible; the failed rules are recorded, nothing allocated.
    case ineligible
    /// An already enrolled person was enrolled again and given their existing allocation.
    case repeatEnrolment = "repeat"
    /// The register was exported to a file; the file's SHA-256 and row count are recorded.
    case export
}
