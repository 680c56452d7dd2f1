import EnrolmentRegister
import PostgresNIO

/// The register's schema on PostgreSQL: ``RegisterTables`` with `BIGINT` integers, and triggers
/// that refuse updates, deletions and truncation of audit entries and allocations, against
/// accidents (an owner can drop them, which `audit verify` then catches).
///
/// A database is recognised as a register by its `register_meta` row's format and schema
/// version; nothing else in the database is read or changed.
enum PostgreSQLSchema {
    /// The function the immutability triggers call; it raises the message it is given.
    static let refuseFunction = "prevent_register_refuse_change"

    /// Every statement that creates the schema, in order.
    static let statements: [String] = {
        var statements = RegisterTables.tables.map(createTable)
        statements.append(RegisterTables.blockSlotIndex)
        statements.append("""
            CREATE OR REPLACE FUNCTION \(refuseFunction)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$
            """)
        for table in RegisterTables.tables {
            guard let messages = table.immutableAs else { continue }
            statements.append("""
                CREATE TRIGGER \(table.name)_no_update BEFORE UPDATE ON \(table.name)
                    FOR EACH ROW EXECUTE FUNCTION \(refuseFunction)('\(messages.update)')
                """)
            statements.append("""
                CREATE TRIGGER \(table.name)_no_delete BEFORE DELETE ON \(table.name)
                    FOR EACH ROW EXECUTE FUNCTION \(refuseFunction)('\(messages.delete)')
                """)
            statements.append("""
                CREATE TRIGGER \(table.name)_no_truncate BEFORE TRUNCATE ON \(table.name)
                    FOR EACH STATEMENT EXECUTE FUNCTION \(refuseFunction)('\(messages.delete)')
                """)
        }
        return statements
    }()

    /// `CREATE TABLE` for PostgreSQL.
    private static func createTable(_ table: RegisterTables.Table) -> String {
        let columns = table.columns.map { column in
            var text = column.name + (column.type == .integer ? " BIGINT" : " TEXT")
            if column.name == table.primaryKey { text += " PRIMARY KEY" }
            if !column.constraints.isEmpty { text += " " + column.constraints }
            return "    " + text
        }
        return "CREATE TABLE \(table.name) (\n\(columns.joined(separator: ",\n"))\n)"
    }

    /// Whether the database holds a `register_meta` table (in its search path).
    static func hasRegisterTable(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("SELECT to_regclass('register_meta') IS NOT NULL", logger: logger)
        return try await rows.collect().first?.decode(Bool.self) ?? false
    }

    /// Reads and checks the `register_meta` row: the database is a register of this schema version.
    ///
    /// - Throws: ``RegisterError/notARegister(_:reason:)`` or ``RegisterError/unsupportedSchema(_:found:supported:)``.
    static func readMeta(
        _ connection: PostgresConnection, location: String, logger: Logger
    ) async throws -> RegisterVerifier.StoredMeta {
        guard try await hasRegisterTable(connection, logger: logger) else {
            throw RegisterError.notARegister(location, reason: "the database has no register_meta table")
        }
        let rows = try await connection.query(
            "SELECT format, schema_version, study, study_sha256, arms, key_check, created_at FROM register_meta WHERE id = 1",
            logger: logger)
        if let row = try await rows.collect().first {
            let (format, version, study, fingerprint, arms, keyCheck, createdAt)
                = try row.decode((String, Int64, String, String, String, String, String).self)
            guard format == RegisterTables.format else {
                throw RegisterError.notARegister(location, reason: "its register_meta table has no register format row")
            }
            guard version == Int64(RegisterTables.version) else {
                throw RegisterError.unsupportedSchema(location, found: Int(version), supported: RegisterTables.version)
            }
            guard RegisterMetadata.decodingArms(arms) != nil else {
                throw RegisterError.inconsistent(location, detail: "register_meta.arms is not a list of names")
            }
            return RegisterVerifier.StoredMeta(
                study: study, studyFingerprint: fingerprint, arms: arms, keyCheck: keyCheck, createdAt: createdAt)
        }
        throw RegisterError.notARegister(location, reason: "no register_meta row")
    }
}
