import EnrolmentRegister
import Foundation
import Testing

/// The test server's connection URL, from `PREVENTKIT_POSTGRES_URL` (set by `.ci/run`).
let serverURL = ProcessInfo.processInfo.environment["PREVENTKIT_POSTGRES_URL"].flatMap(URL.init(string:))

/// Whether a PostgreSQL server is available to test against.
let hasServer = serverURL != nil

/// Why the server tests are skipped when there is none.
let noServer: Comment = "PREVENTKIT_POSTGRES_URL is unset: no PostgreSQL server to test against (.ci/run starts one)"

/// The reference design: four arms, stratified permuted blocks of 4 or 8, baseline fields with
/// eligibility rules (as in the SQLite register's tests).
let jigsawStudyText = """
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
      seed: 20151203
    baseline:
      - {name: age, type: numeric, required: true}
      - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
      - {name: area, type: categorical, required: true}
      - {name: consent, type: categorical, levels: ["yes", "no"]}
    eligibility:
      - {field: age, min: 10, max: 25}
      - {field: consent, equals: yes}
    """

/// A fixed secret, so that failures reproduce.
let testSecret = try! StudySecret(
    hexadecimal: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", source: .environment)

/// Another secret, for the wrong-secret tests.
let otherSecret = try! StudySecret(
    hexadecimal: "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", source: .environment)

/// The reference study.
let jigsawStudy = try! StudyFile(yaml: jigsawStudyText)

/// Eligible baseline fields for person `index`, spread over a few strata.
func eligibleFields(_ index: Int) -> [String: String] {
    ["age": String(12 + index % 10), "risk_band": ["low", "medium", "high"][index % 3],
     "area": ["north", "south"][index / 3 % 2], "consent": "yes"]
}

/// A new, empty folder under the system's temporary folder.
func temporaryFolder() -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("register-pg-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// A database of its own on the test server for one test, dropped by ``drop()``.
struct ScratchDatabase {
    let name: String
    let url: URL

    /// Creates an empty database.
    init() throws {
        let server = try #require(serverURL)
        name = "register_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var components = try #require(URLComponents(url: server, resolvingAgainstBaseURL: false))
        components.path = "/" + name
        url = try #require(components.url)
        _ = try Self.psql(server, "CREATE DATABASE \(name)")
    }

    /// Drops the database, closing any connection still open to it.
    func drop() {
        guard let server = serverURL else { return }
        _ = try? Self.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs SQL in this database with `psql`, as someone editing the database by hand would.
    @discardableResult
    func psql(_ sql: String) throws -> String {
        try Self.psql(url, sql)
    }

    /// Runs SQL with `psql` and returns its unaligned output.
    static func psql(_ url: URL, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url.absoluteString, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScratchDatabaseError(message: "psql failed: \(problem)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct ScratchDatabaseError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The enrolment sequence the cross-backend tests replay: eligible people over several strata,
/// one ineligible person and one repeat, each with an account and a fixed time.
func enrolmentScript() -> [(identifier: String, fields: [String: String], actor: String?, date: Date)] {
    var script: [(identifier: String, fields: [String: String], actor: String?, date: Date)] = []
    for index in 0..<30 {
        script.append(("person-\(index)", eligibleFields(index), index % 4 == 0 ? nil : "enroller-\(index % 3)",
                       Date(timeIntervalSince1970: 1_763_740_800 + Double(index) * 61.5)))
    }
    var young = eligibleFields(4)
    young["age"] = "8"
    script.append(("person-young", young, "enroller-1", Date(timeIntervalSince1970: 1_763_750_000)))
    script.append(("person-3", eligibleFields(3), "enroller-2", Date(timeIntervalSince1970: 1_763_750_100)))
    return script
}
