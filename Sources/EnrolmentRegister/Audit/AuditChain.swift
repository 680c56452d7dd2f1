import GRDB

/// Appends to and walks the audit trail inside a register's transactions.
enum AuditChain {
    /// Appends an entry and moves the seal onto it.
    ///
    /// Before appending, the current seal is checked against the last entry: appending after a
    /// trail whose end was removed would reseal the shortened trail and hide the removal.
    ///
    /// - Precondition: called inside a write transaction.
    /// - Throws: ``RegisterError/auditSealBroken(_:detail:)`` if the seal does not match.
    static func append(
        _ event: AuditEvent, time: String, content: CanonicalJSON,
        keys: DerivedKeys, db: Database, path: String
    ) throws -> AuditReference {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"))
        let seal = try Row.fetchOne(db.cachedStatement(sql: "SELECT head_seq, head_hash, mac FROM audit_seal WHERE id = 1"))
        let previous: (sequence: Int64, hash: String)
        if let last {
            previous = (last["seq"], last["hash"])
            guard let seal else {
                throw RegisterError.auditSealBroken(path, detail: "the seal is missing")
            }
            let sealSequence: Int64 = seal["head_seq"], sealHash: String = seal["head_hash"], mac: String = seal["mac"]
            guard mac == keys.seal(sequence: sealSequence, hash: sealHash) else {
                throw RegisterError.auditSealBroken(path, detail: "the seal is not valid for this study secret")
            }
            guard sealSequence == previous.sequence, sealHash == previous.hash else {
                throw RegisterError.auditSealBroken(
                    path, detail: "the seal is over entry \(sealSequence), the trail ends at entry \(previous.sequence)")
            }
        } else {
            precondition(event == .initialise, "the first audit entry is the register's creation")
            previous = (0, AuditEntry.genesisHash)
        }
        let sequence = previous.sequence + 1
        let contentText = content.text
        let hash = AuditEntry.hash(
            sequence: sequence, event: event.rawValue, time: time, content: contentText, previousHash: previous.hash)
        try db.cachedStatement(sql: "INSERT INTO audit (seq, event, at, content, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [sequence, event.rawValue, time, contentText, previous.hash, hash])
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_seal (id, head_seq, head_hash, mac) VALUES (1, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET head_seq = excluded.head_seq, head_hash = excluded.head_hash, mac = excluded.mac
                """)
            .execute(arguments: [sequence, hash, keys.seal(sequence: sequence, hash: hash)])
        return AuditReference(sequence: sequence, hash: hash)
    }

    /// What a walk of the whole trail found.
    struct Walk {
        var entryCount = 0
        var eventCounts: [AuditEvent: Int] = [:]
        var head: AuditReference?
        /// The content of each entry, by sequence number, for the cross-checks.
        var contents: [Int64: (event: AuditEvent, time: String, content: String)] = [:]
        /// The first break in the chain; the walk stops there.
        var problem: AuditProblem?
    }

    /// Walks the trail in sequence order, recomputing every hash, and stops at the first break.
    static func walk(_ db: Database) throws -> Walk {
        var walk = Walk()
        var expected: Int64 = 1
        var previousHash = AuditEntry.genesisHash
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, event, at, content, previous_hash, hash FROM audit ORDER BY seq")
        while let row = try rows.next() {
            let sequence: Int64 = row["seq"]
            let eventText: String = row["event"], time: String = row["at"], content: String = row["content"]
            let storedPrevious: String = row["previous_hash"], hash: String = row["hash"]
            func fail(_ at: Int64, _ message: String) -> Walk {
                walk.problem = AuditProblem(sequence: at, message: message)
                return walk
            }
            if sequence != expected {
                return sequence > expected
                    ? fail(expected, "missing: the trail goes from entry \(expected - 1) to entry \(sequence)")
                    : fail(sequence, "out of order or duplicated")
            }
            guard let event = AuditEvent(rawValue: eventText) else {
                return fail(sequence, "unknown event '\(eventText)'")
            }
            if sequence == 1, event != .initialise {
                return fail(sequence, "the trail does not begin with the register's creation (init)")
            }
            if sequence > 1, event == .initialise {
                return fail(sequence, "a second init entry")
            }
            guard storedPrevious == previousHash else {
                return fail(sequence, "its previous-entry hash does not match entry \(sequence - 1): an entry was changed, inserted or moved")
            }
            let recomputed = AuditEntry.hash(
                sequence: sequence, event: eventText, time: time, content: content, previousHash: storedPrevious)
            guard recomputed == hash else {
                return fail(sequence, "its hash does not match its content: the entry was changed or moved")
            }
            walk.entryCount += 1
            walk.eventCounts[event, default: 0] += 1
            walk.contents[sequence] = (event, time, content)
            walk.head = AuditReference(sequence: sequence, hash: hash)
            previousHash = hash
            expected += 1
        }
        if walk.head == nil {
            walk.problem = AuditProblem(sequence: 1, message: "missing: the audit trail is empty")
        }
        return walk
    }

    /// Checks the seal against the end of an unbroken trail.
    static func checkSeal(_ db: Database, head: AuditReference, keys: DerivedKeys) throws -> AuditProblem? {
        guard let seal = try Row.fetchOne(db, sql: "SELECT head_seq, head_hash, mac FROM audit_seal WHERE id = 1") else {
            return AuditProblem(sequence: nil, message: "the audit seal is missing")
        }
        let sequence: Int64 = seal["head_seq"], hash: String = seal["head_hash"], mac: String = seal["mac"]
        guard mac == keys.seal(sequence: sequence, hash: hash) else {
            return AuditProblem(
                sequence: nil, message: "the audit seal is not valid for this study secret: the seal was forged or replaced")
        }
        if sequence > head.sequence {
            return AuditProblem(
                sequence: head.sequence + 1,
                message: "missing: the seal is over entry \(sequence), so entries \(head.sequence + 1) to \(sequence) were removed")
        }
        if sequence < head.sequence {
            return AuditProblem(
                sequence: sequence + 1,
                message: "added without the study secret: the seal is over entry \(sequence), the trail ends at entry \(head.sequence)")
        }
        guard hash == head.hash else {
            return AuditProblem(
                sequence: head.sequence,
                message: "not the entry the seal was made over: the trail was rewritten")
        }
        return nil
    }
}
