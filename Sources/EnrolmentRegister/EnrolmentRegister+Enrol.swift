import Foundation
import GRDB
import Randomisation

extension EnrolmentRegister {
    /// Enrols one person: checks their baseline fields, then their eligibility, then allocates
    /// them, all in one transaction recorded in the audit trail.
    ///
    /// The identifier is replaced by its pseudonym before anything is stored. A person already
    /// enrolled gets their existing allocation back (the attempt is recorded as a `repeat`
    /// entry); an ineligible person is recorded with the rules they fail and not allocated. The
    /// allocation is the design's next allocation after the whole enrolment history, with the
    /// seed derived from the study secret; the history is read inside the same `BEGIN
    /// IMMEDIATE` transaction that stores the result, so concurrent enrolments cannot both take
    /// the same place in the sequence.
    ///
    /// - Parameters:
    ///   - identifier: the person's identifier, without surrounding white space (never stored).
    ///   - fields: baseline fields by name, as text; with a declared baseline, every name must be
    ///     declared, and the design checks that required fields are present, categorical values
    ///     among their levels and numeric values numbers.
    ///   - actor: the account enrolling the person, recorded in the audit entry; `nil` from the
    ///     command line, where no account exists.
    ///   - date: the time recorded; default the time the transaction begins.
    /// - Returns: the allocation, the existing allocation, or the failed eligibility rules.
    /// - Throws: ``RegisterError`` for an unknown field, a broken audit seal or a database
    ///   failure, or the design's `AllocationError` (a stratum value outside its levels, a
    ///   missing required field, a number that is not one). Nothing is written then.
    /// - Precondition: the register was opened with its study file.
    /// - Complexity: one query for the allocations added since this register's last enrolment,
    ///   plus the design's cost for the history.
    public func enrol(
        identifier: String, fields: [String: String], actor: String? = nil, date: Date? = nil
    ) throws -> EnrolmentOutcome {
        // Taken out of `self` while in use, so that adding to its history never copies it.
        guard var allocator = allocator.take() else {
            preconditionFailure("open the register with its study file to enrol")
        }
        // The history read in the transaction was committed before it, so it stays valid
        // whether the transaction commits or not.
        defer { self.allocator = allocator }
        let request = try EnrolmentRequest(
            identifier: identifier, fields: fields, actor: actor, allocator: allocator, keys: keys)
        let keys = self.keys, path = self.path
        let outcome: EnrolmentOutcome = try change { db in
            // Timed once the transaction holds the lock, so times follow the enrolment order.
            let time = Timestamp.string(from: date ?? Date())
            if let existing = try Self.record(db, pseudonym: request.pseudonym, path: path) {
                let attempt = try AuditChain.append(
                    .repeatEnrolment, time: time, content: request.repeatContent(existing: existing),
                    keys: keys, db: db, path: path)
                return .alreadyEnrolled(existing, attempt: attempt)
            }
            if !request.failures.isEmpty {
                let reference = try AuditChain.append(
                    .ineligible, time: time, content: request.ineligibleContent, keys: keys, db: db, path: path)
                return .ineligible(reasons: request.failures, audit: reference)
            }
            try allocator.catchUp(db, path: path)
            var record = try request.allocate(with: allocator, time: time)
            record.audit = try AuditChain.append(
                .enrol, time: time, content: request.enrolContent(record), keys: keys, db: db, path: path)
            try db.cachedStatement(
                sql: """
                    INSERT INTO enrolment (seq, pseudonym, arm, arm_index, stratum, block, slot, cluster,
                                           probabilities, fields, enrolled_at, audit_seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                .execute(arguments: [record.sequence, record.pseudonym, record.arm, record.armIndex, record.stratum,
                                     record.block, record.slot, record.cluster, record.probabilitiesText,
                                     record.fieldsText, time, record.audit.sequence])
            return .allocated(record)
        }
        return outcome
    }

    /// The allocation of a pseudonym, if enrolled.
    static func record(_ db: Database, pseudonym: String, path: String) throws -> EnrolmentRecord? {
        guard let sequence = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT seq FROM enrolment WHERE pseudonym = ?"), arguments: [pseudonym])
        else { return nil }
        return try records(db, after: sequence - 1, limit: 1, path: path).first
    }

    /// Reads `name=value` assignments, as given with `--field`, into fields.
    ///
    /// - Throws: ``RegisterError/malformedField(_:)`` for text without `=` or with an empty
    ///   name, ``RegisterError/duplicateField(_:)`` for a name given twice.
    public static func fields(fromAssignments assignments: [String]) throws -> [String: String] {
        var fields: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw RegisterError.malformedField(assignment)
            }
            let name = String(assignment[..<equals])
            guard fields.updateValue(String(assignment[assignment.index(after: equals)...]), forKey: name) == nil else {
                throw RegisterError.duplicateField(name)
            }
        }
        return fields
    }
}
