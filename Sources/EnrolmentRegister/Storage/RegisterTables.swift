/// The register's tables, described once for every database that stores a register.
///
/// ``RegisterSchema`` renders them for SQLite and the `RegisterPostgreSQL` module for
/// PostgreSQL, so both backends hold the same tables, columns, keys and constraints:
///
/// - `register_meta`: one row: the study's name, the SHA-256 of its study file, its arms in order,
///   the key check value (an HMAC of a fixed label, which recognises the secret without
///   revealing it) and the creation time.
/// - `audit`: the hash-chained audit trail (see ``AuditEntry``); it refuses updates and deletions.
/// - `audit_seal`: one row: the last entry's sequence number and hash with an HMAC over them
///   keyed by the study secret, which exposes removal of the last entries.
/// - `enrolment`: one row per person allocated, in enrolment order: pseudonym (unique), arm,
///   stratum, block, slot, cluster, the arms' probabilities and the baseline fields as canonical
///   JSON, the time, and the sequence number of its audit entry; it refuses updates and deletions.
package enum RegisterTables {
    /// A column's storage type.
    package enum ColumnType: Sendable {
        /// A 64-bit integer.
        case integer
        /// UTF-8 text.
        case text
    }

    /// One column.
    package struct Column: Sendable {
        package var name: String
        package var type: ColumnType
        package var constraints: String

        init(_ name: String, _ type: ColumnType, _ constraints: String = "NOT NULL") {
            self.name = name
            self.type = type
            self.constraints = constraints
        }
    }

    /// One table, with the message a refused change gives when its rows are immutable.
    package struct Table: Sendable {
        package var name: String
        package var primaryKey: String
        package var columns: [Column]
        /// What a refused update or deletion says, for tables whose rows never change.
        package var immutableAs: (update: String, delete: String)?
    }

    /// The `format` text in `register_meta`.
    package static let format = "PreventKit enrolment register"

    /// The schema version this code writes and reads.
    package static let version = 1

    /// Every table, in creation order (a table comes after those it references).
    package static let tables: [Table] = [
        Table(name: "register_meta", primaryKey: "id", columns: [
            Column("id", .integer, "CHECK (id = 1)"),
            Column("format", .text), Column("schema_version", .integer), Column("study", .text),
            Column("study_sha256", .text), Column("arms", .text), Column("key_check", .text), Column("created_at", .text),
        ], immutableAs: nil),
        Table(name: "audit", primaryKey: "seq", columns: [
            Column("seq", .integer, ""),
            Column("event", .text), Column("at", .text), Column("content", .text),
            Column("previous_hash", .text), Column("hash", .text),
        ], immutableAs: (update: "audit entries cannot be changed", delete: "audit entries cannot be deleted")),
        Table(name: "audit_seal", primaryKey: "id", columns: [
            Column("id", .integer, "CHECK (id = 1)"),
            Column("head_seq", .integer), Column("head_hash", .text), Column("mac", .text),
        ], immutableAs: nil),
        Table(name: "enrolment", primaryKey: "seq", columns: [
            Column("seq", .integer, ""),
            Column("pseudonym", .text, "NOT NULL UNIQUE"), Column("arm", .text), Column("arm_index", .integer),
            Column("stratum", .text, ""), Column("block", .integer, ""), Column("slot", .integer, ""),
            Column("cluster", .text, ""), Column("probabilities", .text), Column("fields", .text),
            Column("enrolled_at", .text), Column("audit_seq", .integer, "NOT NULL REFERENCES audit(seq)"),
        ], immutableAs: (update: "allocations cannot be changed", delete: "allocations cannot be deleted")),
    ]

    /// A unique index that makes a reused block slot impossible even for a faulty scheme. Members
    /// of one cluster share their cluster's allocation, slot included, so they are left out.
    package static let blockSlotIndex = """
        CREATE UNIQUE INDEX enrolment_block_slot ON enrolment ((coalesce(stratum, '')), block, slot)
            WHERE block IS NOT NULL AND slot IS NOT NULL AND cluster IS NULL
        """

    /// The columns of an allocation as the enrolment queries select them, joined with the audit
    /// entry's hash: the order the register decodes them in (`EnrolmentRecord.init(sequence:pseudonym:arm:armIndex:stratum:block:slot:cluster:probabilitiesText:fieldsText:enrolledAt:auditSequence:auditHash:location:)`).
    package static let recordColumns = """
        e.seq, e.pseudonym, e.arm, e.arm_index, e.stratum, e.block, e.slot, e.cluster,
        e.probabilities, e.fields, e.enrolled_at, e.audit_seq, a.hash
        """
}
