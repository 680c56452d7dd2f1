import EnrolmentRegister
import Foundation
import RegisterPostgreSQL
import Testing

/// The same enrolments give the same register on SQLite and on PostgreSQL.
@Suite(.enabled(if: hasServer, noServer)) struct SameHistoryTests {
    @Test func theSameEnrolmentsGiveIdenticalAllocationsPseudonymsAndAuditHashes() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        let created = Date(timeIntervalSince1970: 1_763_740_000)
        let sqlitePath = temporaryFolder() + "/register.sqlite"
        let sqlite = try await EnrolmentRegistries.create(
            .file(sqlitePath), study: jigsawStudy, secret: testSecret, source: .environment, date: created)
        let postgres = try await EnrolmentRegistries.create(
            try RegisterLocation(parsing: database.url.absoluteString), study: jigsawStudy, secret: testSecret,
            source: .environment, date: created)
        #expect(postgres is PostgreSQLEnrolmentRegistry)
        #expect(sqlite.metadata == postgres.metadata)

        var kinds: [String] = []
        for step in enrolmentScript() {
            let onFile = try await sqlite.enrol(identifier: step.identifier, fields: step.fields, actor: step.actor, date: step.date)
            let onDatabase = try await postgres.enrol(identifier: step.identifier, fields: step.fields, actor: step.actor, date: step.date)
            #expect(onFile == onDatabase, "\(step.identifier)")
            #expect(sqlite.pseudonym(of: step.identifier) == postgres.pseudonym(of: step.identifier))
            switch onDatabase {
            case .allocated: kinds.append("allocated")
            case .alreadyEnrolled: kinds.append("repeat")
            case .ineligible: kinds.append("ineligible")
            }
        }
        #expect(kinds.filter { $0 == "allocated" }.count == 30)
        #expect(kinds.suffix(2) == ["ineligible", "repeat"])

        let exportDate = Date(timeIntervalSince1970: 1_763_760_000)
        let fileExport = try await sqlite.exportCSV(actor: "r.jones", date: exportDate)
        let databaseExport = try await postgres.exportCSV(actor: "r.jones", date: exportDate)
        #expect(fileExport == databaseExport)

        let sqliteRecords = try await sqlite.records()
        #expect(sqliteRecords == (try await postgres.records()))
        #expect(sqliteRecords.count == 30)
        #expect(try await postgres.enrolmentCount() == 30)

        let fileVerification = try await sqlite.verifyAudit(study: jigsawStudy)
        let databaseVerification = try await postgres.verifyAudit(study: jigsawStudy)
        #expect(databaseVerification.isIntact, "\(databaseVerification.problems)")
        #expect(databaseVerification.head == fileVerification.head)
        #expect(databaseVerification.entryCount == fileVerification.entryCount)
        #expect(databaseVerification.eventCounts == fileVerification.eventCounts)
        #expect(databaseVerification.replayedAllocations == 30)

        // The audit rows themselves are the same, byte for byte.
        let rows = try database.psql("SELECT seq || ' ' || event || ' ' || hash FROM audit ORDER BY seq")
        #expect(rows.split(separator: "\n").count == fileVerification.entryCount)
        #expect(rows.hasSuffix(fileVerification.head!.hash))
        try await sqlite.close()
        try await postgres.close()
    }

    @Test func serviceActionsAreRecordedWithTheirAccountAndVerified() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        let registry = try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment)
        _ = try await registry.enrol(identifier: "A-1", fields: eligibleFields(0), actor: "j.smith")
        let found = try await registry.lookUp(identifier: "A-1", actor: "j.smith")
        let missing = try await registry.lookUp(identifier: "nobody", actor: "j.smith")
        #expect(found?.sequence == 1)
        #expect(missing == nil)
        for action in AuditEvent.allCases where action.isServiceAction {
            try await registry.recordEvent(action, actor: "admin", detail: ["note": "test"])
        }
        let verification = try await registry.verifyAudit(study: jigsawStudy)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.eventCounts[.lookup] == 2)
        #expect(verification.eventCounts[.accountChange] == 1)
        let contents = try database.psql("SELECT content FROM audit WHERE event = 'lookup' ORDER BY seq")
        #expect(contents.contains(#""actor":"j.smith""#))
        #expect(!contents.contains("A-1") && !contents.contains("nobody"))
        try await registry.close()
        await #expect(throws: RegisterError.self) { try await registry.records() }
    }
}
