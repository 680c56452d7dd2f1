import EnrolmentRegister
import Foundation

/// Every call the allocation service makes into the enrolment register, in one place.
///
/// The register may be an SQLite file or a PostgreSQL database (any ``EnrolmentRegistry``); the
/// service sees only these operations. Each takes the account acting, which the register records
/// in the audit entry it writes.
public struct ServiceRegister: Sendable {
    /// The register.
    public let registry: any EnrolmentRegistry

    /// The study file the register was created with, for eligibility, fields and the replay
    /// in verification.
    public let study: StudyFile

    /// Wraps an open register.
    ///
    /// - Parameters:
    ///   - registry: the register, opened with `study`.
    ///   - study: its study file.
    public init(registry: any EnrolmentRegistry, study: StudyFile) {
        self.registry = registry
        self.study = study
    }

    /// Where the register lives (a path, or a URL without its password).
    public var location: String { registry.location }

    /// The arms, in the study's order.
    public var arms: [String] { registry.metadata.arms }

    /// Enrols a person on behalf of an account.
    func enrol(identifier: String, fields: [String: String], account: String) async throws -> EnrolmentOutcome {
        try await registry.enrol(identifier: identifier, fields: fields, actor: account)
    }

    /// Looks up a person's allocation on behalf of an account (recorded as a `lookup` entry).
    func lookUp(identifier: String, account: String) async throws -> EnrolmentRecord? {
        try await registry.lookUp(identifier: identifier, actor: account)
    }

    /// Every allocation, in enrolment order, for the dashboard.
    func records() async throws -> [EnrolmentRecord] {
        try await registry.records()
    }

    /// The allocations as CSV by pseudonym, recorded as an `export` entry.
    func export(account: String) async throws -> AllocationExport {
        try await registry.exportCSV(actor: account)
    }

    /// Records a service action (sign-in, sign-out, dashboard view, account change...).
    @discardableResult
    func record(_ action: ServiceAction, account: String?, detail: [String: String] = [:]) async throws -> AuditReference {
        try await registry.recordEvent(action.auditEvent, actor: account, detail: detail)
    }

    /// Verifies the audit trail, replaying every allocation from the study file.
    func verify() async throws -> AuditVerification {
        try await registry.verifyAudit(study: study)
    }
}

/// The service actions the audit trail records.
enum ServiceAction: Sendable {
    case signIn, failedSignIn, signOut, dashboardView, accountChange, auditVerification

    var auditEvent: AuditEvent {
        switch self {
        case .signIn: .signIn
        case .failedSignIn: .failedSignIn
        case .signOut: .signOut
        case .dashboardView: .dashboardView
        case .accountChange: .accountChange
        case .auditVerification: .auditVerification
        }
    }
}
