import Foundation
import GRDB

/// The service's accounts and sessions: an SQLite file beside the register (by default
/// `REGISTER.accounts`), readable by its owner alone.
///
/// Passwords are kept only as bcrypt hashes and session tokens only as SHA-256 hashes, so a copy
/// of the file lets no one sign in. The command line (`prevent users`) and a running service may
/// use the file at once: every change is one transaction, and the service reads an account's
/// role and state afresh on every request, so a disabled account is refused at once.
public final class AccountStore: Sendable {
    /// The accounts file.
    public let path: String

    let pool: DatabasePool

    /// The file's format name, recorded in its `accounts_meta` row.
    static let format = "preventkit-accounts"
    /// The schema version this code reads and writes.
    static let version = 1

    /// Opens an existing accounts file.
    ///
    /// - Throws: ``AccountError/missingFile(_:)``, ``AccountError/notAnAccountsFile(_:reason:)``
    ///   or ``AccountError/database(_:detail:)``.
    public init(opening path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw AccountError.missingFile(path) }
        self.path = path
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            try pool.read { db in try Self.checkSchema(db, path: path) }
        } catch {
            throw Self.accountError(error, path: path)
        }
    }

    /// Opens an accounts file, creating it (mode 600) with an empty account list if it does not exist.
    ///
    /// - Throws: ``AccountError``.
    public static func openOrCreate(_ path: String) throws -> AccountStore {
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor < 0, errno != EEXIST {
                throw AccountError.database(path, detail: "cannot create the file: \(String(cString: strerror(errno)))")
            }
            if descriptor >= 0 { close(descriptor) }
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration())
                try queue.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    try db.inTransaction(.immediate) {
                        if try !db.tableExists("accounts_meta") { try createSchema(db) }
                        return .commit
                    }
                }
                try queue.close()
            } catch {
                throw accountError(error, path: path)
            }
        }
        return try AccountStore(opening: path)
    }

    /// The accounts file used when none is named: the register's path with `.accounts` appended.
    public static func defaultPath(forRegister register: String) -> String {
        register + ".accounts"
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "AccountStore"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        }
        return configuration
    }

    static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE accounts_meta (
                id INTEGER PRIMARY KEY CHECK (id = 1), format TEXT NOT NULL, schema_version INTEGER NOT NULL);
            CREATE TABLE account (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('enroller', 'researcher', 'auditor', 'admin')),
                password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, changed_at TEXT NOT NULL);
            CREATE TABLE session (
                token_hash TEXT PRIMARY KEY,
                account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL, created_at REAL NOT NULL, last_seen REAL NOT NULL);
            CREATE INDEX session_by_account ON session(account);
            """)
        try db.execute(
            sql: "INSERT INTO accounts_meta (id, format, schema_version) VALUES (1, ?, ?)", arguments: [format, version])
    }

    static func checkSchema(_ db: Database, path: String) throws {
        guard try db.tableExists("accounts_meta") else {
            throw AccountError.notAnAccountsFile(path, reason: "no accounts_meta table")
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT format, schema_version FROM accounts_meta WHERE id = 1"),
              row["format"] as String? == format
        else { throw AccountError.notAnAccountsFile(path, reason: "another format") }
        let found: Int = row["schema_version"]
        guard found == version else {
            throw AccountError.notAnAccountsFile(path, reason: "schema version \(found); this version reads \(version)")
        }
    }

    /// Runs a read, turning database errors into ``AccountError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw Self.accountError(error, path: path) }
    }

    /// Runs a change in one immediate transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.accountError(error, path: path)
        }
    }

    static func accountError(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        if error.resultCode == .SQLITE_NOTADB { return AccountError.notAnAccountsFile(path, reason: "not an SQLite database") }
        return AccountError.database(path, detail: error.message ?? "\(error.resultCode)")
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
