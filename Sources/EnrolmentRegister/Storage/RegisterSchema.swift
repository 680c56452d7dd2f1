import GRDB

/// The register's SQLite schema, version 1.
///
/// The file is marked as a register by `PRAGMA application_id` (``applicationID``) and carries
/// its schema version in `PRAGMA user_version`, so that another SQLite file is recognised before
/// anything in it is read or changed. The tables:
///
/// - `register_meta`: one row: the study's name, the SHA-256 of its study file, its arms in order,
///   the key check value (an HMAC of a fixed label, which recognises the secret without
///   revealing it) and the creation time.
/// - `enrolment`: one row per person allocated, in enrolment order: pseudonym (unique), arm,
///   stratum, block, slot, cluster, the arms' probabilities and the baseline fields as canonical
///   JSON, the time, and the sequence number of its audit entry. A unique index on
///   (stratum, block, slot) makes a reused block slot impossible even for a faulty scheme.
/// - `audit`: the hash-chained audit trail (see ``AuditEntry``); triggers refuse updates and
///   deletions, against accidents (a determined editor can drop them, which `audit verify`
///   then catches).
/// - `audit_seal`: one row: the last entry's sequence number and hash with an HMAC over them
///   keyed by the study secret, which exposes removal of the last entries.
enum RegisterSchema {
    /// `PRAGMA application_id` of a register: the ASCII bytes "PKER" (PreventKit enrolment register).
    static let applicationID: Int32 = 0x504B_4552

    /// The schema version this code writes and reads.
    static let version = 1

    /// The `format` text in `register_meta`.
    static let format = "PreventKit enrolment register"

    static let statements = [
        """
        CREATE TABLE register_meta (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            format TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            study TEXT NOT NULL,
            study_sha256 TEXT NOT NULL,
            arms TEXT NOT NULL,
            key_check TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            event TEXT NOT NULL,
            at TEXT NOT NULL,
            content TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE audit_seal (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            head_seq INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            mac TEXT NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE enrolment (
            seq INTEGER PRIMARY KEY,
            pseudonym TEXT NOT NULL UNIQUE,
            arm TEXT NOT NULL,
            arm_index INTEGER NOT NULL,
            stratum TEXT,
            block INTEGER,
            slot INTEGER,
            cluster TEXT,
            probabilities TEXT NOT NULL,
            fields TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            audit_seq INTEGER NOT NULL REFERENCES audit(seq)
        ) STRICT
        """,
        // Members of one cluster share their cluster's allocation, slot included.
        """
        CREATE UNIQUE INDEX enrolment_block_slot ON enrolment (coalesce(stratum, ''), block, slot)
            WHERE block IS NOT NULL AND slot IS NOT NULL AND cluster IS NULL
        """,
        """
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END
        """,
        """
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END
        """,
        """
        CREATE TRIGGER enrolment_no_update BEFORE UPDATE ON enrolment
            BEGIN SELECT RAISE(ABORT, 'allocations cannot be changed'); END
        """,
        """
        CREATE TRIGGER enrolment_no_delete BEFORE DELETE ON enrolment
            BEGIN SELECT RAISE(ABORT, 'allocations cannot be deleted'); END
        """,
        "PRAGMA application_id = \(applicationID)",
        "PRAGMA user_version = \(version)",
    ]

    /// Creates the schema in an empty database.
    static func create(in db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    /// Checks that an open database is a register of this schema version, reading only pragmas
    /// and `register_meta`, so that a foreign file is left exactly as it was.
    static func check(_ db: Database, path: String) throws {
        let applicationID: Int32
        do {
            applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw RegisterError.notARegister(path, reason: "not an SQLite database")
        }
        guard applicationID == Self.applicationID else {
            throw RegisterError.notARegister(path, reason: "an SQLite database of another application")
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version == Self.version else {
            throw RegisterError.unsupportedSchema(path, found: version, supported: Self.version)
        }
        let format = try String.fetchOne(db, sql: "SELECT format FROM register_meta WHERE id = 1")
        guard format == Self.format else {
            throw RegisterError.notARegister(path, reason: "its register_meta table has no register format row")
        }
    }
}
