import Foundation
import GRDB

/// A trickle-flow enrolment register: an SQLite file into which people are enrolled one at a
/// time, each checked for eligibility and then allocated at once, with every event in a
/// hash-chained audit trail.
///
/// - **Concealment.** No allocation list exists in advance. Each allocation is computed when the
///   person is enrolled, from the enrolment history and a seed derived from the study secret,
///   which never enters the register; without the secret the next allocation cannot be read
///   from the register's files.
/// - **Pseudonymity.** Identifiers are stored and output only as HMAC-SHA256 keyed by the study
///   secret. Enrolling a person again returns their existing allocation.
/// - **Durability and concurrency.** The file is in WAL mode with `synchronous = FULL`, and every
///   change is one `BEGIN IMMEDIATE` transaction, waiting up to ``busyTimeout`` for another
///   process's; so concurrent enrolments are serialised, and a process killed at any point leaves
///   either the whole enrolment (allocation and audit entry) or none of it.
/// - **Audit.** See ``verifyAudit(study:)``.
///
/// An instance is not safe to share between threads; open one per thread or process, or share
/// one through ``SQLiteEnrolmentRegistry``, which many tasks may use at once.
public final class EnrolmentRegister {
    /// How long a change waits for another process's transaction before giving up: 30 seconds.
    public static let busyTimeout: TimeInterval = 30

    /// The register file.
    public let path: String

    /// What the register recorded about itself when it was created.
    public let metadata: RegisterMetadata

    let queue: DatabaseQueue
    let keys: DerivedKeys
    let secretSource: StudySecretSource

    /// The allocation state for enrolment, when the register was opened with its study file.
    var allocator: RegisterAllocator?

