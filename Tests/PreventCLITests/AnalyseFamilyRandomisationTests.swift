import Foundation
import Testing

// End-to-end tests of `prevent analyse --family binomial|poisson|negbin|harm --ri`: randomisation
// inference for binary, count and harm outcomes from the bundled jigsaw-demo study's design
// (800 people, four arms, stratified permuted blocks).

private let demoStudy = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/study.yaml").path
private let demoCohort = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/cohort.csv").path
private let demoAllocation = repositoryRoot.appendingPathComponent("Studies/jigsaw-demo/allocation.csv").path

/// Reads a CSV file as rows of fields (the bundled files have no quoted fields).
private func csvRows(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

/// The demo's outcome file: the cohort's fields, the allocated arm and stratum, and outcomes
/// with a large effect of `police` only: `reoffended` (0/1), `offences` (a count), `harm`
/// (days), `days` and `event` (time to first offence), from deterministic noise. `edit` may
/// change any row (header first) before the file is written.
private func writeOutcomes(in folder: URL, edit: (inout [[String]]) -> Void = { _ in }) throws -> String {
    let cohort = try csvRows(demoCohort), allocation = try csvRows(demoAllocation)
    let armColumn = allocation[0].firstIndex(of: "arm")!, stratumColumn = allocation[0].firstIndex(of: "stratum")!
    let priorColumn = cohort[0].firstIndex(of: "prior_offences")!
    var rows: [[String]] = [cohort[0] + ["arm", "stratum", "reoffended", "offences", "harm", "days", "event"]]
    for (index, person) in cohort.dropFirst().enumerated() {
        let allocated = allocation[index + 1]
        precondition(allocated[0] == person[0])
        let police = allocated[armColumn] == "police"
        let prior = Double(person[priorColumn])!
        let u = Double((index * 7919) % 101) / 101, v = Double((index * 104_729) % 97) / 97
        let reoffended = u < (police ? 0.12 : 0.5) ? 1 : 0
        let offences = Int((police ? 1 : 3) * v * 2 + (prior > 4 ? 1 : 0))
        let harm = 2 + 0.5 * prior + (police ? 0 : 3) + 4 * u
        rows.append(person + [allocated[armColumn], allocated[stratumColumn], "\(reoffended)", "\(offences)",
                              String(format: "%.4f", harm), "\(30 + (index * 37) % 300)", "\(reoffended)"])
    }
    edit(&rows)
    let path = folder.appendingPathComponent("outcomes.csv").path
    try rows.map { $0.joined(separator: ",") }.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func arguments(_ data: String, outcome: String, family: String, draws: Int = 199, extra: [String] = []) -> [String] {
    ["analyse", "--data", data, "--outcome", outcome, "--arm", "arm", "--control", "control", "--family", family,
     "--ri", "\(draws)", "--study", demoStudy] + extra
}

private func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// The odds ratio's score test: police's large effect gives p = 1 / (1 + R); the others do not.
@Test func oddsRatioRandomisationUsesTheScoreStatistic() throws {
    let data = try writeOutcomes(in: try scratchFolder())
    let result = try runPrevent(arguments(data, outcome: "reoffended", family: "binomial",
                                          extra: ["--estimand", "odds-ratio", "--covariates", "age,prior_offences", "--format", "json"]))
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let object = try jsonObject(result.standardOutput)
    let estimates = try #require(object["estimates"] as? [[String: Any]])
    #expect(estimates.count == 3)
    let police = try #require(estimates.first { $0["arm"] as? String == "police" })
    #expect(police["ri_p_value"] as? Double == 1.0 / 200)
    #expect(police["p_value_dunnett"] is Double && police["simultaneous_conf_low"] is Double)
    #expect(estimates.allSatisfy { ($0["ri_p_value"] as? Double).map { $0 > 0 && $0 <= 1 } ?? false })
    let ri = try #require(object["ri"] as? [String: Any])
    #expect(ri["statistic"] as? String == "score")
    #expect(ri["se_type"] as? String == "model")
    #expect(ri["draws"] as? Int == 199 && ri["seed"] as? Int == 20151203)
    #expect(ri["stream"] as? String == "randomisation-inference" && ri["scheme"] as? String == "stratified-blocks")
    #expect(ri["p_value_joint"] as? Double == 1.0 / 200)
    #expect(ri["level"] is NSNull)

    // The same draws and p-values on a second run.
    let again = try runPrevent(arguments(data, outcome: "reoffended", family: "binomial",
                                         extra: ["--estimand", "odds-ratio", "--covariates", "age,prior_offences", "--format", "json"]))
    #expect(again.standardOutput == result.standardOutput)
}

/// Rate ratios (Poisson and negative binomial) in CSV and text, with the score statistic named.
@Test(arguments: ["poisson", "negbin"])
func rateRatioRandomisationInEveryFormat(_ family: String) throws {
    let data = try writeOutcomes(in: try scratchFolder())
    let csv = try runPrevent(arguments(data, outcome: "offences", family: family, draws: 99, extra: ["--format", "csv"]))
    #expect(csv.status == 0, "stderr: \(csv.standardError)")
    let lines = csv.standardOutput.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0].hasSuffix("ri_p_value,ri_conf_low,ri_conf_high,ri_p_value_joint,ri_draws,ri_statistic,ri_seed"))
    #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",99,score,20151203") })
    let text = try runPrevent(arguments(data, outcome: "offences", family: family, draws: 99))
    #expect(text.status == 0)
    #expect(text.standardOutput.contains("Randomisation inference: 99 draws from the study's design (stratified-blocks, seed 20151203"))
    #expect(text.standardOutput.contains("statistic: score"))
    #expect(text.standardOutput.contains("needs no refit per draw"))
    let markdown = try runPrevent(arguments(data, outcome: "offences", family: family, draws: 99, extra: ["--format", "markdown"]))
    #expect(markdown.standardOutput.contains("#### Randomisation inference"))
}

