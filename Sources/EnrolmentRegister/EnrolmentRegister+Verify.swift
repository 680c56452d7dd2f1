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
        try perform { db in
            let walk = try AuditChain.walk(db)
            var verification = AuditVerification(
                entryCount: walk.entryCount, eventCounts: walk.eventCounts,
                enrolmentCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM enrolment") ?? 0,
                head: walk.head, replayedAllocations: nil, problems: [])
            if let problem = walk.problem {
                verification.problems.append(problem)
                return verification
            }
            if let head = walk.head, let problem = try AuditChain.checkSeal(db, head: head, keys: keys) {
                verification.problems.append(problem)
            }
            verification.problems += try crossCheck(db, walk: walk)
            if verification.problems.isEmpty, let allocator {
                let records = try Self.records(db, after: 0)
                let replay = try allocator.replay(records)
                if let mismatch = replay.firstMismatch {
                    verification.problems.append(AuditProblem(
                        sequence: mismatch.audit.sequence,
                        message: "enrolment \(mismatch.sequence) was allocated to \(mismatch.arm), "
                            + "but the study's design gives \(replay.expectedArm ?? "another allocation") for that history"))
                }
                verification.replayedAllocations = replay.matched
            }
            return verification
        }
    }

    /// The register's tables against the trail.
    private func crossCheck(_ db: Database, walk: AuditChain.Walk) throws -> [AuditProblem] {
        var problems: [AuditProblem] = []
        guard let meta = try Row.fetchOne(
            db, sql: "SELECT study, study_sha256, arms, key_check, created_at FROM register_meta WHERE id = 1")
        else { return [AuditProblem(sequence: nil, message: "the register_meta row is missing")] }
        let armsText: String = meta["arms"]
        let arms = (try? JSONDecoder().decode([String].self, from: Data(armsText.utf8))) ?? []
        let recorded = RegisterMetadata(
            study: meta["study"], studyFingerprint: meta["study_sha256"], arms: arms, createdAt: meta["created_at"])
        if walk.contents[1]?.content != Self.initialisationContent(recorded, keyCheck: meta["key_check"]).text {
            problems.append(AuditProblem(
                sequence: 1, message: "the register's study, arms or key check differ from those recorded at creation"))
        }
        let enrolEntries = walk.eventCounts[.enrol, default: 0]
        var previousAuditSequence: Int64 = 0
        var expectedSequence: Int64 = 1
        for record in try Self.records(db, after: 0) {
            let entry = walk.contents[record.audit.sequence]
            if record.sequence != expectedSequence {
                problems.append(AuditProblem(
                    sequence: nil, message: "enrolment \(expectedSequence) is missing from the enrolment table"))
                break
            }
            guard let entry, entry.event == .enrol, entry.content == record.auditContent.text,
                  entry.time == record.enrolledAt, record.audit.sequence > previousAuditSequence
            else {
                problems.append(AuditProblem(
                    sequence: record.audit.sequence,
                    message: "enrolment \(record.sequence) in the enrolment table is not the allocation this entry recorded"))
                break
            }
            previousAuditSequence = record.audit.sequence
            expectedSequence += 1
        }
        let rows = Int(expectedSequence - 1)
        if problems.isEmpty, rows != enrolEntries {
            problems.append(AuditProblem(
                sequence: nil,
                message: "the trail records \(enrolEntries) allocations but the enrolment table holds \(rows)"))
        }
        return problems
    }
}
