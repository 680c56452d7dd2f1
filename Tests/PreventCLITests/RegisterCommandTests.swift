import Foundation
import Testing

/// End-to-end tests of `prevent register init`, `prevent enrol`, `prevent register export` and
/// `prevent audit verify`: the built binary, run as separate processes, several at once and
/// killed at random points.

private let studyText = """
    study: jigsaw-demo
    arms:
      - {name: control, ratio: 1}
      - {name: police, ratio: 1}
      - {name: partner, ratio: 1}
      - {name: social_media, ratio: 1}
    randomisation:
      scheme: stratified-blocks
      strata: [risk_band, area]
      block_sizes: [4, 8]
    baseline:
      - {name: age, type: numeric, required: true}
      - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
      - {name: area, type: categorical, required: true}
      - {name: consent, type: categorical, levels: ["yes", "no"]}
    eligibility:
      - {field: age, min: 10, max: 25}
      - {field: consent, equals: yes}
    """

/// A study, a register and its key file in a fresh folder.
private struct Workspace {
    let folder: String
    var study: String { folder + "/study.yaml" }
    var register: String { folder + "/register.sqlite" }
    var keyFile: String { folder + "/study.key" }

    init() throws {
        folder = try scratchFolder().path
        try studyText.write(toFile: study, atomically: true, encoding: .utf8)
    }

    /// Creates the register, checking that the command succeeded.
    func initialise() throws {
        let result = try runPrevent(["register", "init", "--study", study, "--db", register, "--key-file", keyFile])
        #expect(result.status == 0, "stderr: \(result.standardError)")
    }

    func enrolArguments(_ id: String, _ fields: [String: String]) -> [String] {
        ["enrol", "--study", study, "--db", register, "--key-file", keyFile, "--id", id]
            + fields.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] }
    }

    func enrol(_ id: String, _ fields: [String: String]) throws -> CommandResult {
        try runPrevent(enrolArguments(id, fields))
    }

    func verify(withStudy: Bool = true) throws -> CommandResult {
        try runPrevent(["audit", "verify", "--db", register, "--key-file", keyFile] + (withStudy ? ["--study", study] : []))
    }

    /// The exported allocations: one dictionary per row, by column name.
    func export() throws -> [[String: String]] {
        let out = folder + "/export-\(UUID().uuidString).csv"
        let result = try runPrevent(["register", "export", "--db", register, "--key-file", keyFile, "--out", out])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    /// The register's files' bytes, to show that a failed command changed nothing.
    func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: register + suffix) { files[suffix] = data }
        }
        return files
    }
}

private func person(_ index: Int) -> [String: String] {
    ["age": String(12 + index % 10), "risk_band": ["low", "medium", "high"][index % 3],
     "area": ["north", "south"][index / 3 % 2], "consent": "yes"]
}

