/// An export of every allocation, made in memory for a service to send, and recorded in the
/// audit trail like a file export.
public struct AllocationExport: Sendable, Equatable {
    /// The CSV text: the columns of ``EnrolmentRegister/export(to:date:)``, one row per person
    /// allocated, in enrolment order; pseudonyms, never identifiers.
    public var csv: String
    /// Data rows: one per person allocated.
    public var rows: Int
    /// SHA-256 of the CSV text's UTF-8 bytes, also recorded in the audit trail.
    public var sha256: String
    /// The `export` audit entry.
    public var audit: AuditReference

    /// Creates an export; registers make these.
    package init(csv: String, rows: Int, sha256: String, audit: AuditReference) {
        self.csv = csv
        self.rows = rows
        self.sha256 = sha256
        self.audit = audit
    }
}
