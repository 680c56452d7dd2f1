import Foundation
import Testing

/// End-to-end tests of `prevent allocate` and `prevent balance`: run the built binary on the
/// bundled jigsaw-demo study and on bad inputs, and check output, errors, exit status and files.

private let demoFolder = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo")
private let demoStudy = demoFolder.appendingPathComponent("study.yaml").path
private let demoCohort = demoFolder.appendingPathComponent("cohort.csv").path

@Test func allocateWritesTheDemoAllocation() throws {
    let folder = try scratchFolder()
    let out = folder.appendingPathComponent("allocation.csv").path
    let result = try runPrevent(["allocate", "--study", demoStudy, "--cohort", demoCohort, "--out", out])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput.contains(
        "Allocated 800 people (stratified-blocks, seed 20151203): control 197, police 201, partner 200, social_media 202"))
    #expect(!result.standardOutput.contains("JD0"), "no ids on standard output")
    // The committed allocation is reproduced byte for byte.
    #expect(try String(contentsOfFile: out, encoding: .utf8)
        == String(contentsOfFile: demoFolder.appendingPathComponent("allocation.csv").path, encoding: .utf8))
    let header = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")[0]
    #expect(header == "id,arm,stratum,block,slot,p_control,p_police,p_partner,p_social_media")

    // An existing file is kept unless --force is given.
    try "keep me\n".write(toFile: out, atomically: true, encoding: .utf8)
    let refused = try runPrevent(["allocate", "--study", demoStudy, "--cohort", demoCohort, "--out", out])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("give --force to replace it"))
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")
    let forced = try runPrevent(["allocate", "--study", demoStudy, "--cohort", demoCohort, "--out", out, "--force", "--seed", "7"])
    #expect(forced.status == 0, "stderr: \(forced.standardError)")
    #expect(forced.standardOutput.contains("seed 7"))
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("id,arm,stratum"))
}

@Test func balanceReportsInEveryFormatAndDrawsALovePlot() throws {
    let allocation = demoFolder.appendingPathComponent("allocation.csv").path
    let plot = try scratchFolder().appendingPathComponent("love.svg").path
    let text = try runPrevent(["balance", "--study", demoStudy, "--cohort", demoCohort, "--allocation", allocation, "--plot", plot])
    #expect(text.status == 0, "stderr: \(text.standardError)")
    #expect(text.standardOutput.contains("Balance against control"))
    #expect(text.standardOutput.contains("Omnibus test of arm on each covariate"))
    // R: anova(lm(age ~ arm)) F = 0.3548, p = 0.7857 (see the balance tests' R script).
    let age = try #require(text.standardOutput.split(separator: "\n").first { $0.hasPrefix("age ") && $0.contains(" F ") })
    #expect(age.contains("0.3548") && age.contains("3, 796") && age.contains("0.7857"))
    let svg = try String(contentsOfFile: plot, encoding: .utf8)
    #expect(svg.contains("<svg") && svg.contains("Baseline balance against control") && svg.contains("prior_offences"))

    let json = try runPrevent(["balance", "--study", demoStudy, "--cohort", demoCohort, "--allocation", allocation, "--format", "json"])
    #expect(json.status == 0)
    #expect((try? JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))) != nil)
    let csv = try runPrevent(["balance", "--study", demoStudy, "--cohort", demoCohort, "--allocation", allocation, "--format", "csv"])
    #expect(csv.standardOutput.hasPrefix("section,covariate,level,arm,n,n_control,"))
    let markdown = try runPrevent(["balance", "--study", demoStudy, "--cohort", demoCohort, "--allocation", allocation, "--format", "markdown"])
    #expect(markdown.standardOutput.contains("### Balance against control"))
    #expect(!text.standardOutput.contains("JD0") && !json.standardOutput.contains("JD0"), "no ids in reports")
}

/// A kind of bad input, the files it needs, and what `prevent` must say.
struct AllocationBadInputCase: Sendable, CustomStringConvertible {
    let description: String
    let study: String?
    let cohort: String?
    let command: String
    let extraArguments: [String]
    let expectedMessages: [String]
}

private let goodStudy = """
    study: small
    arms: [{name: control}, {name: treated}]
    randomisation: {scheme: stratified-blocks, strata: [band], block_sizes: [2, 4], seed: 5}
    baseline:
      - {name: band, type: categorical, levels: [low, high], required: true}
      - {name: age, type: numeric}
    eligibility:
      - {field: age, min: 10, max: 25}
    """

private let goodCohort = "id,band,age\nA1,low,12\nA2,high,14\nA3,low,15\n"

