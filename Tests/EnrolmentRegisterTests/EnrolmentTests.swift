@testable import EnrolmentRegister
import Foundation
import Crypto
import GRDB
import Randomisation
import Testing

@Test func eligiblePeopleAreAllocatedAndRecorded() throws {
    let (register, path, _) = try makeRegister()
    var arms: [String] = []
    for index in 0..<24 {
        let outcome = try register.enrol(identifier: "person-\(index)", fields: eligibleFields(index))
        guard case .allocated(let record) = outcome else {
            Issue.record("person \(index): \(outcome)")
            continue
        }
        #expect(record.sequence == Int64(index + 1))
        #expect(record.pseudonym == register.pseudonym(of: "person-\(index)"))
        #expect(register.metadata.arms.contains(record.arm))
        #expect(record.probabilities == ["control": 0.25, "police": 0.25, "partner": 0.25, "social_media": 0.25])
        #expect(record.stratum == "\(eligibleFields(index)["risk_band"]!)|\(eligibleFields(index)["area"]!)")
        #expect(record.audit.sequence == Int64(index + 2))
        arms.append(record.arm)
    }
    #expect(try register.enrolmentCount() == 24)
    #expect(try register.records().map(\.arm) == arms)
    // Identifiers are stored only as pseudonyms.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
    #expect(bytes.range(of: Data("person-1".utf8)) == nil)
    #expect(bytes.range(of: Data(testSecret.hexadecimal.utf8)) == nil)
    let verification = try register.verifyAudit()
    #expect(verification.isIntact, "\(verification.problems)")
    #expect(verification.entryCount == 25)
    #expect(verification.replayedAllocations == 24)
}

@Test func allocationsFromTheStratumHistoryEqualThoseFromTheWholeHistory() throws {
    // The register passes the design only the new person's stratum's history. Padded labels
    // (" high") are the same stratum as the design reads them.
    let (register, _, _) = try makeRegister()
    for index in 0..<240 {
        var fields = eligibleFields(index * 7 % 11)
        if index % 5 == 0 { fields["risk_band"] = " \(fields["risk_band"]!)" }
        #expect(try register.enrol(identifier: "person-\(index)", fields: fields).record != nil)
    }
    let verification = try register.verifyAudit()
    #expect(verification.isIntact, "\(verification.problems)")
    #expect(verification.replayedAllocations == 240)
    // The design itself, given the whole history each time, allocates everyone the same.
    let design = try AllocationDesign(protocol: try StudyFile(yaml: jigsawStudyText).protocol)
    var history: [(unit: EnrolmentUnit, allocation: Allocation)] = []
    for record in try register.records() {
        let unit = EnrolmentUnit(id: record.pseudonym, fields: record.fields)
        let allocation = try design.nextAllocation(for: unit, after: history, seed: testSecret.derived.allocationSeed)
        #expect(allocation == Allocation(arm: record.arm, armIndex: record.armIndex, stratum: record.stratum,
                                         block: record.block, slot: record.slot, cluster: record.cluster,
                                         probabilities: record.probabilities), "enrolment \(record.sequence)")
        history.append((unit, allocation))
    }
    #expect(history.count == 240)
    // Within each stratum the arms stay within 2 of each other (blocks of 4 or 8, 4 arms).
    for (stratum, records) in Dictionary(grouping: try register.records(), by: \.stratum) {
        let counts = Dictionary(grouping: records, by: \.arm).mapValues(\.count)
        let values = register.metadata.arms.map { counts[$0] ?? 0 }
        #expect(values.max()! - values.min()! <= 2, "\(stratum ?? "none"): \(counts)")
    }
}

@Test func enrollingTheSamePersonAgainReturnsTheExistingAllocation() throws {
    let (register, _, _) = try makeRegister()
    let first = try register.enrol(identifier: "AB123", fields: eligibleFields(0))
    _ = try register.enrol(identifier: "CD456", fields: eligibleFields(1))
    // Different fields the second time change nothing: the person keeps their allocation.
    let again = try register.enrol(identifier: "AB123", fields: eligibleFields(5))
    guard case .allocated(let record) = first, case .alreadyEnrolled(let existing, let attempt) = again else {
        Issue.record("\(first), \(again)")
        return
    }
    #expect(existing == record)
    #expect(attempt.sequence == 4)
    #expect(try register.enrolmentCount() == 2)
    let verification = try register.verifyAudit()
    #expect(verification.isIntact)
    #expect(verification.eventCounts == [.initialise: 1, .enrol: 2, .repeatEnrolment: 1])
}

struct IneligibleCase: Sendable, CustomStringConvertible {
    let description: String
    let fields: [String: String]
    let reasons: [String]
}

