import Foundation
import Testing

/// `prevent simulate` end to end: the folder it writes passes every reader (`describe`, `score`,
/// `allocate`, `outcomes`, `analyse`), `allocate` reproduces its allocation, and bad input is
/// refused with a clear message, a non-zero exit status and nothing written.
@Suite struct SimulateCommandTests {
    static let bundled = repositoryRoot.appendingPathComponent("Studies/jigsaw-trial").path

    /// A small study written once for the tests that read one.
    static let small: Result<String, any Error> = Result {
        let folder = try scratchFolder().appendingPathComponent("small-trial").path
        let result = try runPrevent(["simulate", "--out", folder, "--seed", "5", "--people", "600", "--cohort", "160"])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.standardError]) }
        return folder
    }

    @Test func writesTheWholeFolderAndSaysWhereTheTruthIs() throws {
        let folder = try scratchFolder().appendingPathComponent("trial").path
        let result = try runPrevent(["simulate", "--out", folder, "--seed", "9", "--people", "300", "--cohort", "80"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Simulated study written to \(folder) (seed 9)"))
        #expect(result.standardOutput.contains("Population: 300 nominals"))
        #expect(result.standardOutput.contains("Cohort: 80 identified"))
        #expect(result.standardOutput.contains("True effects against control: \(folder)/truth.json"))
        #expect(!result.standardOutput.contains("JT0"), "no identifiers on standard output")
        #expect(result.standardError.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["README.md", "allocation.csv", "areas.geojson", "cohort.csv", "crimes.csv", "harm-weights.csv",
                          "offences.csv", "population.csv", "prior-offences.csv", "study.yaml", "truth.json"])
    }

    @Test(arguments: [bundled, "small"]) func allocateReproducesTheAllocation(_ study: String) throws {
        let folder = study == "small" ? try Self.small.get() : study
        let out = try scratchFolder().appendingPathComponent("allocation.csv").path
        let result = try runPrevent(["allocate", "--study", folder + "/study.yaml", "--cohort", folder + "/cohort.csv",
                                     "--exclude-ineligible", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("Excluded"), "some people are not eligible")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: folder + "/allocation.csv")))
    }

    @Test func everyReaderAcceptsTheFolder() throws {
        let folder = try Self.small.get()
        let scratch = try scratchFolder()
        for file in ["population.csv", "cohort.csv", "crimes.csv", "offences.csv", "prior-offences.csv", "allocation.csv"] {
            let described = try runPrevent(["describe", folder + "/" + file])
            #expect(described.status == 0, "describe \(file): \(described.standardError)")
        }
        let scored = try runPrevent(["score", "--study", folder + "/study.yaml", "--cohort", folder + "/population.csv",
                                     "--out", scratch.appendingPathComponent("scores.csv").path])
        #expect(scored.status == 0, "\(scored.standardError)")
        let outcomesFile = scratch.appendingPathComponent("outcomes.csv").path
        let outcomes = try runPrevent(["outcomes", "--offences", folder + "/offences.csv", "--cohort", folder + "/cohort.csv",
                                       "--harm-weights", folder + "/harm-weights.csv", "--follow-up", "365", "--out", outcomesFile])
        #expect(outcomes.status == 0, "\(outcomes.standardError)")
        #expect(outcomes.standardOutput.contains("Excluded as found by proactive policing"))

        // The analysed data: each allocated person's arm joined to their outcomes.
        let joined = scratch.appendingPathComponent("trial.csv").path
        try Self.join(allocation: folder + "/allocation.csv", outcomes: outcomesFile, into: joined)
        for (outcome, family) in [("any_offence", "binomial"), ("offence_count", "poisson"), ("harm", "gaussian")] {
            var arguments = ["analyse", "--data", joined, "--outcome", outcome, "--family", family, "--arm", "arm", "--control", "control"]
            if family == "poisson" { arguments += ["--exposure", "days_at_risk"] }
            let analysed = try runPrevent(arguments)
            #expect(analysed.status == 0, "analyse \(outcome): \(analysed.standardError)")
            #expect(analysed.standardOutput.contains("police"))
        }
        let survival = try runPrevent(["analyse", "--data", joined, "--outcome", "time_to_first_offence", "--event", "first_offence",
                                       "--family", "survival", "--arm", "arm", "--control", "control"])
        #expect(survival.status == 0, "analyse survival: \(survival.standardError)")
    }

    /// Writes the allocation's id and arm with the outcome columns of the same person.
    static func join(allocation: String, outcomes: String, into path: String) throws {
        let allocationLines = try String(contentsOfFile: allocation, encoding: .utf8).split(separator: "\n")
        let outcomeLines = try String(contentsOfFile: outcomes, encoding: .utf8).split(separator: "\n")
        var outcomeOf: [Substring: Substring] = [:]
        for line in outcomeLines.dropFirst() {
            let comma = line.firstIndex(of: ",")!
            outcomeOf[line[..<comma]] = line[line.index(after: comma)...]
        }
        let outcomeHeader = outcomeLines[0][outcomeLines[0].index(after: outcomeLines[0].firstIndex(of: ",")!)...]
        var text = "id,arm,\(outcomeHeader)\n"
        for line in allocationLines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            text += "\(cells[0]),\(cells[1]),\(outcomeOf[cells[0]]!)\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    struct BadSizes: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        BadSizes(arguments: ["--people", "50", "--cohort", "100"], message: "--cohort (100) cannot be larger than --people (50)"),
        BadSizes(arguments: ["--people", "0"], message: "--people must be at least 1, not 0"),
        BadSizes(arguments: ["--people", "100", "--cohort=-5"], message: "--cohort must be at least 1, not -5"),
        BadSizes(arguments: ["--cohort", "0"], message: "--cohort must be at least 1, not 0"),
    ])
    func badSizesAreRefusedAndNothingIsWritten(_ bad: BadSizes) throws {
        let root = try scratchFolder()
        let folder = root.appendingPathComponent("trial").path
        let result = try runPrevent(["simulate", "--out", folder] + bad.arguments)
        #expect(result.status == 64, "a usage error")
        #expect(result.standardError.contains(bad.message), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func existingFolderNeedsForce() throws {
        let root = try scratchFolder()
        let folder = root.appendingPathComponent("trial").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try "keep me\n".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = try runPrevent(["simulate", "--out", folder, "--people", "200", "--cohort", "40"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("\(folder): the folder exists; give --force to replace it"), "\(refused.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["trial"], "no temporary folder is left")

        let forced = try runPrevent(["simulate", "--out", folder, "--people", "200", "--cohort", "40", "--force", "--verbose"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(forced.standardError.contains("Simulated the study and wrote \(folder): 11 files"), "\(forced.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/notes.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["trial"])
    }

    @Test func unwritablePlacesAreErrors() throws {
        // /proc takes no new folders, even for the superuser.
        let proc = try runPrevent(["simulate", "--out", "/proc/prevent-simulated-trial", "--people", "200", "--cohort", "40"])
        #expect(proc.status == 1)
        #expect(proc.standardError.contains("/proc/prevent-simulated-trial: cannot write:"), "\(proc.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "/proc/prevent-simulated-trial"))

        let root = try scratchFolder()
        try "not a folder\n".write(to: root.appendingPathComponent("file.txt"), atomically: true, encoding: .utf8)
        let underFile = root.appendingPathComponent("file.txt/trial").path
        let result = try runPrevent(["simulate", "--out", underFile, "--people", "200", "--cohort", "40"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(underFile): the folder to write into does not exist"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["file.txt"])
    }
}
