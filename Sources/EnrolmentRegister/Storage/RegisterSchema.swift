import GRDB

/// The register's schema on SQLite: ``RegisterTables`` as `STRICT` tables, with triggers that
/// refuse updates and deletions of audit entries and allocations, against accidents (a
/// determined editor can drop them, which `audit verify` then catches).
///
/// The file is marked as a register by `PRAGMA application_id` (``applicationID``) and carries
/// its schema version in `PRAGMA user_version`, so that another SQLite file is recognised before
/// anything in it is read or changed.
enum RegisterSchema {
    /// `PRAGMA application_id` of a register: the ASCII bytes "PKER" (PreventKit enrolment register).
    static let applicationID: Int32 = 0x504B_4552

    /// The schema version this code writes and reads.
    static let version = RegisterTables.version

    /// The `format` text in `register_meta`.
    static let format = RegisterTables.format

    static let statements: [String] = {
        var statements = RegisterTables.tables.map(createTable)
        statements.append(RegisterTables.blockSlotIndex)
        for table in RegisterTables.tables {
            guard let messages = table.immutableAs else { continue }
            statements.append("""
                CREATE TRIGGER \(table.name)_no_update BEFORE UPDATE ON \(table.name)
                    BEGIN SELECT RAISE(ABORT, '\(messages.update)'); END
                """)
            statements.append("""
                CREATE TRIGGER \(table.name)_no_delete BEFORE DELETE ON \(table.name)
                    BEGIN SELECT RAISE(ABORT, '\(messages.delete)'); END
                """)
        }
        statements.append("PRAGMA application_id = \(applicationID)")
        statements.append("PRAGMA user_version = \(version)")
        return statements
    }()

    /// `CREATE TABLE` for SQLite.
    private static func createTable(_ table: RegisterTables.Table) -> String {
        let columns = table.columns.map { column in
            var text = column.name + (column.type == .integer ? " INTEGER" : " TEXT")
            if column.name == table.primaryKey { text += " PRIMARY KEY" }
            if !column.constraints.isEmpty { text += " " + column.constraints }
            return "    " + text
        }
        return "CREATE TABLE \(table.name) (\n\(columns.joined(separator: ",\n"))\n) STRICT"
    }

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