@Test(arguments: [
    IneligibleCase(description: "too old", fields: ["age": "30", "risk_band": "low", "area": "north", "consent": "yes"],
                   reasons: ["age between 10 and 25"]),
    IneligibleCase(description: "no consent", fields: ["age": "14", "risk_band": "high", "area": "north", "consent": "no"],
                   reasons: ["consent is yes"]),
    IneligibleCase(description: "consent missing", fields: ["age": "9", "risk_band": "high", "area": "south"],
                   reasons: ["age between 10 and 25", "consent is yes (no value)"]),
])
func ineligiblePeopleAreRecordedButNotAllocated(_ testCase: IneligibleCase) throws {
    let (register, _, _) = try makeRegister()
    let outcome = try register.enrol(identifier: "XY1", fields: testCase.fields)
    #expect(outcome == .ineligible(reasons: testCase.reasons, audit: outcome.audit))
    #expect(outcome.audit.sequence == 2)
    #expect(try register.enrolmentCount() == 0)
    let verification = try register.verifyAudit()
    #expect(verification.isIntact)
    #expect(verification.eventCounts[.ineligible] == 1)
    // An ineligible person may be enrolled later with corrected baseline data.
    #expect(try register.enrol(identifier: "XY1", fields: eligibleFields(0)).record != nil)
}

struct BadFieldsCase: Sendable, CustomStringConvertible {
    let description: String
    let identifier: String
    let fields: [String: String]
    /// The error's message must contain this.
    let message: String
}

private let badFieldsCases: [BadFieldsCase] = [
    BadFieldsCase(description: "unknown field", identifier: "A1",
                  fields: eligibleFields(0).merging(["postcode": "B1 1AA"]) { $1 },
                  message: "unknown field 'postcode'; the study's baseline fields are: age, risk_band, area, consent"),
    BadFieldsCase(description: "unknown stratum value", identifier: "A1",
                  fields: eligibleFields(0).merging(["risk_band": "extreme"]) { $1 },
                  message: "'risk_band': \"extreme\" is not one of the declared levels (low, medium, high)"),
    BadFieldsCase(description: "age not a number", identifier: "A1",
                  fields: eligibleFields(0).merging(["age": "fourteen"]) { $1 },
                  message: "'age': \"fourteen\" is not a number"),
    BadFieldsCase(description: "required field missing", identifier: "A1",
                  fields: eligibleFields(0).filter { $0.key != "area" }, message: "'area' has no value"),
    BadFieldsCase(description: "required field empty", identifier: "A1",
                  fields: eligibleFields(0).merging(["area": ""]) { $1 }, message: "'area' has no value"),
    BadFieldsCase(description: "an already enrolled person with a bad value", identifier: "first",
                  fields: eligibleFields(1).merging(["risk_band": "extreme"]) { $1 },
                  message: "'risk_band': \"extreme\" is not one of the declared levels"),
    BadFieldsCase(description: "empty identifier", identifier: "", fields: eligibleFields(0),
                  message: "the identifier is empty"),
]

@Test(arguments: badFieldsCases)
func badFieldsChangeNothing(_ testCase: BadFieldsCase) throws {
    let (register, path, _) = try makeRegister()
    _ = try register.enrol(identifier: "first", fields: eligibleFields(1))
    let before = snapshot(path)
    #expect {
        try register.enrol(identifier: testCase.identifier, fields: testCase.fields)
    } throws: { error in
        "\(error)".contains(testCase.message)
    }
    #expect(snapshot(path) == before)
    #expect(try register.verifyAudit().entryCount == 2)
}

@Test func fieldAssignmentsAreParsed() throws {
    #expect(try EnrolmentRegister.fields(fromAssignments: ["age=14", "area=north=east", "note="])
        == ["age": "14", "area": "north=east", "note": ""])
    #expect(throws: RegisterError.malformedField("age")) { try EnrolmentRegister.fields(fromAssignments: ["age"]) }
    #expect(throws: RegisterError.malformedField("=14")) { try EnrolmentRegister.fields(fromAssignments: ["=14"]) }
    #expect(throws: RegisterError.duplicateField("age")) {
        try EnrolmentRegister.fields(fromAssignments: ["age=14", "age=15"])
    }
}

@Test func theWrongSecretOrStudyIsRefusedBeforeAnythingIsWritten() throws {
    let (register, path, folder) = try makeRegister()
    _ = try register.enrol(identifier: "first", fields: eligibleFields(1))
    let before = snapshot(path)
    #expect(throws: RegisterError.wrongSecret(path, source: .environment)) {
        try EnrolmentRegister(opening: path, secret: StudySecret.generate(), source: .environment)
    }
    let changed = try StudyFile(yaml: jigsawStudyText.replacingOccurrences(of: "[4, 8]", with: "[4]"))
    #expect(throws: RegisterError.studyMismatch(path, registered: register.metadata.studyFingerprint,
                                                given: changed.fingerprint)) {
        try EnrolmentRegister(opening: path, secret: testSecret, source: .environment, study: changed)
    }
    #expect(throws: RegisterError.alreadyExists(path)) {
        try EnrolmentRegister.create(at: path, study: try StudyFile(yaml: jigsawStudyText), secret: testSecret, source: .environment)
    }
    #expect(snapshot(path) == before)
    _ = folder
}

struct NotARegisterCase: Sendable, CustomStringConvertible {
    let description: String
    let make: @Sendable (String) throws -> Void
    let error: @Sendable (String) -> RegisterError
}