@Test func aPersonIsEnrolledOnceAndTheRegisterExportedAndVerified() throws {
    let workspace = try Workspace()
    let created = try runPrevent(["register", "init", "--study", workspace.study, "--db", workspace.register,
                                  "--key-file", workspace.keyFile])
    #expect(created.status == 0, "stderr: \(created.standardError)")
    #expect(created.standardOutput.contains("Created register \(workspace.register) for study jigsaw-demo"))
    #expect(created.standardOutput.contains("Audit reference: 1-"))
    let mode = (try FileManager.default.attributesOfItem(atPath: workspace.keyFile)[.posixPermissions] as? NSNumber)?.intValue
    #expect(mode == 0o600)
    let secret = try String(contentsOfFile: workspace.keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

    let first = try workspace.enrol("AB-123", person(0))
    #expect(first.status == 0, "stderr: \(first.standardError)")
    let arm = try #require(first.standardOutput.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
    #expect(["control", "police", "partner", "social_media"].contains(arm))
    #expect(first.standardOutput.contains("Allocated: \(arm)\nAudit reference: 2-"))

    let again = try workspace.enrol("AB-123", person(0))
    #expect(again.status == 0)
    #expect(again.standardOutput.contains(": \(arm) (no new allocation)"))

    let ineligible = try workspace.enrol("CD-456", person(1).merging(["age": "31"]) { $1 })
    #expect(ineligible.status == 0)
    #expect(ineligible.standardOutput.contains("Not eligible: age between 10 and 25 (not allocated)"))

    let rows = try workspace.export()
    #expect(rows.count == 1)
    #expect(rows[0]["arm"] == arm)
    #expect(rows[0]["stratum"] == "low|north")
    #expect(rows[0]["p_\(arm)"] == "0.25")
    #expect(rows[0]["id"]?.count == 64)

    let verified = try workspace.verify()
    #expect(verified.status == 0, "stderr: \(verified.standardError)")
    #expect(verified.standardOutput.contains(
        "Audit trail intact: 5 entries (1 init, 1 enrol, 1 ineligible, 1 repeat, 1 export), 1 person allocated, seal valid."))
    #expect(verified.standardOutput.contains("Allocations recomputed from the study secret: 1 of 1 match."))

    // Neither the identifier nor the secret appears in any output or in the register's files.
    for output in [created, first, again, ineligible, verified] {
        #expect(!(output.standardOutput + output.standardError).contains("AB-123"))
        #expect(!(output.standardOutput + output.standardError).contains(secret))
    }
    for data in workspace.snapshot().values {
        #expect(data.range(of: Data("AB-123".utf8)) == nil)
        #expect(data.range(of: Data(secret.utf8)) == nil)
    }
}

@Test func theSecretComesFromTheEnvironmentOrTheDefaultKeyFile() throws {
    let workspace = try Workspace()
    // With PREVENT_STUDY_SECRET set and no --key-file, no key file is written.
    let secret = String(repeating: "5a", count: 32)
    let environment = ["PREVENT_STUDY_SECRET": secret]
    let viaEnvironment = workspace.folder + "/env.sqlite"
    let created = try runPrevent(["register", "init", "--study", workspace.study, "--db", viaEnvironment],
                                 environment: environment)
    #expect(created.status == 0, "stderr: \(created.standardError)")
    #expect(created.standardOutput.contains("Study secret: from PREVENT_STUDY_SECRET; no key file written."))
    #expect(!FileManager.default.fileExists(atPath: viaEnvironment + ".key"))
    let enrolled = try runPrevent(["enrol", "--study", workspace.study, "--db", viaEnvironment, "--id", "E-1"]
                                  + person(0).sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] },
                                  environment: environment)
    #expect(enrolled.status == 0, "stderr: \(enrolled.standardError)")
    // Without the secret, the register cannot be used.
    let without = try runPrevent(["audit", "verify", "--db", viaEnvironment])
    #expect(without.status == 1)
    #expect(without.standardError.contains("env.sqlite.key does not exist"))
    let verified = try runPrevent(["audit", "verify", "--db", viaEnvironment], environment: environment)
    #expect(verified.status == 0, "stderr: \(verified.standardError)")
    #expect(!(created.standardOutput + enrolled.standardOutput + verified.standardOutput).contains(secret))

    // With neither, a new secret goes to REGISTER.key beside the register, for its owner only.
    let created2 = try runPrevent(["register", "init", "--study", workspace.study, "--db", workspace.register])
    #expect(created2.status == 0, "stderr: \(created2.standardError)")
    #expect(created2.standardOutput.contains("written to key file \(workspace.register).key (mode 600)"))
    let mode = (try FileManager.default.attributesOfItem(atPath: workspace.register + ".key")[.posixPermissions] as? NSNumber)?.intValue
    #expect(mode == 0o600)
    let verified2 = try runPrevent(["audit", "verify", "--db", workspace.register])
    #expect(verified2.status == 0, "stderr: \(verified2.standardError)")
}

