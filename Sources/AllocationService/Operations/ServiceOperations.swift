import DisclosureControl
import EnrolmentRegister
import Foundation
import Logging
import Randomisation
import StudyProtocol

/// What the service does, independent of HTML or JSON: each operation checks the session's role,
/// acts on the register or the accounts, and records the action in the audit trail with the account.
///
/// The web pages and the JSON API are two views of these operations, so they cannot differ in
/// what they allow.
public struct ServiceOperations: Sendable {
    /// The register.
    public let register: ServiceRegister
    /// The accounts and sessions.
    public let accounts: AccountStore
    /// The settings.
    public let configuration: ServiceConfiguration

    let hasher: PasswordHasher
    let throttle: LoginThrottle
    /// A hash to check unknown names against, so that a sign-in takes as long whether or not the
    /// account exists.
    let decoyHash: String

    /// Creates the operations.
    ///
    /// - Parameters:
    ///   - register: the open register.
    ///   - accounts: the open accounts file.
    ///   - configuration: the settings (already validated).
    public init(register: ServiceRegister, accounts: AccountStore, configuration: ServiceConfiguration) {
        self.register = register
        self.accounts = accounts
        self.configuration = configuration
        self.hasher = PasswordHasher(cost: configuration.passwordCost)
        self.throttle = LoginThrottle(limit: configuration.signInFailureLimit, window: configuration.signInWindow)
        self.decoyHash = hasher.hashBlocking(SessionToken.random())
    }

    /// Checks a session's permission.
    func require(_ permission: Permission, _ session: ActiveSession?) throws -> ActiveSession {
        guard let session else { throw ServiceRefusal.signInRequired }
        guard session.may(permission) else { throw ServiceRefusal.forbidden }
        return session
    }

    // MARK: Signing in and out

    /// Signs an account in, or refuses: wrong name or password, disabled account, or too many
    /// recent failures for the name or the address. Every outcome is an audit entry.
    func signIn(name: String, password: String, address: String) async throws -> (token: String, session: ActiveSession) {
        let name = String(name.prefix(64))
        guard await throttle.allows(account: name, address: address) else {
            try await register.record(.failedSignIn, account: name, detail: ["reason": "rate limit", "address": address])
            throw ServiceRefusal.tooManyAttempts
        }
        let credentials = try accounts.credentials(of: name)
        let matches = await hasher.verify(password, against: credentials?.passwordHash ?? decoyHash)
        guard matches, let credentials else {
            await throttle.recordFailure(account: name, address: address)
            try await register.record(
                .failedSignIn, account: name, detail: ["reason": "wrong name or password, or disabled", "address": address])
            throw ServiceRefusal.signInFailed
        }
        await throttle.recordSuccess(account: name)
        let started = try accounts.startSession(account: name, role: credentials.role)
        try await register.record(.signIn, account: name, detail: ["address": address])
        return started
    }

    /// Ends a session.
    func signOut(_ session: ActiveSession) async throws {
        try accounts.endSession(tokenHash: session.tokenHash)
        try await register.record(.signOut, account: session.account)
    }

    /// The live session of a cookie's token, if any.
    func session(token: String) throws -> ActiveSession? {
        try accounts.session(token: token, lifetime: configuration.sessionLifetime)
    }

    // MARK: Enrolment

    /// The baseline fields a person is enrolled with, in the study's order.
    public var baselineFields: [BaselineFieldDescription] {
        register.study.protocol.baseline.map(BaselineFieldDescription.init)
    }

    /// The study's eligibility rules as sentences.
    public var eligibilityRules: [String] {
        register.study.protocol.eligibility.map(\.description)
    }

    /// Enrols a person: checks the fields and eligibility, then allocates (enrollers only).
    ///
    /// Blank fields are left out (a required one is then reported missing).
    func enrol(_ session: ActiveSession?, identifier: String, fields: [String: String]) async throws -> EnrolmentOutcome {
        let session = try require(.enrol, session)
        let identifier = try Self.checkedIdentifier(identifier)
        let given = fields.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        do {
            return try await register.enrol(identifier: identifier, fields: given, account: session.account)
        } catch let error as RegisterError {
            switch error {
            case .unknownField, .duplicateField, .malformedField, .emptyIdentifier:
                throw ServiceRefusal.invalidInput(error.description)
            default:
                throw error
            }
        } catch let error as AllocationError {
            switch error.reason {
            case .missingField, .badValue, .unknownLevel:
                throw ServiceRefusal.invalidInput(error.description)
            default:
                throw error
            }
        }
    }

