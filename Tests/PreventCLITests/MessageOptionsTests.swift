import Foundation
import Testing

/// `--quiet` and `--verbose` on every subcommand, end to end: what reaches standard error at each
/// level, that standard output and written files never change with the level, and that no
/// progress bar reaches a pipe.

private let demoStudy = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/study.yaml").path
private let demoCohort = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/cohort.csv").path
private let demoAllocation = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/allocation.csv").path
private let riskStudy = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/study.yaml").path
private let riskCohort = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/cohort.csv").path
private let riskCrimes = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/crimes.csv").path
private let outcomesExample = repositoryRoot.appendingPathComponent("Tests/OffenceOutcomesTests/Fixtures/example").path

/// The first 40 people of the demo cohort, the second of whom has not consented, so that
/// `allocate --exclude-ineligible` notes one exclusion.
private func cohortWithOneIneligible(in folder: URL) throws -> String {
    var lines = try String(contentsOfFile: demoCohort, encoding: .utf8).split(separator: "\n").prefix(41).map(String.init)
    var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[fields.count - 1] = "no"
    lines[2] = fields.joined(separator: ",")
    let path = folder.appendingPathComponent("cohort.csv").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Offence records with a code the harm table lacks, so that `outcomes --unknown-codes
/// zero-weight` warns.
private func offencesWithUnknownCode(in folder: URL) throws -> String {
    let path = folder.appendingPathComponent("offences.csv").path
    try "id,offence_date,offence_code,proactive\nP01,2023-02-01,BURG,no\nP02,2023-03-01,THF9,no\n"
        .write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A run that normally writes a note or a warning on standard error, and the file it writes (if
/// any), which must not change with `--quiet`.
struct ChattyRun: Sendable, CustomStringConvertible {
    let description: String
    /// The command line, given a scratch folder.
    let arguments: @Sendable (URL) throws -> [String]
    /// What a normal run writes on standard error.
    let chatter: String
    /// The file in the scratch folder that the command writes, if any.
    let output: String?
}

private let chattyRuns: [ChattyRun] = [
    ChattyRun(description: "score --fit, people without a home location", arguments: { folder in
        ["score", "--study", riskStudy, "--cohort", riskCohort, "--out", folder.appendingPathComponent("scores.csv").path,
         "--force", "--fit", "--outcome", "reoffended", "--folds", "5"]
    }, chatter: "Note: ", output: "scores.csv"),
    ChattyRun(description: "summary, people without a home location", arguments: { _ in
        ["summary", "--study", riskStudy, "--cohort", riskCohort]
    }, chatter: "people have no home location", output: nil),
    ChattyRun(description: "hotspots, crimes outside the extent", arguments: { _ in
        ["hotspots", "--points", riskCrimes, "--x", "easting", "--y", "northing", "--type", "crime_type", "--cell", "250",
         "--extent", "400000,280000,405000,285000"]
    }, chatter: "Warning: ", output: nil),
    ChattyRun(description: "allocate, an ineligible person excluded", arguments: { folder in
        ["allocate", "--study", demoStudy, "--cohort", try cohortWithOneIneligible(in: folder),
         "--out", folder.appendingPathComponent("allocation.csv").path, "--force", "--exclude-ineligible"]
    }, chatter: "Excluded 1 ineligible people", output: "allocation.csv"),
    ChattyRun(description: "outcomes, an offence code without a harm weight", arguments: { folder in
        ["outcomes", "--offences", try offencesWithUnknownCode(in: folder), "--cohort", outcomesExample + "/cohort.csv",
         "--harm-weights", outcomesExample + "/harm-weights.csv", "--follow-up", "365",
         "--out", folder.appendingPathComponent("outcomes.csv").path, "--force", "--unknown-codes", "zero-weight"]
    }, chatter: "Warning: 1 counted offence has a code", output: "outcomes.csv"),
]

@Test(arguments: chattyRuns)
func quietKeepsStandardOutputAndSilencesNotes(_ run: ChattyRun) throws {
    let folder = try scratchFolder()
    let arguments = try run.arguments(folder)
    let normal = try runPrevent(arguments)
    #expect(normal.status == 0, "stderr: \(normal.standardError)")
    #expect(normal.standardError.contains(run.chatter), "stderr: \(normal.standardError)")
    let normalFile = try run.output.map { try Data(contentsOf: folder.appendingPathComponent($0)) }

    for flag in ["--quiet", "-q"] {
        let quiet = try runPrevent(arguments + [flag])
        #expect(quiet.status == 0, "stderr: \(quiet.standardError)")
        #expect(quiet.standardError.isEmpty, "\(flag) stderr: \(quiet.standardError)")
        #expect(quiet.standardOutput == normal.standardOutput)
        if let output = run.output {
            #expect(try Data(contentsOf: folder.appendingPathComponent(output)) == normalFile)
        }
    }
}

/// A run with `--verbose` and lines its standard error must hold.
struct VerboseRun: Sendable, CustomStringConvertible {
    let description: String
    let arguments: @Sendable (URL) throws -> [String]
    /// Lines (or their beginnings) that must appear, each followed by a timing.
    let steps: [String]
    /// Whether standard output is the same from run to run (a new register's audit reference is not).
    var repeatable = true
}

private let verboseRuns: [VerboseRun] = [
    VerboseRun(description: "describe", arguments: { _ in ["describe", demoCohort] },
               steps: ["Read \(demoCohort): 800 rows, 9 columns", "Summarised 9 columns"]),
    VerboseRun(description: "allocate", arguments: { folder in
        ["allocate", "--study", demoStudy, "--cohort", demoCohort, "--out", folder.appendingPathComponent("a.csv").path]
    }, steps: ["Read the study \(demoStudy): 4 arms", "Read \(demoCohort): 800 rows, 9 columns", "Checked eligibility: 800 eligible",
               "Allocated 800 people", "Wrote "]),
    VerboseRun(description: "balance", arguments: { _ in
        ["balance", "--study", demoStudy, "--cohort", demoCohort, "--allocation", demoAllocation]
    }, steps: ["Read \(demoAllocation): 800 rows, 9 columns", "Compared the arms' baselines"]),
    VerboseRun(description: "hotspots", arguments: { _ in
        ["hotspots", "--points", riskCrimes, "--x", "easting", "--y", "northing", "--type", "crime_type", "--cell", "250"]
    }, steps: ["Read \(riskCrimes): 2100 crimes of ", "Counted the crimes on the grid: ", "Mapped density, Gi* and hotspots: "]),
    VerboseRun(description: "summary", arguments: { _ in ["summary", "--study", riskStudy, "--cohort", riskCohort] },
               steps: ["Read \(riskCohort): 400 rows", "Scored 400 people", "Tabulated the summaries"]),
    VerboseRun(description: "power", arguments: { _ in ["power", "--n", "200", "--effect", "0.4"] },
               steps: ["Solved for the missing quantity"]),
    VerboseRun(description: "register init", arguments: { folder in
        ["register", "init", "--study", demoStudy, "--db", folder.appendingPathComponent("r.sqlite").path]
    }, steps: ["Read the study \(demoStudy)", "Created ", "Verified the new audit trail"], repeatable: false),
]

@Test(arguments: verboseRuns)
func verboseWritesStepTimingsAndInputs(_ run: VerboseRun) throws {
    let folder = try scratchFolder()
    let arguments = try run.arguments(folder)
    let verbose = try runPrevent(arguments + ["--verbose"])
    #expect(verbose.status == 0, "stderr: \(verbose.standardError)")
    let lines = verbose.standardError.split(separator: "\n").map(String.init)
    let timing = /.* \[\d+\.\d{1,3} s\]$/
    for step in run.steps {
        let line = lines.first { $0.hasPrefix(step) }
        #expect(line != nil, "no line starting \(step) in: \(verbose.standardError)")
        if let line { #expect(line.wholeMatch(of: timing) != nil, "no timing in: \(line)") }
    }
    // The result on standard output does not depend on the level; a run without --verbose
    // writes its files in a folder of its own.
    guard run.repeatable else { return }
    let other = try scratchFolder()
    let plain = try runPrevent(try run.arguments(other))
    #expect(plain.status == 0, "stderr: \(plain.standardError)")
    #expect(verbose.standardOutput.replacingOccurrences(of: folder.path, with: other.path) == plain.standardOutput)
}

/// A valid command line for each subcommand; with both `--quiet` and `--verbose` each must be
/// refused before anything runs (so the files named need not exist).
private let everySubcommand: [[String]] = [
    ["describe", "data.csv"],
    ["allocate", "--study", "s.yaml", "--cohort", "c.csv", "--out", "a.csv"],
    ["balance", "--study", "s.yaml", "--cohort", "c.csv", "--allocation", "a.csv"],
    ["analyse", "--data", "d.csv", "--outcome", "y", "--arm", "arm", "--control", "control"],
    ["register", "init", "--study", "s.yaml", "--db", "r.sqlite"],
    ["register", "export", "--db", "r.sqlite", "--out", "e.csv"],
    ["enrol", "--study", "s.yaml", "--db", "r.sqlite", "--id", "P1"],
    ["audit", "verify", "--db", "r.sqlite"],
    ["hotspots", "--points", "p.csv", "--x", "x", "--y", "y", "--cell", "250"],
    ["score", "--study", "s.yaml", "--cohort", "c.csv", "--out", "s.csv"],
    ["summary", "--study", "s.yaml", "--cohort", "c.csv"],
    ["power", "--n", "200", "--effect", "0.4"],
    ["outcomes", "--offences", "o.csv", "--cohort", "c.csv", "--harm-weights", "h.csv", "--follow-up", "365", "--out", "o.csv"],
    ["report", "--study", "Studies/none"],
    ["simulate", "--out", "simulated-study"],
    ["serve", "--study", "s.yaml", "--db", "r.sqlite"],
    ["users", "add", "P1", "--role", "enroller", "--accounts", "a.accounts"],
    ["users", "disable", "P1", "--accounts", "a.accounts"],
    ["users", "reset", "P1", "--accounts", "a.accounts"],
    ["users", "list", "--accounts", "a.accounts"],
]

@Test(arguments: everySubcommand)
func quietAndVerboseTogetherAreRefused(_ command: [String]) throws {
    for flags in [["--quiet", "--verbose"], ["-q", "-v"], ["-v", "-q"]] {
        let result = try runPrevent(command + flags)
        #expect(result.status == 64, "\(command) \(flags): stderr: \(result.standardError)")
        #expect(result.standardError.contains("--quiet and --verbose cannot be given together; choose one."))
        #expect(result.standardOutput.isEmpty)
    }
    let help = try runPrevent(command + ["--help"])
    #expect(help.standardOutput.contains("-q, --quiet"), "\(command): \(help.standardOutput)")
    #expect(help.standardOutput.contains("-v, --verbose"), "\(command): \(help.standardOutput)")
}

@Test func refusedQuietVerboseWritesNoOutputFile() throws {
    let folder = try scratchFolder()
    let out = folder.appendingPathComponent("allocation.csv").path
    let result = try runPrevent(["allocate", "--study", demoStudy, "--cohort", demoCohort, "--out", out, "-q", "-v"])
    #expect(result.status == 64)
    #expect(!FileManager.default.fileExists(atPath: out))
}

@Test func noProgressBarReachesAPipe() throws {
    // Long enough to draw a bar on a terminal (at least 2000 replicates); here standard error is a pipe.
    let simulation = try runPrevent(["power", "--n", "40", "--effect", "0.5", "--simulate", "2000", "--seed", "7"])
    #expect(simulation.status == 0, "stderr: \(simulation.standardError)")
    #expect(simulation.standardError.isEmpty)
    let verbose = try runPrevent(["power", "--n", "40", "--effect", "0.5", "--simulate", "2000", "--seed", "7", "--verbose"])
    #expect(verbose.status == 0, "stderr: \(verbose.standardError)")
    #expect(!verbose.standardError.contains("\r") && !verbose.standardError.contains("\u{1B}"))
    #expect(verbose.standardError.contains("Simulated 2000 replicate trials ["))
    #expect(verbose.standardOutput == simulation.standardOutput)
}

/// Runs `prevent` with standard output and standard error on a pseudo-terminal (through
/// util-linux `script`), and returns everything the terminal received.
private func runOnTerminal(_ arguments: [String]) throws -> (status: Int32, screen: String) {
    let command = ([try preventExecutable().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
    process.currentDirectoryURL = repositoryRoot
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
func progressBarIsDrawnOnATerminalUnlessQuiet() throws {
    let arguments = ["power", "--n", "40", "--effect", "0.5", "--simulate", "2000", "--seed", "7"]
    let shown = try runOnTerminal(arguments)
    #expect(shown.status == 0, "\(shown.screen)")
    #expect(shown.screen.contains("] 100% (2000 of 2000 replicate trials)"), "\(shown.screen)")
    for silencer in ["--quiet", "--no-progress"] {
        let silent = try runOnTerminal(arguments + [silencer])
        #expect(silent.status == 0, "\(silent.screen)")
        #expect(!silent.screen.contains("replicate trials)"), "\(silencer): \(silent.screen)")
        #expect(silent.screen.contains("Power"), "\(silencer): \(silent.screen)")
    }
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
func crossValidationShowsProgressOnATerminal() throws {
    let out = try scratchFolder().appendingPathComponent("scores.csv").path
    let arguments = ["score", "--study", riskStudy, "--cohort", riskCohort, "--out", out, "--force",
                     "--fit", "--outcome", "reoffended", "--folds", "5"]
    let shown = try runOnTerminal(arguments + ["--verbose"])
    #expect(shown.status == 0, "\(shown.screen)")
    #expect(shown.screen.contains("] 100% (6 of 6 cross-validation fits)"), "\(shown.screen)")
    // The step's timing starts a line of its own after the bar.
    #expect(shown.screen.contains("cross-validation fits)\r\nFitted the lasso model with 5-fold cross-validation ["), "\(shown.screen)")
    let quiet = try runOnTerminal(arguments + ["--quiet"])
    #expect(quiet.status == 0, "\(quiet.screen)")
    #expect(!quiet.screen.contains("cross-validation fits"), "\(quiet.screen)")
    #expect(!quiet.screen.contains("Note:"), "\(quiet.screen)")
}
