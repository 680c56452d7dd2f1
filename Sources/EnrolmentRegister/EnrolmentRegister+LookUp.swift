import Foundation
import GRDB

extension EnrolmentRegister {
    /// Looks up a person's allocation by identifier and records the look-up in the audit trail.
    ///
    /// The identifier is replaced by its pseudonym before it reaches the database. The `lookup`
    /// entry records the pseudonym, the enrolment found (or `null`) and the account, so every
    /// disclosure of an allocation after enrolment is accountable.
    ///
    /// - Parameters:
    ///   - identifier: the person's identifier, without surrounding white space (never stored).
    ///   - actor: the account looking the person up; `nil` from the command line.
    ///   - date: the time recorded; default the time the transaction begins.
    /// - Returns: the person's allocation, or `nil` if they are not enrolled.
    /// - Throws: ``RegisterError/emptyIdentifier``, ``RegisterError/auditSealBroken(_:detail:)``
    ///   or a database failure; nothing is written then.
    public func lookUp(identifier: String, actor: String? = nil, date: Date? = nil) throws -> EnrolmentRecord? {
        let identifier = identifier.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !identifier.isEmpty else { throw RegisterError.emptyIdentifier }
        let pseudonym = keys.pseudonym(of: identifier)
        let keys = self.keys, path = self.path
        return try change { db in
            let time = Timestamp.string(from: date ?? Date())
            let record = try Self.record(db, pseudonym: pseudonym, path: path)
            _ = try AuditChain.append(
                .lookup, time: time, content: LookUpContent.content(pseudonym: pseudonym, record: record, actor: actor),
                keys: keys, db: db, path: path)
            return record
        }
    }

    /// Records an action of a service using the register (a sign-in, a dashboard view, an account
    /// change...) as an audit entry.
    ///
    /// - Parameters:
    ///   - action: what happened; one of the kinds for which ``AuditEvent/isServiceAction`` holds.
    ///   - actor: the account that acted (for a failed sign-in, the name tried), if any.
    ///   - detail: further facts, by name, as text; never an identifier or a password.
    ///   - date: the time recorded; default the time the transaction begins.
    /// - Returns: the new entry's reference.
    /// - Throws: ``RegisterError/auditSealBroken(_:detail:)`` or a database failure.
    @discardableResult
    public func recordEvent(
        _ action: AuditEvent, actor: String?, detail: [String: String] = [:], date: Date? = nil
    ) throws -> AuditReference {
        precondition(action.isServiceAction, "\(action.rawValue) entries are written by the register itself")
        let keys = self.keys, path = self.path
        return try change { db in
            try AuditChain.append(
                action, time: Timestamp.string(from: date ?? Date()),
                content: ServiceActionContent.content(actor: actor, detail: detail), keys: keys, db: db, path: path)
        }
    }
}
