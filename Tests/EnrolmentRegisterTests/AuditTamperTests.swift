@testable import EnrolmentRegister
import Foundation
import GRDB
import Testing

/// A change someone with write access to the register file, but without the study secret,
/// might make, and the first audit entry `audit verify` must name.
struct TamperCase: Sendable, CustomStringConvertible {
    let description: String
    /// SQL run with the protective triggers dropped.
    let sql: String
    /// The first bad entry `verify` must name, or `nil` for a problem not in one entry.
    let firstBadEntry: Int64?
    /// Words the first problem must contain.
    let message: String
}

// The trail of the register below: 1 init, 2...9 enrol (people 0...7), 10 ineligible, 11 repeat.
private let tamperCases: [TamperCase] = [
    TamperCase(description: "an entry's content edited",
               sql: "UPDATE audit SET content = replace(content, '\"arm_index\":', '\"arm_index\":1') WHERE seq = 5",
               firstBadEntry: 5, message: "hash does not match"),
    TamperCase(description: "an entry's content edited and its hash recomputed",
               sql: "UPDATE audit SET content = content || ' ', hash = '\(String(repeating: "a", count: 64))' WHERE seq = 5",
               firstBadEntry: 5, message: "hash does not match"),
    TamperCase(description: "an entry deleted from the middle", sql: "DELETE FROM audit WHERE seq = 6",
               firstBadEntry: 6, message: "missing"),
    TamperCase(description: "the last entries deleted", sql: "DELETE FROM audit WHERE seq >= 10",
               firstBadEntry: 10, message: "removed"),
    TamperCase(description: "the last entry deleted and the seal moved back",
               sql: "DELETE FROM audit WHERE seq = 11; UPDATE audit_seal SET head_seq = 10, head_hash = (SELECT hash FROM audit WHERE seq = 10)",
               firstBadEntry: nil, message: "seal is not valid"),
    TamperCase(description: "two entries swapped",
               sql: """
                   UPDATE audit SET seq = -7 WHERE seq = 7; UPDATE audit SET seq = 7 WHERE seq = 8;
                   UPDATE audit SET seq = 8 WHERE seq = -7
                   """,
               firstBadEntry: 7, message: "hash"),
    TamperCase(description: "an entry inserted",
               sql: """
                   UPDATE audit SET seq = seq + 100 WHERE seq > 3; UPDATE audit SET seq = seq - 99 WHERE seq > 100;
                   INSERT INTO audit VALUES (4, 'enrol', '2026-01-01T00:00:00.000Z', '{}',
                       (SELECT hash FROM audit WHERE seq = 3), 'bb')
                   """,
               firstBadEntry: 4, message: "hash does not match"),
    TamperCase(description: "an allocation changed in the enrolment table",
               sql: "UPDATE enrolment SET arm = CASE arm WHEN 'control' THEN 'police' ELSE 'control' END WHERE seq = 3",
               firstBadEntry: 4, message: "not the allocation"),
    TamperCase(description: "an allocation deleted from the enrolment table",
               sql: "DELETE FROM enrolment WHERE seq = 8",
               firstBadEntry: nil, message: "trail records 8 allocations but the enrolment table holds 7"),
    TamperCase(description: "the study fingerprint replaced",
               sql: "UPDATE register_meta SET study_sha256 = '\(String(repeating: "0", count: 64))'",
               firstBadEntry: 1, message: "recorded at creation"),
    TamperCase(description: "the seal removed", sql: "DELETE FROM audit_seal", firstBadEntry: nil, message: "seal is missing"),
]

private func tamperedRegister(_ sql: String) throws -> (EnrolmentRegister, String) {
    let (register, path, _) = try makeRegister()
    for index in 0..<8 { _ = try register.enrol(identifier: "person-\(index)", fields: eligibleFields(index)) }
    _ = try register.enrol(identifier: "old", fields: ["age": "40", "risk_band": "low", "area": "north", "consent": "yes"])
    _ = try register.enrol(identifier: "person-0", fields: eligibleFields(0))
    #expect(try register.verifyAudit().isIntact)
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.writeWithoutTransaction { db in
        try db.execute(sql: """
            DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
            DROP TRIGGER enrolment_no_update; DROP TRIGGER enrolment_no_delete;
            """)
        try db.execute(sql: sql)
    }
    try queue.close()
    return (register, path)
}

