import EnrolmentRegister
import PostgresNIO

/// The queries both reads and changes use, on one connection inside a transaction.
struct PostgreSQLRegisterQueries {
    let connection: PostgresConnection
    let location: String
    let logger: Logger

    /// Allocations after enrolment `sequence`, in enrolment order, at most `limit` (all if `nil`).
    func records(after sequence: Int64, limit: Int64? = nil) async throws -> [EnrolmentRecord] {
        let rows = try await connection.query("""
            SELECT \(unescaped: RegisterTables.recordColumns)
            FROM enrolment e LEFT JOIN audit a ON a.seq = e.audit_seq
            WHERE e.seq > \(sequence) ORDER BY e.seq LIMIT \(limit)
            """, logger: logger)
        var records: [EnrolmentRecord] = []
        for try await (seq, pseudonym, arm, armIndex, stratum, block, slot, cluster, probabilities, fields, enrolledAt,
                       auditSequence, hash)
            in rows.decode((Int64, String, String, Int, String?, Int?, Int?, String?, String, String, String,
                            Int64, String?).self) {
            records.append(try EnrolmentRecord(
                sequence: seq, pseudonym: pseudonym, arm: arm, armIndex: armIndex, stratum: stratum, block: block,
                slot: slot, cluster: cluster, probabilitiesText: probabilities, fieldsText: fields,
                enrolledAt: enrolledAt, auditSequence: auditSequence, auditHash: hash, location: location))
        }
        return records
    }

    /// The allocation of a pseudonym, if enrolled.
    func record(pseudonym: String) async throws -> EnrolmentRecord? {
        let rows = try await connection.query(
            "SELECT seq FROM enrolment WHERE pseudonym = \(pseudonym)", logger: logger)
        guard let sequence = try await rows.collect().first?.decode(Int64.self) else { return nil }
        return try await records(after: sequence - 1, limit: 1).first
    }

    /// The number of people allocated.
    func enrolmentCount() async throws -> Int {
        let rows = try await connection.query("SELECT count(*) FROM enrolment", logger: logger)
        return Int(try await rows.collect().first?.decode(Int64.self) ?? 0)
    }

    /// The stored seal, if any.
    func seal() async throws -> AuditSeal? {
        let rows = try await connection.query("SELECT head_seq, head_hash, mac FROM audit_seal WHERE id = 1", logger: logger)
        guard let seal = try await rows.collect().first?.decode((Int64, String, String).self) else { return nil }
        return AuditSeal(sequence: seal.0, hash: seal.1, mac: seal.2)
    }

    /// Appends an audit entry and moves the seal onto it (see
    /// `AuditChain.nextEntry(after:seal:event:time:content:keys:location:)`).
    ///
    /// - Precondition: inside a change holding the register's lock.
    func append(_ event: AuditEvent, time: String, content: CanonicalJSON, keys: DerivedKeys) async throws -> AuditReference {
        // The trail's end and the seal in one round trip; either may be missing.
        let rows = try await connection.query("""
            SELECT a.seq, a.hash, s.head_seq, s.head_hash, s.mac
            FROM (SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1) a
            FULL JOIN (SELECT head_seq, head_hash, mac FROM audit_seal WHERE id = 1) s ON true
            """, logger: logger)
        var last: AuditReference?, storedSeal: AuditSeal?
        if let row = try await rows.collect().first {
            let (sequence, hash, sealSequence, sealHash, mac)
                = try row.decode((Int64?, String?, Int64?, String?, String?).self)
            if let sequence, let hash { last = AuditReference(sequence: sequence, hash: hash) }
            if let sealSequence, let sealHash, let mac { storedSeal = AuditSeal(sequence: sealSequence, hash: sealHash, mac: mac) }
        }
        let (entry, seal) = try AuditChain.nextEntry(
            after: last, seal: storedSeal, event: event, time: time, content: content, keys: keys, location: location)
        try await insert(entry: entry, seal: seal)
        return entry.reference
    }

    /// Stores an entry and its seal.
    func insert(entry: AuditEntry, seal: AuditSeal) async throws {
        try await connection.query("""
            INSERT INTO audit (seq, event, at, content, previous_hash, hash)
            VALUES (\(entry.sequence), \(entry.event.rawValue), \(entry.time), \(entry.content), \(entry.previousHash), \(entry.hash))
            """, logger: logger)
        try await connection.query("""
            INSERT INTO audit_seal (id, head_seq, head_hash, mac) VALUES (1, \(seal.sequence), \(seal.hash), \(seal.mac))
            ON CONFLICT (id) DO UPDATE SET head_seq = EXCLUDED.head_seq, head_hash = EXCLUDED.head_hash, mac = EXCLUDED.mac
            """, logger: logger)
    }

    /// Stores an allocation.
    func insert(_ record: EnrolmentRecord) async throws {
        try await connection.query("""
            INSERT INTO enrolment (seq, pseudonym, arm, arm_index, stratum, block, slot, cluster,
                                   probabilities, fields, enrolled_at, audit_seq)
            VALUES (\(record.sequence), \(record.pseudonym), \(record.arm), \(record.armIndex), \(record.stratum),
                    \(record.block), \(record.slot), \(record.cluster), \(record.probabilitiesText), \(record.fieldsText),
                    \(record.enrolledAt), \(record.audit.sequence))
            """, logger: logger)
    }

    /// Every audit row, walked in sequence order.
    func walk() async throws -> AuditChain.Walk {
        var walk = AuditChain.Walk()
        let rows = try await connection.query(
            "SELECT seq, event, at, content, previous_hash, hash FROM audit ORDER BY seq", logger: logger)
        for try await (sequence, event, time, content, previousHash, hash)
            in rows.decode((Int64, String, String, String, String, String).self) {
            let row = StoredAuditRow(
                sequence: sequence, event: event, time: time, content: content, previousHash: previousHash, hash: hash)
            // The rest of the stream is read, not abandoned, so the connection stays usable.
            if walk.problem == nil { _ = walk.visit(row) }
        }
        walk.finish()
        return walk
    }
}
