import Foundation
import Testing

/// `prevent outcomes` end to end on the OffenceOutcomes example fixture and on bad input: every
/// error names the file, line and column, and a failed run writes no file.
@Suite struct OutcomesCommandTests {
    static let example = repositoryRoot.appendingPathComponent("Tests/OffenceOutcomesTests/Fixtures/example").path

    func arguments(out: String, offences: String = example + "/offences.csv", extra: [String] = []) -> [String] {
        ["outcomes", "--offences", offences, "--cohort", Self.example + "/cohort.csv",
         "--harm-weights", Self.example + "/harm-weights.csv", "--follow-up", "365", "--out", out] + extra
    }

    @Test func writesTheOutcomesTable() throws {
        let out = try scratchFolder().appendingPathComponent("outcomes.csv").path
        let result = try runPrevent(arguments(out: out))
        #expect(result.status == 0, "\(result.standardError)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        let expected = try String(contentsOfFile: Self.example + "/expected_outcomes.csv", encoding: .utf8)
        #expect(written.split(separator: "\n").first == expected.split(separator: "\n").first)
        #expect(written.contains("\nP01,1,2,366.5,"))
        #expect(written.contains("\nP06,0,0,0,0,0,0,0,1"))
        #expect(result.standardOutput.contains("Excluded as found by proactive policing: 2"))
        #expect(result.standardOutput.contains("Ignored as dated on or before allocation: 2"))
        #expect(result.standardError.isEmpty)

        let again = try runPrevent(arguments(out: out))
        #expect(again.status != 0)
        #expect(again.standardError.contains("the file exists; give --force to replace it"))
    }

    @Test func unknownCodeIsAnErrorAndNoFileIsWritten() throws {
        let folder = try scratchFolder()
        let offences = folder.appendingPathComponent("offences.csv").path
        try "id,offence_date,offence_code,proactive\nP01,2023-02-01,BURG,no\nP02,2023-03-01,THF9,no\n"
            .write(toFile: offences, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("outcomes.csv").path
        let result = try runPrevent(arguments(out: out, offences: offences))
        #expect(result.status != 0)
        #expect(result.standardError.contains("offences.csv:3: column 3 'offence_code': unknown offence code \"THF9\""))
        #expect(!FileManager.default.fileExists(atPath: out))

        let zero = try runPrevent(arguments(out: out, offences: offences, extra: ["--unknown-codes", "zero-weight"]))
        #expect(zero.status == 0, "\(zero.standardError)")
        #expect(zero.standardError.contains("Warning: 1 counted offence has a code that the harm table does not list (THF9); their harm was taken as zero"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func badDateNamesTheCell() throws {
        let folder = try scratchFolder()
        let offences = folder.appendingPathComponent("offences.csv").path
        try "id,offence_date,offence_code,proactive\nP01,1 Feb 2023,BURG,no\n".write(toFile: offences, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("outcomes.csv").path
        let result = try runPrevent(arguments(out: out, offences: offences))
        #expect(result.status != 0)
        #expect(result.standardError.contains("offences.csv:2: column 2 'offence_date': \"1 Feb 2023\" is not a date written yyyy-mm-dd"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func followUpMustBePositive() throws {
        let out = try scratchFolder().appendingPathComponent("outcomes.csv").path
        var args = arguments(out: out)
        args[args.firstIndex(of: "365")!] = "0"
        let result = try runPrevent(args)
        #expect(result.status != 0)
        #expect(result.standardError.contains("--follow-up must be at least 1 day, not 0"))
    }
}