    /// Creates a register for a study at a new path.
    ///
    /// The database is built under a temporary name beside `path` and moved into place only once
    /// complete, so a failure leaves nothing at `path`.
    ///
    /// - Parameters:
    ///   - path: the register file to create; it must not exist.
    ///   - study: the study file; its fingerprint is recorded.
    ///   - secret: the study secret (see ``StudySecret/prepareForNewRegister(keyFile:registerPath:environment:)``).
    ///   - source: where the secret lives, for error messages.
    ///   - date: the creation time recorded.
    /// - Returns: the new register, open, with `study` attached for enrolment.
    /// - Throws: ``RegisterError``, or the study's errors (an unsupported design).
    public static func create(
        at path: String, study: StudyFile, secret: StudySecret, source: StudySecretSource, date: Date = Date()
    ) throws -> EnrolmentRegister {
        if FileManager.default.fileExists(atPath: path) { throw RegisterError.alreadyExists(path) }
        // Refuse a study the register cannot enrol under before writing anything.
        _ = try RegisterAllocator(study: study, seed: secret.derived.allocationSeed)
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\((path as NSString).lastPathComponent).\(UUID().uuidString).creating"
        let keys = secret.derived
        let time = Timestamp.string(from: date)
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration())
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.inTransaction(.immediate) {
                    try RegisterSchema.create(in: db)
                    let arms = study.protocol.arms.map(\.name)
                    try db.execute(
                        sql: """
                            INSERT INTO register_meta (id, format, schema_version, study, study_sha256, arms, key_check, created_at)
                            VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [RegisterSchema.format, RegisterSchema.version, study.protocol.study,
                                    study.fingerprint, RegisterMetadata.armsText(arms),
                                    keys.keyCheck, time])
                    let metadata = RegisterMetadata(
                        study: study.protocol.study, studyFingerprint: study.fingerprint, arms: arms, createdAt: time)
                    _ = try AuditChain.append(
                        .initialise, time: time, content: initialisationContent(metadata, keyCheck: keys.keyCheck),
                        keys: keys, db: db, path: path)
                    return .commit
                }
            }
            try queue.close()
            // link(2) fails rather than replace a file that appeared at `path` meanwhile.
            guard link(temporary, path) == 0 else {
                throw errno == EEXIST
                    ? RegisterError.alreadyExists(path)
                    : RegisterError.database(path, detail: "cannot create the file: \(StudySecret.errnoText())")
            }
            unlink(temporary)
            StudySecret.syncFolder(of: path)
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
            throw Self.registerError(error, path: path)
        }
        return try EnrolmentRegister(opening: path, secret: secret, source: source, study: study)
    }

    /// Opens an existing register.
    ///
    /// Nothing is written on opening: the file is checked to be a register of this schema
    /// version whose key check value matches the secret, and, when a study file is given, whose
    /// recorded fingerprint matches it.
    ///
    /// - Parameters:
    ///   - path: the register file.
    ///   - secret: the study secret.
    ///   - source: where the secret came from, for error messages.
    ///   - study: the study file, needed to enrol (not to export or verify).
    /// - Throws: ``RegisterError``: `missing`, `notARegister`, `unsupportedSchema`,
    ///   `wrongSecret`, `studyMismatch`.
    public init(opening path: String, secret: StudySecret, source: StudySecretSource, study: StudyFile? = nil) throws {
        try Self.checkIsRegister(path)
        let keys = secret.derived
        let queue: DatabaseQueue
        let metadata: RegisterMetadata
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration())
            metadata = try queue.read { db in
                try RegisterSchema.check(db, path: path)
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT study, study_sha256, arms, key_check, created_at FROM register_meta WHERE id = 1")
                else { throw RegisterError.notARegister(path, reason: "no register_meta row") }
                guard row["key_check"] == keys.keyCheck else { throw RegisterError.wrongSecret(path, source: source) }
                guard let arms = RegisterMetadata.decodingArms(row["arms"]) else {
                    throw RegisterError.inconsistent(path, detail: "register_meta.arms is not a list of names")
                }
                return RegisterMetadata(
                    study: row["study"], studyFingerprint: row["study_sha256"], arms: arms, createdAt: row["created_at"])
            }
        } catch {
            throw Self.registerError(error, path: path)
        }
        if let study, study.fingerprint != metadata.studyFingerprint {
            throw RegisterError.studyMismatch(path, registered: metadata.studyFingerprint, given: study.fingerprint)
        }
        self.path = path
        self.metadata = metadata
        self.queue = queue
        self.keys = keys
        self.secretSource = source
        self.allocator = try study.map { try RegisterAllocator(study: $0, seed: keys.allocationSeed) }
    }

    /// Checks that a file is a register of this schema version, without its secret and without
    /// changing the file.
    ///
    /// - Throws: ``RegisterError``: `missing`, `notARegister` or `unsupportedSchema`.
    public static func checkIsRegister(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw RegisterError.missing(path)
        }
        guard !isFolder.boolValue else { throw RegisterError.notARegister(path, reason: "a folder") }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            try queue.read { db in try RegisterSchema.check(db, path: path) }
            try queue.close()
        } catch {
            throw registerError(error, path: path)
        }
    }

    /// The pseudonym of an identifier in this register: HMAC-SHA256 of its UTF-8 bytes, keyed by
    /// a key derived from the study secret, as 64 hexadecimal digits.
    public func pseudonym(of identifier: String) -> String {
        keys.pseudonym(of: identifier)
    }

    /// The number of people allocated.
    public func enrolmentCount() throws -> Int {
        try perform { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM enrolment") ?? 0 }
    }

    /// Every allocation, in enrolment order.
    public func records() throws -> [EnrolmentRecord] {
        try perform { [path] db in try Self.records(db, after: 0, path: path) }
    }

    /// The connection settings: a busy timeout, `synchronous = FULL`, and no journal-mode change
    /// on opening (it is set once, when the register is created, so that opening a foreign file
    /// changes nothing in it).
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "EnrolmentRegister"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Runs a read in one transaction, turning database errors into ``RegisterError``.
    func perform<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.registerError(error, path: path)
        }
    }

    /// Runs a change in one `BEGIN IMMEDIATE` transaction: all of it is committed, or none.
    func change<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.registerError(error, path: path)
        }
    }

    static func registerError(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        if error.resultCode == .SQLITE_NOTADB { return RegisterError.notARegister(path, reason: "not an SQLite database") }
        return RegisterError.database(path, detail: error.message ?? "\(error.resultCode)")
    }

    static func initialisationContent(_ metadata: RegisterMetadata, keyCheck: String) -> CanonicalJSON {
        RegisterMetadata.initialisationContent(metadata, keyCheck: keyCheck)
    }

    /// Allocations after enrolment `sequence`, in enrolment order, at most `limit`: one query.
    static func records(_ db: Database, after sequence: Int64, limit: Int = -1, path: String) throws -> [EnrolmentRecord] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT \(RegisterTables.recordColumns)
                FROM enrolment e LEFT JOIN audit a ON a.seq = e.audit_seq
                WHERE e.seq > ? ORDER BY e.seq LIMIT ?
                """),
            arguments: [sequence, limit])
        var records: [EnrolmentRecord] = []
        while let row = try rows.next() {
            records.append(try EnrolmentRecord(
                sequence: row[0], pseudonym: row[1], arm: row[2], armIndex: row[3], stratum: row[4], block: row[5],
                slot: row[6], cluster: row[7], probabilitiesText: row[8], fieldsText: row[9], enrolledAt: row[10],
                auditSequence: row[11], auditHash: row[12], location: path))
        }
        return records
    }
}
