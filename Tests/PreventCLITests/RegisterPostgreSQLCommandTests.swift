import Foundation
import Testing

/// End-to-end tests of the register commands on a PostgreSQL register (`--db postgres://...`),
/// against the server `.ci/run` starts (`PREVENTKIT_POSTGRES_URL`).

private let serverURL = ProcessInfo.processInfo.environment["PREVENTKIT_POSTGRES_URL"].flatMap(URL.init(string:))

private let postgresStudyText = """
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

/// Runs SQL on the test server with `psql`.
@discardableResult
private func psql(_ url: URL, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", url.absoluteString, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "psql failed on: \(sql)")
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A study, a key file and an empty database of its own on the test server.
private struct DatabaseWorkspace {
    let folder: String
    let database: String
    /// The database's URL, password included, as a user would type it.
    let url: URL
    var study: String { folder + "/study.yaml" }
    var keyFile: String { folder + "/study.key" }

    init() throws {
        let server = try #require(serverURL)
        folder = try scratchFolder().path
        try postgresStudyText.write(toFile: folder + "/study.yaml", atomically: true, encoding: .utf8)
        database = "register_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var components = try #require(URLComponents(url: server, resolvingAgainstBaseURL: false))
        components.path = "/" + database
        url = try #require(components.url)
        try psql(server, "CREATE DATABASE \(database)")
    }

    func drop() {
        if let server = serverURL { _ = try? psql(server, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    }

    /// The URL as messages must show it: without the password.
    var shownURL: String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        components.password = nil
        return components.string!
    }

    var password: String? { url.password }
}

@Suite(.enabled(if: serverURL != nil, "PREVENTKIT_POSTGRES_URL is unset: no PostgreSQL server to test against (.ci/run starts one)"))
struct RegisterPostgreSQLCommandTests {
    @Test func theRegisterCommandsWorkOnADatabase() throws {
        let workspace = try DatabaseWorkspace()
        defer { workspace.drop() }
        let db = workspace.url.absoluteString
        let created = try runPrevent(["register", "init", "--study", workspace.study, "--db", db, "--key-file", workspace.keyFile])
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput.contains("Created register \(workspace.shownURL) for study jigsaw-demo"))
        #expect(created.standardOutput.contains("Audit reference: 1-"))

        var arms: [String] = []
        for index in 0..<6 {
            let enrolled = try runPrevent([
                "enrol", "--study", workspace.study, "--db", db, "--key-file", workspace.keyFile, "--id", "P-\(index)",
                "--field", "age=\(14 + index)", "--field", "risk_band=high", "--field", "area=north", "--field", "consent=yes",
            ])
            #expect(enrolled.status == 0, "\(enrolled.standardError)")
            let line = try #require(enrolled.standardOutput.split(separator: "\n").first)
            #expect(line.hasPrefix("Allocated: "))
            arms.append(String(line.dropFirst("Allocated: ".count)))
        }
        // One block of four and the start of the next: each arm twice at most.
        #expect(Dictionary(grouping: arms, by: { $0 }).values.allSatisfy { $0.count <= 2 })

        let out = workspace.folder + "/allocations.csv"
        let exported = try runPrevent(["register", "export", "--db", db, "--key-file", workspace.keyFile, "--out", out])
        #expect(exported.status == 0, "\(exported.standardError)")
        #expect(exported.standardOutput.contains("Exported 6 allocations to \(out)"))
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 7)
        #expect(csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }.map(String.init) == arms)

        let verified = try runPrevent(["audit", "verify", "--db", db, "--key-file", workspace.keyFile, "--study", workspace.study])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("Audit trail intact: 8 entries (1 init, 6 enrol, 1 export)"))
        #expect(verified.standardOutput.contains("6 of 6 match"))
        for result in [created, exported, verified] {
            if let password = workspace.password {
                #expect(!result.standardOutput.contains(password) && !result.standardError.contains(password))
            }
        }
    }

    @Test func aTamperedDatabaseFailsVerification() throws {
        let workspace = try DatabaseWorkspace()
        defer { workspace.drop() }
        let db = workspace.url.absoluteString
        _ = try runPrevent(["register", "init", "--study", workspace.study, "--db", db, "--key-file", workspace.keyFile])
        let enrolled = try runPrevent([
            "enrol", "--study", workspace.study, "--db", db, "--key-file", workspace.keyFile, "--id", "P-1",
            "--field", "age=15", "--field", "risk_band=low", "--field", "area=south", "--field", "consent=yes",
        ])
        #expect(enrolled.status == 0, "\(enrolled.standardError)")
        try psql(workspace.url, "ALTER TABLE audit DISABLE TRIGGER USER; UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 2")
        let verified = try runPrevent(["audit", "verify", "--db", db, "--key-file", workspace.keyFile])
        #expect(verified.status == 1)
        #expect(verified.standardError.contains("\(workspace.shownURL): audit entry 2: its hash does not match its content"))
    }

    @Test func aDatabaseNeedsANamedSecretAndAWrongPasswordIsReportedWithoutIt() throws {
        let workspace = try DatabaseWorkspace()
        defer { workspace.drop() }
        let noKey = try runPrevent(["register", "init", "--study", workspace.study, "--db", workspace.url.absoluteString])
        #expect(noKey.status != 0)
        #expect(noKey.standardError.contains("has no key file beside it; give the key file with --key-file"))
        #expect(try psql(workspace.url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0")

        var components = try #require(URLComponents(url: workspace.url, resolvingAgainstBaseURL: false))
        components.password = "wrong-password-Zk4"
        let wrong = try runPrevent(["register", "init", "--study", workspace.study, "--db", components.string!,
                                    "--key-file", workspace.keyFile])
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("authentication failed"))
        #expect(!wrong.standardError.contains("wrong-password-Zk4"))
        // The key file made for the register is removed again.
        #expect(!FileManager.default.fileExists(atPath: workspace.keyFile))
    }
}