/// The risk difference uses the linear model's studentised test, with intervals on request.
@Test func riskDifferenceRandomisationIsLinear() throws {
    let data = try writeOutcomes(in: try scratchFolder())
    let result = try runPrevent(arguments(data, outcome: "reoffended", family: "binomial", extra: ["--ri-ci", "--format", "json"]))
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let object = try jsonObject(result.standardOutput)
    let ri = try #require(object["ri"] as? [String: Any])
    #expect(ri["statistic"] as? String == "studentised" && ri["se_type"] as? String == "HC2")
    let estimates = try #require(object["estimates"] as? [[String: Any]])
    let police = try #require(estimates.first { $0["arm"] as? String == "police" })
    let low = try #require(police["ri_conf_low"] as? Double), high = try #require(police["ri_conf_high"] as? Double)
    #expect(low < (police["estimate"] as! Double) && (police["estimate"] as! Double) < high && high < 0)
}

/// Harm: the mean difference in harm gets the linear test, in the `harm` object.
@Test func harmRandomisationTestsTheMeanDifference() throws {
    let data = try writeOutcomes(in: try scratchFolder())
    let json = try runPrevent(arguments(data, outcome: "harm", family: "harm", extra: ["--format", "json"]))
    #expect(json.status == 0, "stderr: \(json.standardError)")
    let object = try jsonObject(json.standardOutput)
    let harm = try #require(object["harm"] as? [String: Any])
    #expect((harm["ri"] as? [String: Any])?["draws"] as? Int == 199)
    let police = try #require((harm["estimates"] as? [[String: Any]])?.first { $0["arm"] as? String == "police" })
    #expect(police["ri_p_value"] as? Double == 1.0 / 200)
    #expect(object["log_harm"] != nil && object["shares"] != nil)
    let text = try runPrevent(arguments(data, outcome: "harm", family: "harm"))
    #expect(text.standardOutput.contains("Share of people with any harm"))
    #expect(text.standardOutput.contains("Randomisation test of the mean difference in harm"))
    let csv = try runPrevent(arguments(data, outcome: "harm", family: "harm", extra: ["--format", "csv"]))
    let lines = csv.standardOutput.split(separator: "\n")
    #expect(lines.count == 10)
    let width = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
    #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width })
    #expect(lines[1].hasSuffix(",199,studentised,20151203") && lines[9].hasSuffix(",NA,NA,NA,NA,NA,NA,NA"))
}

/// Each bad input: the message, a failing exit code and no plot written.
@Test func badRandomisationInputsAreClearErrors() throws {
    let folder = try scratchFolder()
    let data = try writeOutcomes(in: folder)
    let plot = folder.appendingPathComponent("forest.svg").path

    let survival = try runPrevent(arguments(data, outcome: "days", family: "survival", extra: ["--event", "event"]))
    #expect(survival.status != 0)
    #expect(survival.standardError.contains("--ri is not supported yet for --family survival"))

    let estimate = try runPrevent(arguments(data, outcome: "reoffended", family: "binomial",
                                            extra: ["--estimand", "odds-ratio", "--ri-statistic", "estimate"]))
    #expect(estimate.status != 0 && estimate.standardError.contains("uses the score statistic"))

    let interval = try runPrevent(arguments(data, outcome: "offences", family: "poisson", extra: ["--ri-ci"]))
    #expect(interval.status != 0 && interval.standardError.contains("--ri-ci is available for differences"))

    // A row whose id is not one of the people of the cohort the allocation was made from.
    let stranger = try writeOutcomes(in: folder) { rows in rows[5][0] = "JD9999" }
    let notInDesign = try runPrevent(arguments(stranger, outcome: "reoffended", family: "binomial",
                                               extra: ["--estimand", "odds-ratio", "--cohort", demoCohort, "--plot", plot]))
    #expect(notInDesign.status != 0)
    #expect(notInDesign.standardError.contains("row 5: the id is not one of the 800 people of the cohort"), "\(notInDesign.standardError)")
    #expect(!FileManager.default.fileExists(atPath: plot))

    // An arm name the study does not have.
    let unknownArm = try writeOutcomes(in: folder) { rows in
        let arm = rows[0].firstIndex(of: "arm")!
        rows[3][arm] = "probation"
    }
    let unknown = try runPrevent(arguments(unknownArm, outcome: "offences", family: "poisson", extra: ["--plot", plot]))
    #expect(unknown.status != 0)
    #expect(unknown.standardError.contains("'probation', not an arm of the study"), "\(unknown.standardError)")
    #expect(!FileManager.default.fileExists(atPath: plot))

    // A missing outcome drops the row; a non-finite one is an error.
    let infinite = try writeOutcomes(in: folder) { rows in
        let column = rows[0].firstIndex(of: "offences")!
        rows[7][column] = "inf"
    }
    let nonFinite = try runPrevent(arguments(infinite, outcome: "offences", family: "negbin"))
    #expect(nonFinite.status != 0 && nonFinite.standardError.contains("offences"))
    let missing = try writeOutcomes(in: folder) { rows in
        let column = rows[0].firstIndex(of: "offences")!
        rows[7][column] = ""
    }
    let dropped = try runPrevent(arguments(missing, outcome: "offences", family: "poisson", draws: 19, extra: ["--format", "json"]))
    #expect(dropped.status == 0, "stderr: \(dropped.standardError)")
    #expect(try jsonObject(dropped.standardOutput)["n_dropped"] as? Int == 1)
}
