import Foundation
import Testing

// End-to-end tests of `prevent analyse --ri`: randomisation inference from the bundled
// jigsaw-demo study's own design (800 people, four arms, stratified permuted blocks).

/// The bundled study's files.
private let demoStudy = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/study.yaml").path
private let demoCohort = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/cohort.csv").path
private let demoAllocation = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/allocation.csv").path

/// Reads a CSV file as rows of fields (the bundled files have no quoted fields).
private func csvRows(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

/// The demo's outcome file: the cohort's fields, the allocated arm and stratum, and an outcome
/// `harm` with a large effect of `police` only (3 units) and deterministic noise.
/// `edit` may change any row (header first) before the file is written.
private func writeOutcomes(in folder: URL, includeCohortFields: Bool = true,
                           edit: (inout [[String]]) -> Void = { _ in }) throws -> String {
    let cohort = try csvRows(demoCohort), allocation = try csvRows(demoAllocation)
    let cohortHeader = cohort[0], allocationHeader = allocation[0]
    let armColumn = allocationHeader.firstIndex(of: "arm")!, stratumColumn = allocationHeader.firstIndex(of: "stratum")!
    let priorColumn = cohortHeader.firstIndex(of: "prior_offences")!
    var rows: [[String]] = [(includeCohortFields ? cohortHeader : ["id"]) + ["arm", "stratum", "harm"]]
    for (index, person) in cohort.dropFirst().enumerated() {
        let allocated = allocation[index + 1]
        precondition(allocated[0] == person[0])
        let prior = Double(person[priorColumn])!
        let noise = Double((index * 7919) % 101) / 25
        let harm = 2 + 0.5 * prior + (allocated[armColumn] == "police" ? 3 : 0) + noise
        rows.append((includeCohortFields ? person : [person[0]]) + [allocated[armColumn], allocated[stratumColumn], String(format: "%.4f", harm)])
    }
    edit(&rows)
    let path = folder.appendingPathComponent("outcomes.csv").path
    try rows.map { $0.joined(separator: ",") }.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func analyseArguments(_ data: String, draws: String = "199", extra: [String] = []) -> [String] {
    ["analyse", "--data", data, "--outcome", "harm", "--arm", "arm", "--control", "control",
     "--covariates", "age,prior_offences", "--ri=\(draws)", "--study", demoStudy] + extra
}

@Test func randomisationJSONHasEachArmsPValueAndTheDraws() throws {
    let folder = try scratchFolder()
    let data = try writeOutcomes(in: folder)
    let result = try runPrevent(analyseArguments(data, extra: ["--ri-ci", "--format", "json"]))
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardError.isEmpty)  // no progress bar in a pipe
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let listed = try #require(object["estimates"] as? [[String: Any]])
    // Arms in the order of the study: police, partner, social_media.
    let estimates = ["police", "partner", "social_media"].compactMap { arm in listed.first { $0["arm"] as? String == arm } }
    try #require(estimates.count == 3 && listed.count == 3)
    for estimate in estimates {
        let p = try #require(estimate["ri_p_value"] as? Double)
        let low = try #require(estimate["ri_conf_low"] as? Double), high = try #require(estimate["ri_conf_high"] as? Double)
        let value = try #require(estimate["estimate"] as? Double)
        #expect(p > 0 && p <= 1)
        #expect(low < value && value < high, "\(low) \(value) \(high)")
    }
    // The built-in effect of 3 on police: no draw comes close, so p = 1 / (1 + 199); the
    // interval covers 3 and is far from 0.
    #expect(estimates[0]["ri_p_value"] as? Double == 1.0 / 200)
    #expect((estimates[0]["ri_conf_low"] as! Double) > 2 && (estimates[0]["ri_conf_high"] as! Double) < 4)
    #expect((estimates[1]["ri_p_value"] as! Double) > 0.01)
    let ri = try #require(object["ri"] as? [String: Any])
    #expect(ri["draws"] as? Int == 199)
    #expect(ri["seed"] as? Int == 20151203)
    #expect(ri["stream"] as? String == "randomisation-inference")
    #expect(ri["scheme"] as? String == "stratified-blocks")
    #expect(ri["statistic"] as? String == "studentised")
    #expect(ri["se_type"] as? String == "HC2")
    #expect(ri["exact"] as? Bool == false)
    #expect(ri["level"] as? Double == 0.95)
    #expect(ri["p_value_joint"] as? Double == 1.0 / 200)

    // Reproducible bit for bit; another seed gives other draws.
    let again = try runPrevent(analyseArguments(data, extra: ["--ri-ci", "--format", "json"]))
    #expect(again.standardOutput == result.standardOutput)
    let reseeded = try runPrevent(analyseArguments(data, extra: ["--ri-ci", "--format", "json", "--ri-seed", "7"]))
    #expect(reseeded.status == 0 && reseeded.standardOutput != result.standardOutput)
}

@Test func randomisationAppearsInEveryFormat() throws {
    let folder = try scratchFolder()
    let data = try writeOutcomes(in: folder)
    let text = try runPrevent(analyseArguments(data, draws: "99", extra: ["--ri-statistic", "estimate"]))
    #expect(text.status == 0, "stderr: \(text.standardError)")
    #expect(text.standardOutput.contains("Randomisation inference: 99 draws from the study's design (stratified-blocks, seed 20151203, sub-stream randomisation-inference)"))
    #expect(text.standardOutput.contains("statistic: estimate"))
    #expect(text.standardOutput.contains("Joint randomisation test that every arm equals control: p = 0.01"))
    let markdown = try runPrevent(analyseArguments(data, draws: "99", extra: ["--format", "markdown"]))
    #expect(markdown.standardOutput.contains("#### Randomisation inference"))
    #expect(markdown.standardOutput.contains("| arm | estimate | RI p |"))
    let csv = try runPrevent(analyseArguments(data, draws: "99", extra: ["--format", "csv"]))
    let lines = csv.standardOutput.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0].hasSuffix(",ri_p_value,ri_conf_low,ri_conf_high,ri_p_value_joint,ri_draws,ri_statistic,ri_seed"))
    let police = try #require(lines.first { $0.hasPrefix("harm,police,") })
    #expect(police.hasSuffix(",0.01,NA,NA,0.01,99,studentised,20151203"), "\(police)")
}

