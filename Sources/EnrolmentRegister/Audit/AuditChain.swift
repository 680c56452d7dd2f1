/// The audit trail's rules, apart from any database: how the next entry and its seal are made,
/// and how a stored trail is walked and its seal checked. Every backend stores what these
/// functions compute, so the same history gives the same hashes everywhere.
package enum AuditChain {
    /// The entry to append after the trail's last entry, and the seal to store over it.
    ///
    /// Before appending, the current seal is checked against the last entry: appending after a
    /// trail whose end was removed would reseal the shortened trail and hide the removal.
    ///
    /// - Parameters:
    ///   - last: the trail's last entry, or `nil` for an empty trail.
    ///   - seal: the stored seal, if any.
    ///   - location: the register, for the error message.
    /// - Throws: ``RegisterError/auditSealBroken(_:detail:)`` if the seal does not match.
    /// - Precondition: the first entry is the register's creation.
    package static func nextEntry(
        after last: AuditReference?, seal: AuditSeal?, event: AuditEvent, time: String, content: CanonicalJSON,
        keys: DerivedKeys, location: String
    ) throws -> (entry: AuditEntry, seal: AuditSeal) {
        let previous: AuditReference
        if let last {
            previous = last
            guard let seal else {
                throw RegisterError.auditSealBroken(location, detail: "the seal is missing")
            }
            guard seal.mac == keys.seal(sequence: seal.sequence, hash: seal.hash) else {
                throw RegisterError.auditSealBroken(location, detail: "the seal is not valid for this study secret")
            }
            guard seal.sequence == previous.sequence, seal.hash == previous.hash else {
                throw RegisterError.auditSealBroken(
                    location, detail: "the seal is over entry \(seal.sequence), the trail ends at entry \(previous.sequence)")
            }
        } else {
            precondition(event == .initialise, "the first audit entry is the register's creation")
            previous = AuditReference(sequence: 0, hash: AuditEntry.genesisHash)
        }
        let sequence = previous.sequence + 1
        let contentText = content.text
        let hash = AuditEntry.hash(
            sequence: sequence, event: event.rawValue, time: time, content: contentText, previousHash: previous.hash)
        let entry = AuditEntry(
            sequence: sequence, event: event, time: time, content: contentText, previousHash: previous.hash, hash: hash)
        return (entry, AuditSeal(sequence: sequence, hash: hash, mac: keys.seal(sequence: sequence, hash: hash)))
    }

    /// What a walk of the whole trail found. Feed it the stored rows in sequence order with
    /// ``visit(_:)`` until that returns `false`, then call ``finish()``.
    package struct Walk {
        package var entryCount = 0
        package var eventCounts: [AuditEvent: Int] = [:]
        package var head: AuditReference?
        /// The content of each entry, by sequence number, for the cross-checks.
        package var contents: [Int64: (event: AuditEvent, time: String, content: String)] = [:]
        /// The first break in the chain; the walk stops there.
        package var problem: AuditProblem?
        private var expected: Int64 = 1
        private var previousHash = AuditEntry.genesisHash

        package init() {}

        /// Checks the next stored row, recomputing its hash.
        ///
        /// - Returns: whether to go on; `false` once a break is found (see ``problem``).
        package mutating func visit(_ row: StoredAuditRow) -> Bool {
            let sequence = row.sequence
            func fail(_ at: Int64, _ message: String) -> Bool {
                problem = AuditProblem(sequence: at, message: message)
                return false
            }
            if sequence != expected {
                return sequence > expected
                    ? fail(expected, "missing: the trail goes from entry \(expected - 1) to entry \(sequence)")
                    : fail(sequence, "out of order or duplicated")
            }
            guard let event = AuditEvent(rawValue: row.event) else {
                return fail(sequence, "unknown event '\(row.event)'")
            }
            if sequence == 1, event != .initialise {
                return fail(sequence, "the trail does not begin with the register's creation (init)")
            }
            if sequence > 1, event == .initialise {
                return fail(sequence, "a second init entry")
            }
            guard row.previousHash == previousHash else {
                return fail(sequence, "its previous-entry hash does not match entry \(sequence - 1): an entry was changed, inserted or moved")
            }
            let recomputed = AuditEntry.hash(
                sequence: sequence, event: row.event, time: row.time, content: row.content, previousHash: row.previousHash)
            guard recomputed == row.hash else {
                return fail(sequence, "its hash does not match its content: the entry was changed or moved")
            }
            entryCount += 1
            eventCounts[event, default: 0] += 1
            contents[sequence] = (event, row.time, row.content)
            head = AuditReference(sequence: sequence, hash: row.hash)
            previousHash = row.hash
            expected += 1
            return true
        }

        /// Ends the walk: an empty trail is a problem.
        package mutating func finish() {
            if head == nil, problem == nil {
                problem = AuditProblem(sequence: 1, message: "missing: the audit trail is empty")
            }
        }
    }

    /// Checks the seal against the end of an unbroken trail.
    package static func checkSeal(_ seal: AuditSeal?, head: AuditReference, keys: DerivedKeys) -> AuditProblem? {
        guard let seal else {
            return AuditProblem(sequence: nil, message: "the audit seal is missing")
        }
        guard seal.mac == keys.seal(sequence: seal.sequence, hash: seal.hash) else {
            return AuditProblem(
                sequence: nil, message: "the audit seal is not valid for this study secret: the seal was forged or replaced")
        }
        if seal.sequence > head.sequence {
            return AuditProblem(
                sequence: head.sequence + 1,
                message: "missing: the seal is over entry \(seal.sequence), so entries \(head.sequence + 1) to \(seal.sequence) were removed")
        }
        if seal.sequence < head.sequence {
            return AuditProblem(
                sequence: seal.sequence + 1,
                message: "added without the study secret: the seal is over entry \(seal.sequence), the trail ends at entry \(head.sequence)")
        }
        guard seal.hash == head.hash else {
            return AuditProblem(
                sequence: head.sequence,
                message: "not the entry the seal was made over: the trail was rewritten")
        }
        return nil
    }
}
