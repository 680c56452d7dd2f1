import Foundation
import GRDB

extension EnrolmentRegister {
    /// Checks the whole register: the audit chain, its seal, and that the register's tables say
    /// what the trail recorded.
    ///
    /// What an intact result proves, to anyone without the study secret who changed the file:
    /// - no audit entry was edited, removed, inserted or moved (every hash is recomputed and each
    ///   entry must name the one before it), and the trail begins with the register's creation;
    /// - the last entries were not removed, nor entries added: the seal, an HMAC keyed by the
    ///   study secret over the last entry's number and hash, must match the trail's end;
    /// - every allocation in the enrolment table is the one its `enrol` entry recorded, one row
    ///   per entry, in the same order, and the study, arms and key check are those recorded at
    ///   creation;
    /// - with the study file attached, every allocation is also recomputed from the secret and
    ///   the enrolment history before it, so none was chosen by hand.
    ///
    /// What it cannot prove: that the file was not replaced by an earlier copy of itself (keep
    /// the head reference printed by each command elsewhere to detect that), nor anything against
    /// someone who holds the secret.
    ///
    /// - Returns: the counts, the trail's head and every problem found, the first bad entry
    ///   first. The chain is walked up to its first break; the other checks run on an unbroken
    ///   chain.
    /// - Throws: ``RegisterError`` if the register cannot be read.
    /// - Complexity: O(entries), plus for the replay one allocation per person, each costing the
    ///   design's price for the history before them (within their stratum, for stratified blocks).
    public func verifyAudit() throws -> AuditVerification {
        try verifyAudit(replayingWith: allocator)
    }

    /// Checks the whole register as ``verifyAudit()`` does, replaying the allocations under the
    /// study file given rather than the one the register was opened with.
    ///
    /// - Parameter study: the study file for the replay, or `nil` to check without replaying.
    /// - Throws: ``RegisterError/studyMismatch(_:registered:given:)`` for a study file other than
    ///   the register's, or ``RegisterError`` if the register cannot be read.
    public func verifyAudit(study: StudyFile?) throws -> AuditVerification {
        guard let study else { return try verifyAudit(replayingWith: nil) }
        guard study.fingerprint == metadata.studyFingerprint else {
            throw RegisterError.studyMismatch(path, registered: metadata.studyFingerprint, given: study.fingerprint)
        }
        return try verifyAudit(replayingWith: try RegisterAllocator(study: study, seed: keys.allocationSeed))
    }

    private func verifyAudit(replayingWith allocator: RegisterAllocator?) throws -> AuditVerification {
        let keys = self.keys, path = self.path
        return try perform { db in
            let meta = try Row.fetchOne(
                db, sql: "SELECT study, study_sha256, arms, key_check, created_at FROM register_meta WHERE id = 1"
            ).map {
                RegisterVerifier.StoredMeta(
                    study: $0["study"], studyFingerprint: $0["study_sha256"], arms: $0["arms"], keyCheck: $0["key_check"],
                    createdAt: $0["created_at"])
            }
            return try RegisterVerifier.verify(
                walk: try AuditChain.walk(db), seal: try AuditChain.storedSeal(db), meta: meta,
                enrolmentCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM enrolment") ?? 0,
                records: { try Self.records(db, after: 0, path: path) }, keys: keys, allocator: allocator)
        }
    }
}
