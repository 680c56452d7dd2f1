import EnrolmentRegister
import Foundation
import PostgresNIO
import Synchronization

/// An enrolment register in a PostgreSQL database, for trials whose enrolments come from several
/// services or forces at once.
///
/// It holds the same tables as an SQLite register (``RegisterTables``) and writes the same audit
/// trail: for the same secret, study and enrolment history, the same allocations, pseudonyms,
/// audit entries and hashes. Every change runs in one `SERIALIZABLE` transaction that first
/// takes an `EXCLUSIVE` lock on `audit_seal` (before the transaction's snapshot), so changes
/// from every connection are serialised and an allocation is always computed from the whole
/// history before it; each is committed with `synchronous_commit = on` before it returns.
///
/// An instance keeps a small connection pool and may be used from many tasks at once.
///
/// ```swift
/// let registry = try await PostgreSQLEnrolmentRegistry(
///     opening: URL(string: "postgres://prevent@127.0.0.1:5432/jigsaw")!,
///     secret: secret, source: .environment, study: study)
/// let outcome = try await registry.enrol(identifier: "P-0042", fields: fields, actor: "j.smith")
/// try await registry.close()
/// ```
public final class PostgreSQLEnrolmentRegistry: EnrolmentRegistry {
    /// The connection URL without its password.
    public let location: String

    /// What the register recorded about itself when it was created.
    public let metadata: RegisterMetadata

    let keys: DerivedKeys
    let secretSource: StudySecretSource
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>
    private let isClosed = Mutex(false)

    /// The design with no history, to check enrolments before their transaction; `nil` when
    /// opened without the study file.
    let validator: RegisterAllocator?
    /// The design with the history loaded so far; taken out by the one transaction that holds
    /// the register's lock, and put back before it commits.
    let allocatorCache: Mutex<RegisterAllocator?>

    /// Opens an existing register.
    ///
    /// Nothing is written on opening: the database is checked to hold a register of this schema
    /// version whose key check value matches the secret and, when a study file is given, whose
    /// recorded fingerprint matches it.
    ///
    /// - Parameters:
    ///   - url: the connection URL (see ``PostgreSQLConnectionSettings``).
    ///   - secret: the study secret.
    ///   - source: where the secret came from, for messages.
    ///   - study: the study file, needed to enrol (not to look up, export or verify).
    ///   - environment: the process environment, for `PGPASSWORD`.
    /// - Throws: ``RegisterError``: `malformedURL`, `database` (cannot connect, authentication
    ///   failed; named by the URL without its password), `notARegister`, `unsupportedSchema`,
    ///   `wrongSecret`, `studyMismatch`.
    public init(
        opening url: URL, secret: StudySecret, source: StudySecretSource, study: StudyFile?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        let settings = try PostgreSQLConnectionSettings(url: url, environment: environment)
        let logger = Self.quietLogger()
        let keys = secret.derived
        let meta = try await Self.withSingleConnection(settings, logger: logger) { connection in
            try await PostgreSQLSchema.readMeta(connection, location: settings.location, logger: logger)
        }
        guard meta.keyCheck == keys.keyCheck else { throw RegisterError.wrongSecret(settings.location, source: source) }
        if let study, study.fingerprint != meta.metadata.studyFingerprint {
            throw RegisterError.studyMismatch(
                settings.location, registered: meta.metadata.studyFingerprint, given: study.fingerprint)
        }
        let validator = try study.map { try RegisterAllocator(study: $0, seed: keys.allocationSeed) }
        let client = PostgresClient(configuration: settings.configuration, backgroundLogger: logger)
        self.location = settings.location
        self.metadata = meta.metadata
        self.keys = keys
        self.secretSource = source
        self.client = client
        self.logger = logger
        self.validator = validator
        self.allocatorCache = Mutex(validator)
        self.running = Task { await client.run() }
    }

    deinit {
        running.cancel()
    }

    /// The pseudonym of an identifier in this register.
    public func pseudonym(of identifier: String) -> String {
        keys.pseudonym(of: identifier)
    }

    /// Closes the connection pool; later calls throw ``RegisterError/closed(_:)``.
    public func close() async throws {
        isClosed.withLock { $0 = true }
        running.cancel()
        await running.value
    }

    /// Throws ``RegisterError/closed(_:)`` once ``close()`` has been called.
    func checkOpen() throws {
        if isClosed.withLock({ $0 }) { throw RegisterError.closed(location) }
    }

    /// A logger that reports nothing: every failure reaches the caller as a ``RegisterError``.
    static func quietLogger() -> Logger {
        var logger = Logger(label: "PreventKit.RegisterPostgreSQL")
        logger.logLevel = .critical
        return logger
    }
}