@Test func aSeparateCohortFileGivesTheSameTest() throws {
    let folder = try scratchFolder()
    let withFields = try writeOutcomes(in: folder)
    let reference = try runPrevent(analyseArguments(withFields, extra: ["--format", "csv"]))
    let other = try scratchFolder()
    // Only id, arm, stratum, outcome and the covariates: the strata come from the cohort file.
    let slim = try writeOutcomes(in: other, includeCohortFields: false)
    let cohort = try csvRows(demoCohort)
    let ageColumn = cohort[0].firstIndex(of: "age")!, priorColumn = cohort[0].firstIndex(of: "prior_offences")!
    var rows = try csvRows(slim)
    for index in rows.indices { rows[index] += [cohort[index][ageColumn], cohort[index][priorColumn]] }
    // Rows in another order, and a person with a missing outcome, change nothing about the design.
    rows = [rows[0]] + rows.dropFirst().reversed()
    try rows.map { $0.joined(separator: ",") }.joined(separator: "\n").appending("\n").write(toFile: slim, atomically: true, encoding: .utf8)
    let result = try runPrevent(analyseArguments(slim, extra: ["--format", "csv", "--cohort", demoCohort]))
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let pValues = { (text: String) in text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").suffix(7).first! } }
    #expect(pValues(result.standardOutput) == pValues(reference.standardOutput))
}

struct BadRandomisationInput: CustomTestStringConvertible, Sendable {
    let name: String
    let cohortFields: Bool
    let extra: [String]
    let draws: String
    let status: Int32
    let messages: [String]
    let edit: @Sendable (inout [[String]]) -> Void
    var testDescription: String { name }

    init(_ name: String, cohortFields: Bool = true, extra: [String] = [], draws: String = "20", status: Int32 = 1,
         messages: [String], edit: @escaping @Sendable (inout [[String]]) -> Void = { _ in }) {
        self.name = name
        self.cohortFields = cohortFields
        self.extra = extra
        self.draws = draws
        self.status = status
        self.messages = messages
        self.edit = edit
    }
}

private let badRandomisationInputs: [BadRandomisationInput] = [
    BadRandomisationInput("unknown study file", extra: ["--study", "Studies/no-such-study.yaml"],
                          messages: ["no-such-study.yaml"]),
    BadRandomisationInput("a row not in the design", cohortFields: false, extra: ["--cohort", demoCohort],
                          messages: ["outcomes.csv: row 801: the id is not one of the 800 people of the cohort"]) { rows in
        rows.append(["ZZ9999", "police", "high|north", "4.5"])
    },
    BadRandomisationInput("an arm the study does not have",
                          messages: ["column 'arm' holds 'policing', not an arm of the study", "control, police, partner, social_media"]) { rows in
        let arm = rows[0].firstIndex(of: "arm")!
        for index in rows.indices.dropFirst() where rows[index][arm] == "police" { rows[index][arm] = "policing" }
    },
    BadRandomisationInput("a study arm missing from the data", messages: ["the study's arm 'social_media' has no analysed rows"]) { rows in
        let arm = rows[0].firstIndex(of: "arm")!
        rows.removeAll { $0[arm] == "social_media" }
    },
    BadRandomisationInput("a stratum that disagrees with the design",
                          messages: ["outcomes.csv: row 3: column 'stratum' is 'low|east', but the study design puts this person in stratum"]) { rows in
        rows[3][rows[0].firstIndex(of: "stratum")!] = "low|east"
    },
    BadRandomisationInput("design fields missing from the data", cohortFields: false,
                          messages: ["outcomes.csv: the cohort has no column", "give --cohort"]),
    BadRandomisationInput("a missing id", messages: ["outcomes.csv: row 5: the unit has no id"]) { rows in
        rows[5][0] = ""
    },
    BadRandomisationInput("no draws", draws: "0", status: 64, messages: ["--ri must be a positive number of draws, not 0"]),
    BadRandomisationInput("negative draws", draws: "-5", status: 64, messages: ["--ri must be a positive number of draws, not -5"]),
    BadRandomisationInput("weights", extra: ["--weights", "age"], status: 64, messages: ["--ri cannot be used with --weights"]),
]

@Test(arguments: badRandomisationInputs)
func badRandomisationInputIsRefusedAndWritesNothing(_ input: BadRandomisationInput) throws {
    let folder = try scratchFolder()
    let data = try writeOutcomes(in: folder, includeCohortFields: input.cohortFields, edit: input.edit)
    let plot = folder.appendingPathComponent("forest.svg").path
    var arguments = analyseArguments(data, draws: input.draws, extra: ["--plot", plot])
    if let index = input.extra.firstIndex(of: "--study") {
        arguments[arguments.firstIndex(of: "--study")! + 1] = input.extra[index + 1]
        arguments += input.extra.enumerated().filter { $0.offset != index && $0.offset != index + 1 }.map(\.element)
    } else {
        arguments += input.extra
    }
    if !input.cohortFields, let index = arguments.firstIndex(of: "--covariates") {
        arguments.removeSubrange(index ... index + 1)  // the slim file has no covariates
    }
    let result = try runPrevent(arguments)
    #expect(result.status == input.status, "stderr: \(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    for message in input.messages { #expect(result.standardError.contains(message), "stderr: \(result.standardError)") }
    #expect(!FileManager.default.fileExists(atPath: plot))
}

@Test func studyWithoutDrawsIsRefused() throws {
    let result = try runPrevent(["analyse", "--data", "x.csv", "--outcome", "y", "--arm", "arm", "--control", "control",
                                 "--study", demoStudy])
    #expect(result.status == 64)
    #expect(result.standardError.contains("give --ri DRAWS too"))
    let noStudy = try runPrevent(["analyse", "--data", "x.csv", "--outcome", "y", "--arm", "arm", "--control", "control", "--ri", "10"])
    #expect(noStudy.status == 64 && noStudy.standardError.contains("--ri needs --study"))
}
