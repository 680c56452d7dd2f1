import Foundation
import Testing

/// End-to-end tests: run the built `prevent` binary and check its output and exit status.

private func prevent(_ arguments: String...) throws -> CommandResult {
    try runPrevent(arguments)
}

/// Writes `contents` to a new file in a fresh temporary folder and returns its path.
private func temporaryFile(named name: String, contents: String) throws -> String {
    let file = try scratchFolder().appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

@Test func versionIsPrinted() throws {
    let result = try prevent("--version")
    #expect(result.status == 0)
    #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
}

@Test func helpListsTheSubcommands() throws {
    let result = try prevent("--help")
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("describe"))
    #expect(result.standardOutput.contains("USAGE: prevent"))
}

@Test func describeSummarisesTheBundledStudy() throws {
    let result = try prevent("describe", "Studies/columbus/columbus.csv")
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput.contains("Studies/columbus/columbus.csv: 49 rows, 17 columns"))
    // R: mean(crime) = 35.128823897959187, t.test 95% CI 30.3228 to 39.9348.
    let crime = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("crime ") })
    #expect(crime.contains("35.1288"))
    #expect(crime.contains("30.3228 to 39.9348"))
    let side = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("side ") })
    #expect(side.split(separator: " ", omittingEmptySubsequences: true) == ["side", "categorical", "49", "0", "2"])
    #expect(result.standardError.isEmpty)
}

@Test func describeSelectedColumnsAtAnotherLevel() throws {
    let result = try prevent("describe", "Studies/columbus/columbus.csv", "--column", "crime", "--level", "0.9")
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("90% CI for mean"))
    // R: t.test(crime, conf.level = 0.9)$conf.int = 31.119756796931881, 39.137890998986492.
    #expect(result.standardOutput.contains("31.1198 to 39.1379"))
    #expect(!result.standardOutput.contains("hoval"))
}

/// A kind of bad input and what `prevent` must say about it on standard error.
struct BadInputCase: Sendable, CustomStringConvertible {
    let description: String
    let fileName: String?
    let contents: String
    let extraArguments: [String]
    let expectedStatus: Int32
    let expectedMessages: [String]
}

private let badInputCases: [BadInputCase] = [
    BadInputCase(description: "missing file", fileName: nil, contents: "", extraArguments: [],
                 expectedStatus: 1, expectedMessages: ["no-such-cohort.csv"]),
    BadInputCase(description: "ragged row", fileName: "ragged.csv", contents: "id,age\n1,20\n2,30,extra\n",
                 extraArguments: [], expectedStatus: 1, expectedMessages: ["ragged.csv:3"]),
    BadInputCase(description: "duplicate header", fileName: "duplicate.csv", contents: "id,age,age\n1,2,3\n",
                 extraArguments: [], expectedStatus: 1, expectedMessages: ["duplicate.csv:1", "age"]),
    BadInputCase(description: "unterminated quote", fileName: "quote.csv", contents: "id,name\n1,\"open\n2,x\n",
                 extraArguments: [], expectedStatus: 1, expectedMessages: ["quote.csv:2"]),
    BadInputCase(description: "unknown column", fileName: "cohort.csv", contents: "id,age\n1,20\n",
                 extraArguments: ["--column", "risk_band"], expectedStatus: 1, expectedMessages: ["risk_band"]),
    BadInputCase(description: "level out of range", fileName: "cohort.csv", contents: "id,age\n1,20\n",
                 extraArguments: ["--level", "1.5"], expectedStatus: 64, expectedMessages: ["--level"]),
    BadInputCase(description: "threads below one", fileName: "cohort.csv", contents: "id,age\n1,20\n",
                 extraArguments: ["--threads", "0"], expectedStatus: 64, expectedMessages: ["--threads"]),
]

@Test(arguments: badInputCases)
func badInputIsReportedWithoutATrace(_ badCase: BadInputCase) throws {
    let path = try badCase.fileName.map { try temporaryFile(named: $0, contents: badCase.contents) }
        ?? "/nonexistent/no-such-cohort.csv"
    let before = try? Data(contentsOf: URL(fileURLWithPath: path))
    let result = try runPrevent(["describe", path] + badCase.extraArguments)
    #expect(result.status == badCase.expectedStatus, "stderr: \(result.standardError)")
    for message in badCase.expectedMessages {
        #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
    }
    #expect(!result.standardError.contains("Fatal error"))
    #expect(!result.standardError.contains("Stack dump"))
    #expect(result.standardOutput.isEmpty)
    // A failed command leaves its input as it was.
    #expect((try? Data(contentsOf: URL(fileURLWithPath: path))) == before)
}
