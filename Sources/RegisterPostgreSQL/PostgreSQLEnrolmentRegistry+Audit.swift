import EnrolmentRegister
import Foundation
import PostgresNIO

extension PostgreSQLEnrolmentRegistry {
    /// Every allocation, in enrolment order.
    public func records() async throws -> [EnrolmentRecord] {
        let location = self.location, logger = self.logger
        return try await read { connection in
            try await PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger).records(after: 0)
        }
    }

    /// The number of people allocated.
    public func enrolmentCount() async throws -> Int {
        let location = self.location, logger = self.logger
        return try await read { connection in
            try await PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger).enrolmentCount()
        }
    }

    /// The CSV text of every allocation, recorded as an `export` entry with the account.
    public func exportCSV(actor: String?, date: Date) async throws -> AllocationExport {
        let keys = self.keys, location = self.location, logger = self.logger, arms = metadata.arms
        return try await change { connection in
            let queries = PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger)
            var export = AllocationExport(
                records: try await queries.records(after: 0), arms: arms, audit: AuditReference(sequence: 0, hash: ""))
            export.audit = try await queries.append(
                .export, time: Timestamp.string(from: date),
                content: EnrolmentRegister.exportContent(rows: export.rows, sha256: export.sha256, arms: arms, actor: actor),
                keys: keys)
            return export
        }
    }

    /// Writes every allocation to a CSV file, recorded as an `export` entry with the file's
    /// SHA-256: the file is written in full inside the transaction, under a temporary name, and
    /// renamed into place once the entry is committed.
    public func export(to outputPath: String, actor: String?, date: Date) async throws -> ExportSummary {
        if case .keyFile(let keyPath) = secretSource { try ExportFile.refuseToOverwrite([keyPath], with: outputPath) }
        let temporary = ExportFile.temporaryPath(for: outputPath)
        defer { unlink(temporary) }
        let keys = self.keys, location = self.location, logger = self.logger, arms = metadata.arms
        let summary = try await change { connection in
            let queries = PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger)
            let export = AllocationExport(
                records: try await queries.records(after: 0), arms: arms, audit: AuditReference(sequence: 0, hash: ""))
            try ExportFile.write(export.csv, to: temporary, reportingAs: outputPath)
            let audit = try await queries.append(
                .export, time: Timestamp.string(from: date),
                content: EnrolmentRegister.exportContent(rows: export.rows, sha256: export.sha256, arms: arms, actor: actor),
                keys: keys)
            return ExportSummary(path: outputPath, rows: export.rows, sha256: export.sha256, audit: audit)
        }
        try ExportFile.moveIntoPlace(temporary, outputPath)
        return summary
    }

    /// Records a service action as an audit entry with the account.
    @discardableResult
    public func recordEvent(_ action: AuditEvent, actor: String?, detail: [String: String]) async throws -> AuditReference {
        precondition(action.isServiceAction, "\(action.rawValue) entries are written by the register itself")
        let keys = self.keys, location = self.location, logger = self.logger
        return try await change { connection in
            try await PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger).append(
                action, time: Timestamp.string(from: Date()),
                content: ServiceActionContent.content(actor: actor, detail: detail), keys: keys)
        }
    }

    /// Checks the audit chain, its seal and the tables against it, in one consistent snapshot,
    /// replaying every allocation when the study file is given (see
    /// ``EnrolmentRegistry/verifyAudit(study:)``).
    public func verifyAudit(study: StudyFile?) async throws -> AuditVerification {
        if let study, study.fingerprint != metadata.studyFingerprint {
            throw RegisterError.studyMismatch(location, registered: metadata.studyFingerprint, given: study.fingerprint)
        }
        let keys = self.keys, location = self.location, logger = self.logger
        let allocator = try study.map { try RegisterAllocator(study: $0, seed: keys.allocationSeed) }
        return try await read { connection in
            let queries = PostgreSQLRegisterQueries(connection: connection, location: location, logger: logger)
            let walk = try await queries.walk()
            let seal = try await queries.seal()
            let meta = try await PostgreSQLSchema.hasRegisterTable(connection, logger: logger)
                ? try await storedMeta(connection) : nil
            let count = try await queries.enrolmentCount()
            let records = try await queries.records(after: 0)
            return try RegisterVerifier.verify(
                walk: walk, seal: seal, meta: meta, enrolmentCount: count, records: { records }, keys: keys,
                allocator: allocator)
        }
    }

    /// The `register_meta` row, unchecked, for the cross-checks.
    private func storedMeta(_ connection: PostgresConnection) async throws -> RegisterVerifier.StoredMeta? {
        let rows = try await connection.query(
            "SELECT study, study_sha256, arms, key_check, created_at FROM register_meta WHERE id = 1", logger: logger)
        guard let row = try await rows.collect().first else { return nil }
        let (study, fingerprint, arms, keyCheck, createdAt) = try row.decode((String, String, String, String, String).self)
        return RegisterVerifier.StoredMeta(
            study: study, studyFingerprint: fingerprint, arms: arms, keyCheck: keyCheck, createdAt: createdAt)
    }
}
