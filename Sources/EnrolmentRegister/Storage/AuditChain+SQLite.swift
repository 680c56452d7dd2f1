import GRDB

extension AuditChain {
    /// Appends an entry to an SQLite register's trail and moves the seal onto it (see
    /// ``nextEntry(after:seal:event:time:content:keys:location:)``).
    ///
    /// - Precondition: called inside a write transaction.
    /// - Throws: ``RegisterError/auditSealBroken(_:detail:)`` if the seal does not match.
    static func append(
        _ event: AuditEvent, time: String, content: CanonicalJSON,
        keys: DerivedKeys, db: Database, path: String
    ) throws -> AuditReference {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"))
            .map { AuditReference(sequence: $0["seq"], hash: $0["hash"]) }
        let (entry, seal) = try nextEntry(
            after: last, seal: try storedSeal(db), event: event, time: time, content: content, keys: keys, location: path)
        try db.cachedStatement(sql: "INSERT INTO audit (seq, event, at, content, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [entry.sequence, event.rawValue, time, entry.content, entry.previousHash, entry.hash])
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_seal (id, head_seq, head_hash, mac) VALUES (1, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET head_seq = excluded.head_seq, head_hash = excluded.head_hash, mac = excluded.mac
                """)
            .execute(arguments: [seal.sequence, seal.hash, seal.mac])
        return entry.reference
    }

    /// The stored seal, if any.
    static func storedSeal(_ db: Database) throws -> AuditSeal? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT head_seq, head_hash, mac FROM audit_seal WHERE id = 1"))
            .map { AuditSeal(sequence: $0["head_seq"], hash: $0["head_hash"], mac: $0["mac"]) }
    }

    /// Walks an SQLite register's trail in sequence order, recomputing every hash, and stops at
    /// the first break.
    static func walk(_ db: Database) throws -> Walk {
        var walk = Walk()
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, event, at, content, previous_hash, hash FROM audit ORDER BY seq")
        while let row = try rows.next() {
            let stored = StoredAuditRow(
                sequence: row["seq"], event: row["event"], time: row["at"], content: row["content"],
                previousHash: row["previous_hash"], hash: row["hash"])
            guard walk.visit(stored) else { break }
        }
        walk.finish()
        return walk
    }
}
