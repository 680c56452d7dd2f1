import Foundation

/// An enrolment register that many tasks may use at once, whatever stores it: an SQLite file
/// (``SQLiteEnrolmentRegistry``) or a PostgreSQL database (`PostgreSQLEnrolmentRegistry` in the
/// `RegisterPostgreSQL` module).
///
/// Every backend keeps the same schema, the same hash-chained audit trail (identical entries and
/// hashes for the same history and secret) and the same concealment: each allocation is computed
/// inside the transaction that records it, after a lock that serialises every change, so
/// concurrent enrolments, from one process or many, never take the same place in the sequence.
/// Each enrolment is durably committed before it returns.
///
/// Identifiers are replaced by their pseudonyms (``pseudonym(of:)``) before they reach storage.
/// Methods that take an `actor` record that account name in the audit entry's content
/// (`"actor"`); pass `nil` where no account acts.
public protocol EnrolmentRegistry: AnyObject, Sendable {
    /// Where the register lives, for messages: the file path, or the connection URL without its
    /// password.
    var location: String { get }

    /// What the register recorded about itself when it was created.
    var metadata: RegisterMetadata { get }

    /// The pseudonym of an identifier in this register: HMAC-SHA256 keyed by the study secret,
    /// 64 hexadecimal digits. Computed locally; nothing is read or written.
    func pseudonym(of identifier: String) -> String

    /// Enrols one person: checks fields and eligibility, then allocates, in one transaction with
    /// its audit entry (see ``EnrolmentRegister/enrol(identifier:fields:actor:date:)``).
    ///
    /// - Parameters:
    ///   - identifier: the person's identifier (never stored).
    ///   - fields: baseline fields by name, as text.
    ///   - actor: the account enrolling, recorded in the entry; `nil` for none.
    ///   - date: the time recorded; `nil` for the time the transaction holds its lock.
    /// - Returns: the allocation, the existing allocation for a repeat, or the failed rules.
    /// - Throws: ``RegisterError`` or the design's `AllocationError`; nothing is written then.
    /// - Precondition: the register was opened with its study file.
    func enrol(identifier: String, fields: [String: String], actor: String?, date: Date?) async throws -> EnrolmentOutcome

    /// Looks a person up by identifier, recording a `lookup` entry with the account.
    ///
    /// - Returns: the person's allocation, or `nil` if they are not enrolled.
    /// - Throws: ``RegisterError``.
    func lookUp(identifier: String, actor: String?) async throws -> EnrolmentRecord?

    /// Every allocation, in enrolment order. Nothing is recorded.
    func records() async throws -> [EnrolmentRecord]

    /// The number of people allocated. Nothing is recorded.
    func enrolmentCount() async throws -> Int

    /// The CSV text of every allocation (pseudonyms only), recorded as an `export` entry with the
    /// account (see ``EnrolmentRegister/exportCSV(actor:date:)``).
    func exportCSV(actor: String?, date: Date) async throws -> AllocationExport

    /// Writes every allocation to a CSV file, recorded as an `export` entry with the file's
    /// SHA-256 (see ``EnrolmentRegister/export(to:actor:date:)``): the file is written under a
    /// temporary name and renamed into place once the entry is committed.
    ///
    /// - Throws: ``RegisterError`` (`wouldOverwriteRegister` for the register's files or key
    ///   file), or `CSVError` if the file cannot be written; nothing is left behind then.
    func export(to outputPath: String, actor: String?, date: Date) async throws -> ExportSummary

    /// Records an action of a service (sign-in, failed sign-in, sign-out, dashboard view,
    /// account change, audit verification, export of another kind) as an audit entry with
    /// content `{"actor": ..., "detail": {...}}`.
    ///
    /// - Parameters:
    ///   - action: an event for which ``AuditEvent/isServiceAction`` holds (a precondition).
    ///   - actor: the account (for a failed sign-in, the name tried), if any.
    ///   - detail: further facts as text (never an identifier or a password).
    /// - Returns: the new entry's reference.
    @discardableResult
    func recordEvent(_ action: AuditEvent, actor: String?, detail: [String: String]) async throws -> AuditReference

    /// Checks the audit chain, its seal and the tables against it (see
    /// ``EnrolmentRegister/verifyAudit()``), replaying every allocation when a study file is given.
    ///
    /// - Parameter study: the register's study file for the replay, or `nil` to skip it.
    /// - Throws: ``RegisterError/studyMismatch(_:registered:given:)`` for another study file, or
    ///   ``RegisterError`` if the register cannot be read.
    func verifyAudit(study: StudyFile?) async throws -> AuditVerification

    /// Releases the connection(s); later calls throw ``RegisterError/closed(_:)``.
    func close() async throws
}

extension EnrolmentRegistry {
    /// Enrols one person at the current time (see ``enrol(identifier:fields:actor:date:)``).
    public func enrol(identifier: String, fields: [String: String], actor: String?) async throws -> EnrolmentOutcome {
        try await enrol(identifier: identifier, fields: fields, actor: actor, date: nil)
    }

    /// Exports every allocation now (see ``exportCSV(actor:date:)``).
    public func exportCSV(actor: String?) async throws -> AllocationExport {
        try await exportCSV(actor: actor, date: Date())
    }

    /// Writes every allocation to a CSV file now (see ``export(to:actor:date:)``).
    @discardableResult
    public func export(to outputPath: String, actor: String?) async throws -> ExportSummary {
        try await export(to: outputPath, actor: actor, date: Date())
    }

    /// Records a service action without further detail (see ``recordEvent(_:actor:detail:)``).
    @discardableResult
    public func recordEvent(_ action: AuditEvent, actor: String?) async throws -> AuditReference {
        try await recordEvent(action, actor: actor, detail: [:])
    }
}
