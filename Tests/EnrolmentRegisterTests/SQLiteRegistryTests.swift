@testable import EnrolmentRegister
import Foundation
import GRDB
import Testing

/// The SQLite register behind the asynchronous ``EnrolmentRegistry`` API, as a service uses it.
@Suite struct SQLiteRegistryTests {
    /// A fresh register of the reference design, opened through the registry.
    private func makeRegistry() throws -> (registry: SQLiteEnrolmentRegistry, path: String) {
        let (register, path, _) = try makeRegister()
        return (SQLiteEnrolmentRegistry(register), path)
    }

    @Test func concurrentTasksNeitherLoseNorDuplicateAnAllocation() async throws {
        let (registry, path) = try makeRegistry()
        let people = 60
        let outcomes = try await withThrowingTaskGroup(of: EnrolmentOutcome.self) { group in
            for index in 0..<people {
                group.addTask {
                    try await registry.enrol(identifier: "person-\(index)", fields: eligibleFields(index), actor: "enroller-\(index % 3)")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let allocated = outcomes.compactMap { outcome -> EnrolmentRecord? in
            if case .allocated(let record) = outcome { record } else { nil }
        }
        #expect(allocated.count == people)
        #expect(Set(allocated.map(\.sequence)) == Set((1...Int64(people)).map { $0 }))
        #expect(Set(allocated.map(\.pseudonym)).count == people)
        let records = try await registry.records()
        #expect(records.sorted { $0.sequence < $1.sequence } == allocated.sorted { $0.sequence < $1.sequence })
        #expect(try await registry.enrolmentCount() == people)
        // A second process (here a second connection) sees the same register, intact.
        let other = try EnrolmentRegister(opening: path, secret: testSecret, source: .environment, study: try StudyFile(yaml: jigsawStudyText))
        let verification = try other.verifyAudit()
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.replayedAllocations == people)
    }

    @Test func theAccountIsRecordedInEveryEntryItMakes() async throws {
        let (registry, path) = try makeRegistry()
        _ = try await registry.enrol(identifier: "A-1", fields: eligibleFields(0), actor: "j.smith")
        _ = try await registry.enrol(identifier: "A-1", fields: eligibleFields(0), actor: "k.patel")
        var young = eligibleFields(1)
        young["age"] = "8"
        _ = try await registry.enrol(identifier: "A-2", fields: young, actor: "k.patel")
        let found = try await registry.lookUp(identifier: " A-1 ", actor: "j.smith")
        let missing = try await registry.lookUp(identifier: "nobody", actor: "j.smith")
        try await registry.recordEvent(.signIn, actor: "j.smith", detail: ["address": "127.0.0.1"])
        try await registry.recordEvent(.failedSignIn, actor: "mallory")
        let export = try await registry.exportCSV(actor: "r.jones")
        #expect(found?.sequence == 1)
        #expect(missing == nil)
        #expect(export.rows == 1)
        #expect(export.csv.hasPrefix("id,arm,stratum,block,p_control,p_police,p_partner,p_social_media,enrolled_at\n"))
        #expect(export.csv.contains(registry.pseudonym(of: "A-1")))
        #expect(!export.csv.contains("A-1"))

        let entries = try await DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT event, content FROM audit ORDER BY seq").map {
                (event: $0["event"] as String, content: $0["content"] as String)
            }
        }
        #expect(entries.map(\.event) == ["init", "enrol", "repeat", "ineligible", "lookup", "lookup", "sign-in", "failed-sign-in", "export"])
        let actors = entries.map { AuditActor.actor(inContent: $0.content) }
        #expect(actors == [nil, "j.smith", "k.patel", "k.patel", "j.smith", "j.smith", "j.smith", "mallory", "r.jones"])
        #expect(entries[4].content == #"{"actor":"j.smith","enrolment":1,"pseudonym":"\#(registry.pseudonym(of: "A-1"))"}"#)
        #expect(entries[5].content.contains(#""enrolment":null"#))
        #expect(entries[6].content == #"{"actor":"j.smith","detail":{"address":"127.0.0.1"}}"#)
        // No entry holds an identifier.
        #expect(!entries.contains { $0.content.contains("A-1") || $0.content.contains("nobody") })

        let verification = try await registry.verifyAudit(study: try StudyFile(yaml: jigsawStudyText))
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.eventCounts[.lookup] == 2)
        #expect(verification.eventCounts[.signIn] == 1)
        #expect(verification.replayedAllocations == 1)
    }

    @Test func anEnrolmentWithAnAccountStillMatchesItsAllocationRow() async throws {
        // The cross-check compares each allocation row with its entry, account included: an
        // entry whose account was changed fails the hash check, not the cross-check.
        let (registry, path) = try makeRegistry()
        _ = try await registry.enrol(identifier: "B-1", fields: eligibleFields(2), actor: "j.smith")
        try await registry.close()
        let register = try EnrolmentRegister(opening: path, secret: testSecret, source: .environment)
        #expect(try register.verifyAudit().isIntact)
    }

    @Test func aClosedRegistryRefusesWork() async throws {
        let (registry, path) = try makeRegistry()
        try await registry.close()
        await #expect(throws: RegisterError.closed(path)) { try await registry.records() }
    }

    @Test func verifyingUnderAnotherStudyFileIsRefused() async throws {
        let (registry, _) = try makeRegistry()
        let other = try StudyFile(yaml: jigsawStudyText + "\n# changed\n")
        await #expect(throws: RegisterError.self) { try await registry.verifyAudit(study: other) }
        #expect(try await registry.verifyAudit(study: nil).replayedAllocations == nil)
    }

    @Test func unknownFieldsAndEmptyIdentifiersWriteNothing() async throws {
        let (registry, _) = try makeRegistry()
        await #expect(throws: RegisterError.emptyIdentifier) {
            try await registry.enrol(identifier: "  ", fields: eligibleFields(0), actor: "j.smith")
        }
        await #expect(throws: RegisterError.emptyIdentifier) { try await registry.lookUp(identifier: "", actor: nil) }
        var fields = eligibleFields(0)
        fields["postcode"] = "CB2"
        await #expect(throws: RegisterError.self) {
            try await registry.enrol(identifier: "C-1", fields: fields, actor: "j.smith")
        }
        #expect(try await registry.verifyAudit(study: nil).entryCount == 1)
    }
}