@Test func verifyNamesTheFirstEntryEditedInTheFile() throws {
    let workspace = try Workspace()
    try workspace.initialise()
    for index in 0..<3 { #expect(try workspace.enrol("T-\(index)", person(index)).status == 0) }
    #expect(try workspace.verify().status == 0)
    // Edit the file's bytes as a hex editor would: the first letter of the arm that each
    // enrolment's audit entry (entries 2 to 4) records. The last process to close the register
    // has checkpointed its WAL, so every entry is in the main file.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.register))
    let marker = Data(#""arm":""#.utf8)
    var edits = 0
    var searchFrom = bytes.startIndex
    while let found = bytes.range(of: marker, in: searchFrom..<bytes.endIndex) {
        bytes[found.upperBound] = UInt8(ascii: "X")
        edits += 1
        searchFrom = found.upperBound
    }
    #expect(edits == 3)
    try bytes.write(to: URL(fileURLWithPath: workspace.register))

    let result = try workspace.verify()
    #expect(result.status == 1)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.contains("audit entry 2: its hash does not match its content"), "\(result.standardError)")
}

/// A failed command: what to set up, the arguments, and what standard error must say.
struct RegisterFailureCase: Sendable, CustomStringConvertible {
    let description: String
    /// Changes to the workspace before the command (given its folder).
    let prepare: @Sendable (String) throws -> Void
    /// The command's arguments; `{STUDY}`, `{DB}`, `{KEY}` and `{FOLDER}` are replaced by the workspace's paths.
    let arguments: [String]
    let expectedStatus: Int32
    let expectedMessages: [String]
}

private let enrolEligible = ["enrol", "--study", "{STUDY}", "--db", "{DB}", "--key-file", "{KEY}", "--id", "P-1",
                             "--field", "age=14", "--field", "risk_band=low", "--field", "area=north", "--field", "consent=yes"]

private let failureCases: [RegisterFailureCase] = [
    RegisterFailureCase(
        description: "unknown field", prepare: { _ in }, arguments: enrolEligible + ["--field", "postcode=B1"],
        expectedStatus: 1, expectedMessages: ["unknown field 'postcode'"]),
    RegisterFailureCase(
        description: "unknown stratum value", prepare: { _ in },
        arguments: Array(enrolEligible.dropLast(6)) + ["--field", "risk_band=extreme", "--field", "area=north", "--field", "consent=yes"],
        expectedStatus: 1, expectedMessages: ["'risk_band': \"extreme\" is not one of the declared levels"]),
    RegisterFailureCase(
        description: "required field missing", prepare: { _ in }, arguments: Array(enrolEligible.dropLast(4)),
        expectedStatus: 1, expectedMessages: ["'area' has no value"]),
    RegisterFailureCase(
        description: "malformed field", prepare: { _ in }, arguments: enrolEligible + ["--field", "age"],
        expectedStatus: 1, expectedMessages: ["'age' is not a field assignment of the form name=value"]),
    RegisterFailureCase(
        description: "wrong key", prepare: { folder in
            try (String(repeating: "0", count: 64) + "\n").write(toFile: folder + "/other.key", atomically: true, encoding: .utf8)
            chmod(folder + "/other.key", 0o600)
        },
        arguments: ["audit", "verify", "--db", "{DB}", "--key-file", "{FOLDER}/other.key"],
        expectedStatus: 1, expectedMessages: ["is not the secret of register"]),
    RegisterFailureCase(
        description: "key file readable by others", prepare: { folder in chmod(folder + "/study.key", 0o644) },
        arguments: enrolEligible, expectedStatus: 1, expectedMessages: ["can be read or written by others (mode 644)"]),
    RegisterFailureCase(
        description: "changed study file", prepare: { folder in
            try studyText.replacingOccurrences(of: "[4, 8]", with: "[4]")
                .write(toFile: folder + "/study.yaml", atomically: true, encoding: .utf8)
        },
        arguments: enrolEligible, expectedStatus: 1, expectedMessages: ["is not the one register", "initialised with"]),
    RegisterFailureCase(
        description: "a random file", prepare: { folder in
            try Data((0..<4096).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: folder + "/random.bin"))
        },
        arguments: ["audit", "verify", "--db", "{FOLDER}/random.bin", "--key-file", "{KEY}"],
        expectedStatus: 1, expectedMessages: ["random.bin is not a PreventKit enrolment register (not an SQLite database)"]),
    RegisterFailureCase(
        description: "the study file as the register", prepare: { _ in },
        arguments: ["register", "export", "--db", "{STUDY}", "--key-file", "{KEY}", "--out", "{FOLDER}/out.csv"],
        expectedStatus: 1, expectedMessages: ["is not a PreventKit enrolment register"]),
    RegisterFailureCase(
        description: "no such register", prepare: { _ in },
        arguments: ["audit", "verify", "--db", "{FOLDER}/none.sqlite", "--key-file", "{KEY}"],
        expectedStatus: 1, expectedMessages: ["none.sqlite: no such register"]),
    RegisterFailureCase(
        description: "init over an existing register", prepare: { _ in },
        arguments: ["register", "init", "--study", "{STUDY}", "--db", "{DB}", "--key-file", "{FOLDER}/new.key"],
        expectedStatus: 1, expectedMessages: ["already exists"]),
    RegisterFailureCase(
        description: "init with an existing key file", prepare: { _ in },
        arguments: ["register", "init", "--study", "{STUDY}", "--db", "{FOLDER}/new.sqlite", "--key-file", "{KEY}"],
        expectedStatus: 1, expectedMessages: ["study.key already exists"]),
    RegisterFailureCase(
        description: "export over the register", prepare: { _ in },
        arguments: ["register", "export", "--db", "{DB}", "--key-file", "{KEY}", "--out", "{FOLDER}/./register.sqlite"],
        expectedStatus: 1, expectedMessages: ["is the register or its key file"]),
    RegisterFailureCase(
        description: "export over the key file", prepare: { _ in },
        arguments: ["register", "export", "--db", "{DB}", "--key-file", "{KEY}", "--out", "{KEY}"],
        expectedStatus: 1, expectedMessages: ["is the register or its key file"]),
    RegisterFailureCase(
        description: "export to a missing folder", prepare: { _ in },
        arguments: ["register", "export", "--db", "{DB}", "--key-file", "{KEY}", "--out", "{FOLDER}/missing/out.csv"],
        expectedStatus: 1, expectedMessages: ["missing/out.csv"]),
]

@Test(arguments: failureCases)
func aFailedRegisterCommandChangesNothing(_ failure: RegisterFailureCase) throws {
    let workspace = try Workspace()
    try workspace.initialise()
    #expect(try workspace.enrol("first", person(0)).status == 0)
    try failure.prepare(workspace.folder)
    let before = workspace.snapshot()
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: workspace.folder))
    let arguments = failure.arguments.map {
        $0.replacingOccurrences(of: "{STUDY}", with: workspace.study).replacingOccurrences(of: "{DB}", with: workspace.register)
            .replacingOccurrences(of: "{KEY}", with: workspace.keyFile).replacingOccurrences(of: "{FOLDER}", with: workspace.folder)
    }
    let result = try runPrevent(arguments)
    #expect(result.status == failure.expectedStatus, "stderr: \(result.standardError)")
    for message in failure.expectedMessages {
        #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
    }
    #expect(result.standardOutput.isEmpty)
    #expect(!result.standardError.contains("Fatal error"))
    #expect(workspace.snapshot() == before)
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: workspace.folder)).subtracting(["register.sqlite-shm"])
        == files.subtracting(["register.sqlite-shm"]))
    chmod(workspace.keyFile, 0o600)
    if failure.description != "changed study file" {
        let verified = try workspace.verify()
        #expect(verified.status == 0, "stderr: \(verified.standardError)")
        #expect(verified.standardOutput.contains("2 entries (1 init, 1 enrol)"))
    }
}

