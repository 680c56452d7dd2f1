import EnrolmentRegister
import Foundation
import RegisterPostgreSQL
import Testing

/// Verification of a PostgreSQL register edited behind its back, and opening with the wrong secret.
@Suite(.enabled(if: hasServer, noServer)) struct TamperAndSecretTests {
    struct TamperCase: Sendable, CustomStringConvertible {
        var description: String
        var sql: String
        /// The entry the first problem names, and words in its message.
        var sequence: Int64?
        var words: String
    }

    static let cases: [TamperCase] = [
        TamperCase(description: "an allocation moved to another arm",
                   sql: "UPDATE enrolment SET arm = CASE WHEN arm = 'control' THEN 'police' ELSE 'control' END WHERE seq = 3",
                   sequence: 4, words: "not the allocation this entry recorded"),
        TamperCase(description: "an audit entry's content changed",
                   sql: "UPDATE audit SET content = replace(content, '\"age\"', '\"Age\"') WHERE seq = 5",
                   sequence: 5, words: "hash does not match"),
        TamperCase(description: "the last entries removed",
                   sql: "DELETE FROM enrolment WHERE seq = 6; DELETE FROM audit WHERE seq = 7",
                   sequence: 7, words: "were removed"),
        TamperCase(description: "an allocation removed",
                   sql: "DELETE FROM enrolment WHERE seq = 2",
                   sequence: nil, words: "enrolment 2 is missing"),
    ]

    @Test(arguments: cases)
    func tamperingWithARowIsDetected(_ testCase: TamperCase) async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        let registry = try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment)
        for index in 0..<6 {
            _ = try await registry.enrol(identifier: "person-\(index)", fields: eligibleFields(index), actor: "j.smith")
        }
        #expect(try await registry.verifyAudit(study: jigsawStudy).isIntact)
        // The triggers refuse casual edits...
        #expect(throws: ScratchDatabaseError.self) { try database.psql(testCase.sql) }
        // ...but the owner can switch them off, which verification then catches.
        try database.psql("""
            ALTER TABLE enrolment DISABLE TRIGGER USER; ALTER TABLE audit DISABLE TRIGGER USER; \(testCase.sql)
            """)
        let verification = try await registry.verifyAudit(study: jigsawStudy)
        #expect(!verification.isIntact)
        let first = try #require(verification.problems.first)
        #expect(first.sequence == testCase.sequence, "\(verification.problems)")
        #expect(first.message.contains(testCase.words), "\(first)")
        try await registry.close()
    }

    @Test func anotherSecretIsRefusedAndNothingIsWritten() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment
        ).close()
        await #expect {
            try await PostgreSQLEnrolmentRegistry(
                opening: database.url, secret: otherSecret, source: .keyFile("other.key"), study: jigsawStudy)
        } throws: { error in
            guard case .wrongSecret(_, let source) = error as? RegisterError else { return false }
            return source == .keyFile("other.key")
        }
        #expect(try database.psql("SELECT count(*) FROM audit") == "1")
    }

    @Test func aForgedSealIsDetectedAndBlocksFurtherChanges() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        let registry = try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment)
        _ = try await registry.enrol(identifier: "person-1", fields: eligibleFields(1), actor: nil)
        try database.psql("UPDATE audit_seal SET mac = repeat('0', 64)")
        let verification = try await registry.verifyAudit(study: nil)
        #expect(verification.problems.first?.message.contains("seal is not valid") == true)
        await #expect {
            try await registry.enrol(identifier: "person-2", fields: eligibleFields(2), actor: nil)
        } throws: { error in
            if case .auditSealBroken = error as? RegisterError { true } else { false }
        }
        #expect(try database.psql("SELECT count(*) FROM enrolment") == "1")
        try await registry.close()
    }

    @Test func anotherStudyFileIsRefused() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment
        ).close()
        let changed = try StudyFile(yaml: jigsawStudyText + "\n# block sizes under review\n")
        await #expect {
            try await PostgreSQLEnrolmentRegistry(opening: database.url, secret: testSecret, source: .environment, study: changed)
        } throws: { error in
            if case .studyMismatch = error as? RegisterError { true } else { false }
        }
    }
}
