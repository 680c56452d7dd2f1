import EnrolmentRegister
import Foundation
import PostgresNIO

extension PostgreSQLEnrolmentRegistry {
    /// Enrols one person: checks their fields and eligibility, then, holding the register's lock,
    /// allocates them after the whole enrolment history and records the allocation with its
    /// audit entry, in one transaction (see ``EnrolmentRegistry/enrol(identifier:fields:actor:date:)``).
    ///
    /// - Precondition: the register was opened with its study file.
    public func enrol(
        identifier: String, fields: [String: String], actor: String?, date: Date?
    ) async throws -> EnrolmentOutcome {
        guard let validator else { preconditionFailure("open the register with its study file to enrol") }
        let request = try EnrolmentRequest(
            identifier: identifier, fields: fields, actor: actor, allocator: validator, keys: keys)
        let keys = self.keys, location = self.location, logger = self.logger
        return try await change { connection in
            let queries = PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger)
            // Timed once the transaction holds the lock, so times follow the enrolment order.
            let time = Timestamp.string(from: date ?? Date())
            if let existing = try await queries.record(pseudonym: request.pseudonym) {
                let attempt = try await queries.append(
                    .repeatEnrolment, time: time, content: request.repeatContent(existing: existing), keys: keys)
                return .alreadyEnrolled(existing, attempt: attempt)
            }
            if !request.failures.isEmpty {
                let reference = try await queries.append(.ineligible, time: time, content: request.ineligibleContent, keys: keys)
                return .ineligible(reasons: request.failures, audit: reference)
            }
            // Only this transaction holds the lock, so only it holds the cache; the history it
            // adds was committed before the transaction began, so it stays valid whether the
            // transaction commits or not.
            var allocator = allocatorCache.withLock { cache in cache.take() } ?? validator
            defer { allocatorCache.withLock { [allocator] cache in cache = allocator } }
            try allocator.catchUp(with: try await queries.records(after: allocator.loadedThrough), location: location)
            var record = try request.allocate(with: allocator, time: time)
            record.audit = try await queries.append(.enrol, time: time, content: request.enrolContent(record), keys: keys)
            try await queries.insert(record)
            return .allocated(record)
        }
    }

    /// Looks a person up by identifier, recording a `lookup` entry with the account.
    public func lookUp(identifier: String, actor: String?) async throws -> EnrolmentRecord? {
        let identifier = identifier.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !identifier.isEmpty else { throw RegisterError.emptyIdentifier }
        let pseudonym = keys.pseudonym(of: identifier)
        let keys = self.keys, location = self.location, logger = self.logger
        return try await change { connection in
            let queries = PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger)
            let record = try await queries.record(pseudonym: pseudonym)
            _ = try await queries.append(
                .lookup, time: Timestamp.string(from: Date()),
                content: LookUpContent.content(pseudonym: pseudonym, record: record, actor: actor), keys: keys)
            return record
        }
    }
}