@Test func concurrentEnrolmentsNeverShareASlotOrLoseAnAllocation() throws {
    let workspace = try Workspace()
    try workspace.initialise()
    // 24 processes at once, all in two strata, so that they contend for the same blocks.
    let people = 24
    let processes = try (0..<people).map { index in
        try launchPrevent(workspace.enrolArguments("C-\(index)", ["age": "15", "risk_band": ["low", "high"][index % 2],
                                                                  "area": "north", "consent": "yes"]))
    }
    var arms: [String: Int] = [:]
    for (process, output) in processes {
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "stdout: \(text)")
        if let line = text.split(separator: "\n").first, line.hasPrefix("Allocated: ") {
            arms[String(line.dropFirst("Allocated: ".count)), default: 0] += 1
        }
    }
    #expect(arms.values.reduce(0, +) == people)

    // Every allocation is recorded once, and equals the one a single process enrolling the same
    // people in the recorded order would have made: so no two processes used the same history.
    let verified = try workspace.verify()
    #expect(verified.status == 0, "stderr: \(verified.standardError)")
    #expect(verified.standardOutput.contains("\(people) of \(people) match"))
    let rows = try workspace.export()
    #expect(rows.count == people)
    #expect(Set(rows.compactMap { $0["id"] }).count == people)
    #expect(Dictionary(grouping: rows.compactMap { $0["arm"] }) { $0 }.mapValues(\.count) == arms)
    // Within each stratum of 12, blocks of 4 or 8 keep the arms within 2 of each other.
    for stratum in ["low|north", "high|north"] {
        let counts = Dictionary(grouping: rows.filter { $0["stratum"] == stratum }.compactMap { $0["arm"] }) { $0 }.mapValues(\.count)
        #expect(counts.values.reduce(0, +) == people / 2)
        #expect((counts.values.max() ?? 0) - (counts.values.min() ?? 0) <= 2, "\(stratum): \(counts)")
    }
}