/// Reading `--db` values.
@Suite struct RegisterLocationTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var isDatabase: Bool
        var shown: String
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "trial.sqlite", isDatabase: false, shown: "trial.sqlite"),
        Case(text: "Studies/postgres.sqlite", isDatabase: false, shown: "Studies/postgres.sqlite"),
        Case(text: "postgres://prevent@127.0.0.1:5432/jigsaw", isDatabase: true, shown: "postgres://prevent@127.0.0.1:5432/jigsaw"),
        Case(text: "postgresql://prevent:s3cret@db.example.org/jigsaw", isDatabase: true, shown: "postgresql://prevent@db.example.org/jigsaw"),
        Case(text: "POSTGRES://prevent:p%40ss@[::1]:5433/jigsaw?sslmode=disable", isDatabase: true,
             shown: "POSTGRES://prevent@[::1]:5433/jigsaw?sslmode=disable"),
    ]

    @Test(arguments: cases)
    func locationsAreReadAndShownWithoutPasswords(_ testCase: Case) throws {
        let location = try RegisterLocation(parsing: testCase.text)
        if case .postgreSQL = location { #expect(testCase.isDatabase) } else { #expect(!testCase.isDatabase) }
        #expect(location.description == testCase.shown)
        #expect(!location.description.contains("s3cret"))
    }

    @Test(arguments: ["postgres://prevent:s3cret@/jigsaw", "postgres://prevent:s3cret@db.example.org", "postgres://prevent:s3cret@db.example.org/"])
    func incompleteURLsAreRefusedWithoutTheirPassword(_ text: String) {
        #expect {
            try RegisterLocation(parsing: text)
        } throws: { error in
            guard case .malformedURL(let shown, _) = error as? RegisterError else { return false }
            return !shown.contains("s3cret") && !"\(error)".contains("s3cret")
        }
    }

    @Test func aDatabaseHasNoDefaultKeyFile() throws {
        let location = try RegisterLocation(parsing: "postgres://prevent:s3cret@127.0.0.1/jigsaw")
        #expect(throws: StudySecretError.noDefaultKeyFile("postgres://prevent@127.0.0.1/jigsaw")) {
            try StudySecret.locate(keyFile: nil, location: location, environment: [:])
        }
        let found = try StudySecret.locate(
            keyFile: nil, location: location, environment: [StudySecret.environmentVariable: testSecret.hexadecimal])
        #expect(found.source == .environment)
    }
}
