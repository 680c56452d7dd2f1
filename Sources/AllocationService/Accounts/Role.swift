/// What an account may do in the allocation service. Each account has exactly one role.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// A Prevent officer: enrols people and looks up a person's allocation.
    case enroller
    /// A member of the research team: sees the enrolment dashboard (disclosure-controlled) and
    /// exports the allocations by pseudonym; never sees an identifier or an allocation as it is made.
    case researcher
    /// Checks the conduct of the trial: verifies the audit trail and sees the true counts.
    case auditor
    /// Manages accounts: adds them, disables them and resets their passwords.
    case admin

    /// What the role may do.
    public var permissions: Set<Permission> {
        switch self {
        case .enroller: [.enrol, .lookUp]
        case .researcher: [.viewDashboard, .export]
        case .auditor: [.verifyAudit, .viewDashboard, .viewTrueCounts]
        case .admin: [.manageAccounts]
        }
    }

    /// The page an account of this role starts on after signing in.
    public var homePath: String {
        switch self {
        case .enroller: "/enrol"
        case .researcher: "/dashboard"
        case .auditor: "/audit"
        case .admin: "/accounts"
        }
    }

    /// The role's name, as accounts files and `--role` spell it.
    public var description: String { rawValue }
}

/// One thing an account may be allowed to do.
public enum Permission: String, Sendable, Hashable, CaseIterable {
    /// Enrol a person (eligibility check and allocation).
    case enrol
    /// Look up an enrolled person's allocation by identifier.
    case lookUp
    /// See the enrolment dashboard: counts per arm and stratum.
    case viewDashboard
    /// See the dashboard's counts without disclosure control.
    case viewTrueCounts
    /// Export the allocations by pseudonym.
    case export
    /// Verify the audit trail.
    case verifyAudit
    /// Add, disable and reset accounts.
    case manageAccounts
}