private let notARegisterCases: [NotARegisterCase] = [
    NotARegisterCase(description: "missing file", make: { _ in }, error: { .missing($0) }),
    NotARegisterCase(description: "random bytes", make: { path in
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: path))
    }, error: { .notARegister($0, reason: "not an SQLite database") }),
    NotARegisterCase(description: "a CSV file", make: { path in
        try "id,arm\n1,control\n".write(toFile: path, atomically: true, encoding: .utf8)
    }, error: { .notARegister($0, reason: "not an SQLite database") }),
    NotARegisterCase(description: "another SQLite database", make: { path in
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE cases (id TEXT); INSERT INTO cases VALUES ('x')") }
        try queue.close()
    }, error: { .notARegister($0, reason: "an SQLite database of another application") }),
    NotARegisterCase(description: "a register of a later schema", make: { path in
        _ = try EnrolmentRegister.create(at: path, study: try StudyFile(yaml: jigsawStudyText), secret: testSecret, source: .environment)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 2") }
        try queue.close()
    }, error: { .unsupportedSchema($0, found: 2, supported: 1) }),
]

@Test(arguments: notARegisterCases)
func aFileThatIsNotARegisterIsRefusedAndLeftAsItWas(_ testCase: NotARegisterCase) throws {
    let path = temporaryFolder() + "/register.sqlite"
    try testCase.make(path)
    let before = snapshot(path)
    #expect(throws: testCase.error(path)) { try EnrolmentRegister(opening: path, secret: testSecret, source: .environment) }
    #expect(snapshot(path) == before)
    #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
}

@Test func exportWritesPseudonymsArmsAndProbabilitiesAndIsAudited() throws {
    let (register, _, folder) = try makeRegister()
    for index in 0..<10 { _ = try register.enrol(identifier: "person-\(index)", fields: eligibleFields(index)) }
    _ = try register.enrol(identifier: "old", fields: ["age": "40", "risk_band": "low", "area": "north", "consent": "yes"])
    let out = folder + "/allocations.csv"
    let summary = try register.export(to: out)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0] == "id,arm,stratum,block,p_control,p_police,p_partner,p_social_media,enrolled_at")
    #expect(lines.count == 11)
    #expect(summary.rows == 10)
    let records = try register.records()
    for (line, record) in zip(lines.dropFirst(), records) {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(cells[0] == record.pseudonym)
        #expect(cells[1] == record.arm)
        #expect(cells[3] == record.block.map(String.init) ?? "NA")
        #expect(cells.count == 9)
        #expect(Double(cells[4]) == record.probabilities["control"])
    }
    #expect(!text.contains("person-"))
    let data = try Data(contentsOf: URL(fileURLWithPath: out))
    #expect(summary.sha256 == Hex.string(SHA256.hash(data: data)))
    let verification = try register.verifyAudit()
    #expect(verification.isIntact)
    #expect(verification.eventCounts[.export] == 1)
    // A failed export (no such folder) writes no entry.
    #expect(throws: (any Error).self) { try register.export(to: folder + "/missing/allocations.csv") }
    #expect(try register.verifyAudit().entryCount == verification.entryCount)
}

struct SchemeCase: Sendable, CustomStringConvertible {
    let description: String
    let randomisation: String
    /// The error's message, or `nil` when the register can be created.
    let message: String?
}

@Test(arguments: [
    SchemeCase(description: "rerandomisation", randomisation: "{scheme: rerandomisation, rerandomisation: {covariates: [age], acceptance_probability: 0.1}}",
               message: "cannot enrol one at a time"),
    SchemeCase(description: "complete without a size", randomisation: "{scheme: complete}",
               message: "needs randomisation.size"),
    SchemeCase(description: "complete with a size", randomisation: "{scheme: complete, size: 20}", message: nil),
    SchemeCase(description: "simple", randomisation: "{scheme: simple}", message: nil),
    SchemeCase(description: "minimisation", randomisation: "{scheme: minimisation, minimisation: {factors: [band]}}", message: nil),
])
func aRegisterIsCreatedOnlyForADesignThatEnrolsOneAtATime(_ testCase: SchemeCase) throws {
    let study = try StudyFile(yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation: \(testCase.randomisation)
        baseline:
          - {name: age, type: numeric}
          - {name: band, type: categorical, levels: [low, high]}
        """)
    let folder = temporaryFolder()
    let path = folder + "/register.sqlite"
    if let message = testCase.message {
        #expect {
            try EnrolmentRegister.create(at: path, study: study, secret: testSecret, source: .environment)
        } throws: { "\($0)".contains(message) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    } else {
        let register = try EnrolmentRegister.create(at: path, study: study, secret: testSecret, source: .environment)
        for index in 0..<10 {
            let outcome = try register.enrol(identifier: "p\(index)", fields: ["age": "20", "band": index % 3 == 0 ? "low" : "high"])
            #expect(outcome.record != nil)
        }
        let verification = try register.verifyAudit()
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.replayedAllocations == 10)
    }
}
