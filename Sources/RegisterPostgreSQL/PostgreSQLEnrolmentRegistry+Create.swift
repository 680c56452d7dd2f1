import EnrolmentRegister
import Foundation
import PostgresNIO

extension PostgreSQLEnrolmentRegistry {
    /// Creates a register in a PostgreSQL database that holds none.
    ///
    /// The tables, the `register_meta` row and the `init` audit entry are made in one
    /// transaction, so a failure leaves the database as it was. The database and the user must
    /// exist already; the user needs the right to create tables in its default schema.
    ///
    /// - Parameters:
    ///   - url: the connection URL (see ``PostgreSQLConnectionSettings``).
    ///   - study: the study file; its fingerprint is recorded.
    ///   - secret: the study secret (see ``StudySecret/prepareForNewRegister(keyFile:location:environment:)``).
    ///   - source: where the secret lives, for messages.
    ///   - date: the creation time recorded.
    ///   - environment: the process environment, for `PGPASSWORD`.
    /// - Returns: the new register, open, with `study` attached for enrolment.
    /// - Throws: ``RegisterError/alreadyExists(_:)`` if the database holds a `register_meta`
    ///   table, connection and database failures as ``RegisterError``, or the study's errors
    ///   (an unsupported design), before anything is written.
    public static func create(
        at url: URL, study: StudyFile, secret: StudySecret, source: StudySecretSource, date: Date = Date(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> PostgreSQLEnrolmentRegistry {
        let settings = try PostgreSQLConnectionSettings(url: url, environment: environment)
        let keys = secret.derived
        // Refuse a study the register cannot enrol under before writing anything.
        _ = try RegisterAllocator(study: study, seed: keys.allocationSeed)
        let logger = quietLogger()
        let metadata = RegisterMetadata(
            study: study.protocol.study, studyFingerprint: study.fingerprint, arms: study.protocol.arms.map(\.name),
            createdAt: Timestamp.string(from: date))
        try await withSingleConnection(settings, logger: logger) { connection in
            try await transaction(connection, begin: "BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger) { connection in
                // Two creators at once: the second waits here, then finds the first one's table.
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.creationLock))", logger: logger)
                if try await PostgreSQLSchema.hasRegisterTable(connection, logger: logger) {
                    throw RegisterError.alreadyExists(settings.location)
                }
                for statement in PostgreSQLSchema.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("""
                    INSERT INTO register_meta (id, format, schema_version, study, study_sha256, arms, key_check, created_at)
                    VALUES (1, \(RegisterTables.format), \(Int64(RegisterTables.version)), \(metadata.study),
                            \(metadata.studyFingerprint), \(RegisterMetadata.armsText(metadata.arms)), \(keys.keyCheck),
                            \(metadata.createdAt))
                    """, logger: logger)
                let (entry, seal) = try AuditChain.nextEntry(
                    after: nil, seal: nil, event: .initialise, time: metadata.createdAt,
                    content: RegisterMetadata.initialisationContent(metadata, keyCheck: keys.keyCheck), keys: keys,
                    location: settings.location)
                try await PostgreSQLRegisterQueries(connection: connection, location: settings.location, logger: logger)
                    .insert(entry: entry, seal: seal)
            }
        }
        return try await PostgreSQLEnrolmentRegistry(
            opening: url, secret: secret, source: source, study: study, environment: environment)
    }

    /// The advisory lock key creators take: the ASCII bytes "PKER".
    static let creationLock: Int64 = 0x504B_4552
}