    /// Looks up an enrolled person's allocation (enrollers only; recorded).
    func lookUp(_ session: ActiveSession?, identifier: String) async throws -> EnrolmentRecord? {
        let session = try require(.lookUp, session)
        return try await register.lookUp(identifier: try Self.checkedIdentifier(identifier), account: session.account)
    }

    static func checkedIdentifier(_ text: String) throws -> String {
        let identifier = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !identifier.isEmpty else { throw ServiceRefusal.invalidInput("the identifier is empty") }
        guard identifier.count <= 200 else { throw ServiceRefusal.invalidInput("the identifier is longer than 200 characters") }
        guard !identifier.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ServiceRefusal.invalidInput("the identifier contains control characters")
        }
        return identifier
    }

    // MARK: Research and audit

    /// The dashboard: disclosure-controlled for researchers, true counts for auditors (recorded).
    func dashboard(_ session: ActiveSession?) async throws -> EnrolmentDashboard {
        let session = try require(.viewDashboard, session)
        let rule = session.may(.viewTrueCounts) ? nil : configuration.disclosureRule
        let dashboard = EnrolmentDashboard(records: try await register.records(), arms: register.arms, rule: rule)
        try await register.record(.dashboardView, account: session.account)
        return dashboard
    }

    /// Every allocation by pseudonym as CSV (researchers only; recorded).
    func export(_ session: ActiveSession?) async throws -> AllocationExport {
        let session = try require(.export, session)
        return try await register.export(account: session.account)
    }

    /// Verifies the audit trail, replaying every allocation (auditors only). The verification is
    /// recorded after it is made.
    func verifyAudit(_ session: ActiveSession?) async throws -> AuditVerification {
        let session = try require(.verifyAudit, session)
        let verification = try await register.verify()
        try await register.record(
            .auditVerification, account: session.account,
            detail: ["intact": verification.isIntact ? "yes" : "no", "entries": String(verification.entryCount)])
        return verification
    }

    // MARK: Accounts

    /// Every account (administrators only).
    func accountList(_ session: ActiveSession?) throws -> [Account] {
        _ = try require(.manageAccounts, session)
        return try accounts.accounts()
    }

    /// Adds an account (administrators only; recorded).
    func addAccount(_ session: ActiveSession?, name: String, role: String, password: String) async throws {
        let session = try require(.manageAccounts, session)
        let hash = try await checkedHash(password) {
            guard let role = Role(rawValue: role) else { throw AccountError.unknownRole(role) }
            try Account.validate(name: name)
            return role
        }
        do {
            try accounts.add(name: name, role: hash.0, passwordHash: hash.1)
        } catch let error as AccountError {
            throw ServiceRefusal.invalidInput(error.description)
        }
        try await register.record(
            .accountChange, account: session.account, detail: ["change": "add", "account": name, "role": role])
    }

    /// Disables an account and ends its sessions (administrators only, not their own; recorded).
    func disableAccount(_ session: ActiveSession?, name: String) async throws {
        let session = try require(.manageAccounts, session)
        guard name != session.account else { throw ServiceRefusal.invalidInput("an administrator cannot disable their own account") }
        do {
            try accounts.disable(name: name)
        } catch let error as AccountError {
            throw ServiceRefusal.invalidInput(error.description)
        }
        try await register.record(.accountChange, account: session.account, detail: ["change": "disable", "account": name])
    }

    /// Sets a new password, enables the account and ends its sessions (administrators only; recorded).
    func resetPassword(_ session: ActiveSession?, name: String, password: String) async throws {
        let session = try require(.manageAccounts, session)
        let hash = try await checkedHash(password) { () }
        do {
            try accounts.resetPassword(name: name, passwordHash: hash.1)
        } catch let error as AccountError {
            throw ServiceRefusal.invalidInput(error.description)
        }
        try await register.record(
            .accountChange, account: session.account, detail: ["change": "reset password", "account": name])
    }

    private func checkedHash<T: Sendable>(_ password: String, _ check: () throws -> T) async throws -> (T, String) {
        do {
            let checked = try check()
            try PasswordPolicy.validate(password)
            return (checked, await hasher.hash(password))
        } catch let error as AccountError {
            throw ServiceRefusal.invalidInput(error.description)
        }
    }
}

/// A baseline field as an enrolment form shows it.
public struct BaselineFieldDescription: Sendable, Equatable, Codable {
    /// The field's name.
    public var name: String
    /// `numeric` or `categorical`.
    public var type: String
    /// The allowed labels of a categorical field.
    public var levels: [String]
    /// Whether a value must be given.
    public var required: Bool

    init(_ field: BaselineField) {
        name = field.name
        type = field.kind.rawValue
        levels = field.levels
        required = field.isRequired
    }
}