@Test func aKilledEnrolmentLeavesTheRegisterConsistent() throws {
    let workspace = try Workspace()
    try workspace.initialise()
    // How long one enrolment takes, so that the kills land from late in start-up to after the
    // commit, where the transaction is.
    let start = Date()
    #expect(try workspace.enrol("warm-up", person(0)).status == 0)
    let duration = Date().timeIntervalSince(start)

    var completed = 0
    let attempts = 10
    for index in 0..<attempts {
        let (process, _) = try launchPrevent(workspace.enrolArguments("K-\(index)", person(index)))
        Thread.sleep(forTimeInterval: Double.random(in: (duration * 0.3)...(duration * 1.1)))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        if process.terminationReason == .exit, process.terminationStatus == 0 { completed += 1 }

        // After every kill: the trail is intact, every allocation matches its entry, and the
        // register holds the warm-up, every completed enrolment, and at most the killed one more.
        let verified = try workspace.verify(withStudy: false)
        #expect(verified.status == 0, "after kill \(index): \(verified.standardError)")
        let allocated = allocatedCount(in: verified.standardOutput)
        #expect(allocated.map { $0 >= 1 + completed && $0 <= 2 + index } == true, "after kill \(index): \(verified.standardOutput)")
    }
    // Enrolling everyone again: those whose enrolment was committed keep it; the others are
    // allocated now. Either way, each person ends with exactly one allocation.
    var kept = 0
    for index in 0..<attempts {
        let result = try workspace.enrol("K-\(index)", person(index))
        #expect(result.status == 0, "stderr: \(result.standardError)")
        if result.standardOutput.contains("no new allocation") { kept += 1 }
    }
    #expect(kept >= completed)
    let verified = try workspace.verify()
    #expect(verified.status == 0, "stderr: \(verified.standardError)")
    #expect(verified.standardOutput.contains("\(attempts + 1) of \(attempts + 1) match"))
    #expect(try workspace.export().count == attempts + 1)
}

/// The number of people `audit verify` reports as allocated.
private func allocatedCount(in output: String) -> Int? {
    guard let range = output.range(of: #"\d+ (person|people) allocated"#, options: .regularExpression) else { return nil }
    return Int(output[range].prefix { $0.isNumber })
}
