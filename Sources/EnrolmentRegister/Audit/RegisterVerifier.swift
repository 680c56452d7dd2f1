import Foundation

/// The checks of `audit verify`, apart from any database: the backend reads the trail, the seal,
/// the `register_meta` row and the allocations; these functions judge them.
package enum RegisterVerifier {
    /// The `register_meta` row as stored.
    package struct StoredMeta: Sendable {
        package var metadata: RegisterMetadata
        package var keyCheck: String

        package init(metadata: RegisterMetadata, keyCheck: String) {
            self.metadata = metadata
            self.keyCheck = keyCheck
        }

        /// Reads the row's columns; arms that are not a list of names read as none, which the
        /// cross-check then reports.
        package init(study: String, studyFingerprint: String, arms: String, keyCheck: String, createdAt: String) {
            self.init(
                metadata: RegisterMetadata(
                    study: study, studyFingerprint: studyFingerprint,
                    arms: RegisterMetadata.decodingArms(arms) ?? [], createdAt: createdAt),
                keyCheck: keyCheck)
        }
    }

    /// Judges a register (see ``EnrolmentRegister/verifyAudit()`` for what an intact result proves).
    ///
    /// - Parameters:
    ///   - walk: the finished walk of the whole trail.
    ///   - seal: the stored seal.
    ///   - meta: the `register_meta` row, if present.
    ///   - enrolmentCount: the rows of the enrolment table.
    ///   - records: reads every allocation in enrolment order; called only for an unbroken chain.
    ///   - keys: the keys derived from the study secret.
    ///   - allocator: the study's design, to replay every allocation; `nil` to skip the replay.
    package static func verify(
        walk: AuditChain.Walk, seal: AuditSeal?, meta: StoredMeta?, enrolmentCount: Int,
        records: () throws -> [EnrolmentRecord], keys: DerivedKeys, allocator: RegisterAllocator?
    ) throws -> AuditVerification {
        var verification = AuditVerification(
            entryCount: walk.entryCount, eventCounts: walk.eventCounts, enrolmentCount: enrolmentCount,
            head: walk.head, replayedAllocations: nil, problems: [])
        if let problem = walk.problem {
            verification.problems.append(problem)
            return verification
        }
        if let head = walk.head, let problem = AuditChain.checkSeal(seal, head: head, keys: keys) {
            verification.problems.append(problem)
        }
        let records = try records()
        verification.problems += crossCheck(meta: meta, walk: walk, records: records)
        if verification.problems.isEmpty, let allocator {
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

    /// The register's tables against the trail.
    private static func crossCheck(meta: StoredMeta?, walk: AuditChain.Walk, records: [EnrolmentRecord]) -> [AuditProblem] {
        guard let meta else { return [AuditProblem(sequence: nil, message: "the register_meta row is missing")] }
        var problems: [AuditProblem] = []
        if walk.contents[1]?.content != RegisterMetadata.initialisationContent(meta.metadata, keyCheck: meta.keyCheck).text {
            problems.append(AuditProblem(
                sequence: 1, message: "the register's study, arms or key check differ from those recorded at creation"))
        }
        let enrolEntries = walk.eventCounts[.enrol, default: 0]
        var previousAuditSequence: Int64 = 0
        var expectedSequence: Int64 = 1
        for record in records {
            let entry = walk.contents[record.audit.sequence]
            if record.sequence != expectedSequence {
                problems.append(AuditProblem(
                    sequence: nil, message: "enrolment \(expectedSequence) is missing from the enrolment table"))
                break
            }
            guard let entry, entry.event == .enrol,
                  entry.content == record.auditContent(actor: AuditActor.actor(inContent: entry.content)).text,
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