@Test(arguments: tamperCases)
func auditVerifyNamesTheFirstBadEntry(_ testCase: TamperCase) throws {
    let (_, path) = try tamperedRegister(testCase.sql)
    let reopened = try EnrolmentRegister(opening: path, secret: testSecret, source: .environment)
    let verification = try reopened.verifyAudit()
    let first = try #require(verification.problems.first)
    #expect(first.sequence == testCase.firstBadEntry, "\(verification.problems)")
    #expect(first.message.contains(testCase.message), "\(verification.problems)")
    #expect(!verification.isIntact)
}

@Test func theProtectiveTriggersRefuseCasualEdits() throws {
    let (_, path, _) = try makeRegister()
    let queue = try DatabaseQueue(path: path)
    #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit") } }
    #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE audit SET event = 'x'") } }
    try queue.close()
}

@Test func nothingIsAppendedAfterTheEndOfTheTrailWasRemoved() throws {
    let (_, path) = try tamperedRegister("DELETE FROM audit WHERE seq >= 10")
    let reopened = try EnrolmentRegister(
        opening: path, secret: testSecret, source: .environment, study: try StudyFile(yaml: jigsawStudyText))
    let before = snapshot(path)
    #expect {
        try reopened.enrol(identifier: "new", fields: eligibleFields(3))
    } throws: { error in
        guard case RegisterError.auditSealBroken = error else { return false }
        return true
    }
    #expect(snapshot(path) == before)
}

@Test func aForgedAllocationFailsTheReplay() throws {
    // Someone rewrites an allocation consistently in the table and the trail, and reseals, but
    // holds the secret only through the library: the replay still finds that the design would
    // not have made it.
    let (register, path, _) = try makeRegister()
    for index in 0..<6 { _ = try register.enrol(identifier: "person-\(index)", fields: eligibleFields(index)) }
    let records = try register.records()
    let victim = records[4]
    let other = register.metadata.arms.first { $0 != victim.arm }!
    var forged = victim
    forged.arm = other
    forged.armIndex = register.metadata.arms.firstIndex(of: other)!
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
        try db.execute(sql: "DROP TRIGGER audit_no_update; DROP TRIGGER enrolment_no_update")
        try db.execute(sql: "UPDATE enrolment SET arm = ?, arm_index = ? WHERE seq = ?",
                       arguments: [forged.arm, forged.armIndex, forged.sequence])
        // Rebuild the chain from the forged entry on, and reseal it with the secret.
        let rows = try Row.fetchAll(db, sql: "SELECT seq, event, at, content FROM audit WHERE seq >= ? ORDER BY seq",
                                    arguments: [victim.audit.sequence])
        var previous = try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [victim.audit.sequence - 1])!
        for row in rows {
            let sequence: Int64 = row["seq"]
            let content: String = sequence == victim.audit.sequence ? forged.auditContent().text : row["content"]
            let hash = AuditEntry.hash(sequence: sequence, event: row["event"], time: row["at"], content: content, previousHash: previous)
            try db.execute(sql: "UPDATE audit SET content = ?, previous_hash = ?, hash = ? WHERE seq = ?",
                           arguments: [content, previous, hash, sequence])
            previous = hash
        }
        let head = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit")!
        try db.execute(sql: "UPDATE audit_seal SET head_hash = ?, mac = ?",
                       arguments: [previous, testSecret.derived.seal(sequence: head, hash: previous)])
    }
    try queue.close()
    let withoutStudy = try EnrolmentRegister(opening: path, secret: testSecret, source: .environment)
    #expect(try withoutStudy.verifyAudit().isIntact)
    let withStudy = try EnrolmentRegister(
        opening: path, secret: testSecret, source: .environment, study: try StudyFile(yaml: jigsawStudyText))
    let verification = try withStudy.verifyAudit()
    #expect(verification.problems.first?.sequence == victim.audit.sequence)
    #expect(verification.replayedAllocations == 4)
}
