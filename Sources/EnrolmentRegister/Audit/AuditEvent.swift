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
    /// A person's allocation was looked up by identifier; the pseudonym and the account are recorded.
    case lookup
    /// An account signed in to the allocation service.
    case signIn = "sign-in"
    /// A sign-in to the allocation service was refused (wrong password, disabled account, rate limit).
    case failedSignIn = "failed-sign-in"
    /// An account signed out of the allocation service.
    case signOut = "sign-out"
    /// The enrolment dashboard (counts per arm and stratum) was viewed.
    case dashboardView = "dashboard"
    /// An account of the allocation service was added, disabled, re-enabled or had its password reset.
    case accountChange = "account"
    /// The audit trail was verified through the allocation service.
    case auditVerification = "verify"

    /// The events a service records with ``EnrolmentRegistry/recordEvent(_:actor:detail:)``:
    /// every kind except those the register writes itself (`init`, `enrol`, `ineligible`,
    /// `repeat`, `lookup`).
    public var isServiceAction: Bool {
        switch self {
        case .initialise, .enrol, .ineligible, .repeatEnrolment, .lookup: false
        case .export, .signIn, .failedSignIn, .signOut, .dashboardView, .accountChange, .auditVerification: true
        }
    }
}