private let allocationBadInputs: [AllocationBadInputCase] = [
    .init(description: "unknown stratum value", study: nil, cohort: "id,band,age\nA1,low,12\nA2,extreme,14\n", command: "allocate",
          extraArguments: [], expectedMessages: ["cohort.csv: row 2: 'band': \"extreme\" is not one of the declared levels (low, high)"]),
    .init(description: "missing stratification value", study: nil, cohort: "id,band,age\nA1,low,12\nA2,,14\n", command: "allocate",
          extraArguments: [], expectedMessages: ["cohort.csv: row 2: 'band' has no value"]),
    .init(description: "missing stratification column", study: nil, cohort: "id,age\nA1,12\n", command: "allocate",
          extraArguments: [], expectedMessages: ["cohort.csv", "the cohort has no column 'band'"]),
    .init(description: "duplicate id", study: nil, cohort: "id,band,age\nA1,low,12\nA1,high,14\n", command: "allocate",
          extraArguments: [], expectedMessages: ["cohort.csv: row 2: id 'A1' is already allocated"]),
    .init(description: "missing id", study: nil, cohort: "id,band,age\nA1,low,12\n,high,14\n", command: "allocate",
          extraArguments: [], expectedMessages: ["cohort.csv: row 2: the unit has no id"]),
    .init(description: "ineligible person", study: nil, cohort: "id,band,age\nA1,low,12\nA2,high,40\n", command: "allocate",
          extraArguments: [], expectedMessages: ["cohort.csv: row 2: not eligible: age between 10 and 25", "--exclude-ineligible"]),
    .init(description: "age not a number", study: nil, cohort: "id,band,age\nA1,low,twelve\n", command: "allocate",
          extraArguments: [], expectedMessages: ["cohort.csv:2", "age"]),
    .init(description: "block sizes that do not fit the ratios", study: """
        study: small
        arms: [{name: control, ratio: 2}, {name: treated}]
        randomisation: {scheme: blocks, block_sizes: [3, 4], seed: 1}
        """, cohort: nil, command: "allocate", extraArguments: [],
          expectedMessages: ["study.yaml: randomisation.block_sizes[1]: 4 is not a multiple of the ratio total 3"]),
    .init(description: "malformed YAML", study: "study: small\narms: [{name: a}\nrandomisation: {scheme: simple}\n", cohort: nil,
          command: "allocate", extraArguments: [], expectedMessages: ["study.yaml:3:", "YAML syntax error"]),
    .init(description: "no seed", study: goodStudy.replacingOccurrences(of: ", seed: 5", with: ""), cohort: nil, command: "allocate",
          extraArguments: [], expectedMessages: ["study.yaml: no seed: give randomisation.seed in the study file or --seed"]),
    .init(description: "unknown arm in an allocation", study: nil, cohort: nil, command: "balance",
          extraArguments: [], expectedMessages: ["allocation.csv: row 2: arm 'placebo' is not one of the study's arms (control, treated)"]),
]

@Test(arguments: allocationBadInputs)
func badAllocationInputIsReportedAndNothingIsWritten(_ badCase: AllocationBadInputCase) throws {
    let folder = try scratchFolder()
    let study = folder.appendingPathComponent("study.yaml").path
    let cohort = folder.appendingPathComponent("cohort.csv").path
    let out = folder.appendingPathComponent("allocation.csv").path
    try (badCase.study ?? goodStudy).write(toFile: study, atomically: true, encoding: .utf8)
    try (badCase.cohort ?? goodCohort).write(toFile: cohort, atomically: true, encoding: .utf8)
    let arguments: [String]
    if badCase.command == "balance" {
        try "id,arm\nA1,control\nA2,placebo\n".write(toFile: out, atomically: true, encoding: .utf8)
        arguments = ["balance", "--study", study, "--cohort", cohort, "--allocation", out]
    } else {
        arguments = ["allocate", "--study", study, "--cohort", cohort, "--out", out]
    }
    let result = try runPrevent(arguments + badCase.extraArguments)
    #expect(result.status == 1, "stderr: \(result.standardError)")
    for message in badCase.expectedMessages {
        #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
    }
    #expect(!result.standardError.contains("Fatal error"))
    #expect(result.standardOutput.isEmpty)
    if badCase.command == "allocate" {
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written")
    }
}

@Test func ineligiblePeopleCanBeLeftOut() throws {
    let folder = try scratchFolder()
    let study = folder.appendingPathComponent("study.yaml").path
    let cohort = folder.appendingPathComponent("cohort.csv").path
    let out = folder.appendingPathComponent("allocation.csv").path
    try goodStudy.write(toFile: study, atomically: true, encoding: .utf8)
    try "id,band,age\nA1,low,12\nA2,high,40\nA3,high,9\nA4,low,20\n".write(toFile: cohort, atomically: true, encoding: .utf8)
    let result = try runPrevent(["allocate", "--study", study, "--cohort", cohort, "--out", out, "--exclude-ineligible"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardError.contains("Excluded 2 ineligible people (age between 10 and 25: 2)"))
    #expect(result.standardOutput.contains("Allocated 2 people"))
    let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 3 && rows[1].hasPrefix("A1,") && rows[2].hasPrefix("A4,"))
}
