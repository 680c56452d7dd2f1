import Foundation
import Testing

/// End-to-end tests of `prevent analyse`: run the built binary on small CSV files.

/// R's PlantGrowth with two outcomes removed (as Tests/TrialAnalysisTests/Fixtures/data_plantgrowth.csv).
private let plantGrowth = """
    weight,group
    4.17,ctrl
    5.58,ctrl
    5.18,ctrl
    NA,ctrl
    4.5,ctrl
    4.61,ctrl
    5.17,ctrl
    4.53,ctrl
    5.33,ctrl
    5.14,ctrl
    4.81,trt1
    4.17,trt1
    4.41,trt1
    3.59,trt1
    5.87,trt1
    3.83,trt1
    6.03,trt1
    4.89,trt1
    4.32,trt1
    4.69,trt1
    6.31,trt2
    5.12,trt2
    5.54,trt2
    5.5,trt2
    5.37,trt2
    5.29,trt2
    NA,trt2
    6.15,trt2
    5.8,trt2
    5.26,trt2

    """

/// Writes `contents` to `name` in a fresh folder; returns the file's path and the folder.
private func writeData(_ contents: String, named name: String = "trial.csv") throws -> (path: String, folder: URL) {
    let folder = try scratchFolder()
    let file = folder.appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    return (file.path, folder)
}

private func expectClose(_ actual: Any?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    let value = (actual as? NSNumber)?.doubleValue ?? .nan
    #expect(abs(value - expected) <= 1e-8 * max(1, abs(expected)), "\(value) against \(expected)", sourceLocation: sourceLocation)
}

@Test func analyseJSONAgreesWithEstimatr() throws {
    let (data, folder) = try writeData(plantGrowth)
    let plot = folder.appendingPathComponent("forest.svg").path
    let result = try runPrevent(["analyse", "--data", data, "--outcome", "weight", "--arm", "group", "--control", "ctrl",
                                 "--format", "json", "--plot", plot])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(object["outcome"] as? String == "weight")
    #expect(object["n"] as? Int == 28)
    #expect(object["n_dropped"] as? Int == 2)
    #expect(object["se_type"] as? String == "HC2")
    #expect(object["adjustment"] as? String == "none")
    #expect((object["dropped_columns"] as? [Any])?.isEmpty == true)
    // R: estimatr::lm_robust(weight ~ group, data, se_type = "HC2"), case 28 of the fixtures.
    let estimates = try #require(object["estimates"] as? [[String: Any]])
    try #require(estimates.count == 2)
    #expect(estimates.map { $0["arm"] as? String } == ["trt1", "trt2"])
    let trt2 = estimates[1]
    expectClose(trt2["estimate"], 0.68111111111111056)
    expectClose(trt2["std_error"], 0.20828517962011292)
    expectClose(trt2["statistic"], 0.68111111111111056 / 0.20828517962011292)
    expectClose(trt2["df"], 25)
    expectClose(trt2["p_value"], 0.0031278548728091099)
    expectClose(trt2["conf_low"], 0.25213975371634256)
    expectClose(trt2["conf_high"], 1.1100824685058786)
    expectClose(trt2["p_value_holm"], 0.0062557097456182199)
    expectClose(estimates[0]["estimate"], -0.2512222222222229)
    expectClose(estimates[0]["std_error"], 0.29590228200172286)
    let joint = try #require(object["joint_test"] as? [String: Any])
    expectClose(joint["statistic"], 8.1007807253268549)
    expectClose(joint["df1"], 2)
    expectClose(joint["df2"], 25)
    expectClose(joint["p_value"], 0.001940122573453293)

    let svg = try String(contentsOfFile: plot, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.contains(">trt1</text>") && svg.contains(">trt2</text>"))
    #expect(svg.contains("95% CI"))
}

@Test(arguments: ["text", "csv", "markdown"])
func analyseEveryFormatStatesTheDroppedRows(_ format: String) throws {
    let (data, _) = try writeData(plantGrowth)
    let result = try runPrevent(["analyse", "--data", data, "--outcome", "weight", "--arm", "group", "--control", "ctrl",
                                 "--format", format])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardError.isEmpty)
    let output = result.standardOutput
    switch format {
    case "csv":
        let lines = output.split(separator: "\n")
        try #require(lines.count == 3)
        let header = lines[0].split(separator: ",").map(String.init)
        let trt2 = lines[2].split(separator: ",").map(String.init)
        let field = { (name: String) in trt2[header.firstIndex(of: name)!] }
        #expect(field("arm") == "trt2")
        #expect(field("n_dropped") == "2")
        #expect(field("n") == "28")
        #expect(abs(Double(field("estimate"))! - 0.68111111111111056) < 1e-12)
    default:
        #expect(output.contains("rows dropped for missing values: 2"))
        #expect(output.contains("Rows analysed: 28"))
        // Four significant digits of the trt2 estimate, standard error and Holm p-value.
        #expect(output.contains("0.6811") && output.contains("0.2083") && output.contains("0.006256"))
        if format == "markdown" { #expect(output.contains("| trt2 |")) }
    }
}

@Test func analyseWithCovariatesDefaultsToLin() throws {
    var rows = ["y,arm,x,site"]
    for i in 0 ..< 24 {
        let arm = ["control", "mentor", "police"][i % 3]
        rows.append("\(Double(i % 7) + 0.5 * Double(i % 3)),\(arm),\(Double((i * 5) % 11)),s\(i % 4)")
    }
    let (data, _) = try writeData(rows.joined(separator: "\n") + "\n")
    let result = try runPrevent(["analyse", "--data", data, "--outcome", "y", "--arm", "arm", "--control", "control",
                                 "--covariates", "x", "--cluster", "site", "--se", "stata", "--format", "json"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(object["adjustment"] as? String == "lin")
    #expect(object["se_type"] as? String == "stata")
    #expect(object["n_clusters"] as? Int == 4)
    #expect((object["estimates"] as? [Any])?.count == 2)
}

@Test func analyseWritesNullForNumbersThatAreNotFinite() throws {
    // Arm t has one person, so its HC2 leverage is 1 and its standard error undefined.
    let (data, _) = try writeData("y,arm\n1,c\n2,c\n3,c\n4,t\n5,u\n7,u\n")
    let result = try runPrevent(["analyse", "--data", data, "--outcome", "y", "--arm", "arm", "--control", "c", "--format", "json"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let estimates = try #require(object["estimates"] as? [[String: Any]])
    #expect(estimates.first?["arm"] as? String == "t")
    #expect(estimates.first?["std_error"] is NSNull)
    #expect(estimates.first?["conf_low"] is NSNull)
    #expect(estimates.first?["p_value"] is NSNull)
    expectClose(estimates.first?["estimate"], 2)
    #expect(object["joint_test"] is NSNull)
    #expect(object["n_dropped"] as? Int == 0)
}

/// A kind of bad input to `prevent analyse` and what it must say.
struct AnalyseBadInput: Sendable, CustomStringConvertible {
    let description: String
    let contents: String
    let arguments: [String]
    let status: Int32
    let messages: [String]
}

private let standardArguments = ["--outcome", "weight", "--arm", "group", "--control", "ctrl"]

private let analyseBadInputs: [AnalyseBadInput] = [
    AnalyseBadInput(description: "unknown outcome column", contents: plantGrowth,
                    arguments: ["--outcome", "height", "--arm", "group", "--control", "ctrl"], status: 1,
                    messages: ["trial.csv", "column 'height': there is no such column (it was given as the outcome)"]),
    AnalyseBadInput(description: "unknown arm column", contents: plantGrowth,
                    arguments: ["--outcome", "weight", "--arm", "arm", "--control", "ctrl"], status: 1,
                    messages: ["column 'arm': there is no such column (it was given as the arm)"]),
    AnalyseBadInput(description: "unknown covariate column", contents: plantGrowth,
                    arguments: standardArguments + ["--covariates", "age"], status: 1,
                    messages: ["column 'age': there is no such column (it was given as the covariate)"]),
    AnalyseBadInput(description: "unknown control level", contents: plantGrowth,
                    arguments: ["--outcome", "weight", "--arm", "group", "--control", "placebo"], status: 1,
                    messages: ["the control level 'placebo' is not a value of arm column 'group'", "'trt1'"]),
    AnalyseBadInput(description: "empty arm", contents: "weight,group\n1,ctrl\n2,ctrl\n3,trt1\n4,trt1\nNA,trt2\n", arguments: standardArguments,
                    status: 1, messages: ["arm 'trt2' has no complete rows (1 rows were dropped"]),
    AnalyseBadInput(description: "single cluster", contents: "weight,group,site\n1,ctrl,a\n2,ctrl,a\n3,trt1,a\n5,trt1,a\n",
                    arguments: standardArguments + ["--cluster", "site"], status: 1,
                    messages: ["at least two clusters; all 4 observations are in one"]),
    AnalyseBadInput(description: "non-finite value", contents: "weight,group\n1,ctrl\n2,ctrl\nInf,trt1\n4,trt1\n",
                    arguments: standardArguments, status: 1,
                    messages: ["column 'weight' holds an infinite value at data row 3"]),
    AnalyseBadInput(description: "CR2 without a cluster", contents: plantGrowth,
                    arguments: standardArguments + ["--se", "CR2"], status: 1,
                    messages: ["the CR2 variance needs a cluster column"]),
    AnalyseBadInput(description: "ragged row", contents: "weight,group\n1,ctrl\n2,ctrl,extra\n4,trt1\n",
                    arguments: standardArguments, status: 1, messages: ["trial.csv:3"]),
    AnalyseBadInput(description: "level out of range", contents: plantGrowth,
                    arguments: standardArguments + ["--level", "1.5"], status: 64, messages: ["--level", "1.5"]),
    AnalyseBadInput(description: "adjustment without covariates", contents: plantGrowth,
                    arguments: standardArguments + ["--adjust", "additive"], status: 64, messages: ["--adjust needs --covariates"]),
    AnalyseBadInput(description: "unknown se type", contents: plantGrowth,
                    arguments: standardArguments + ["--se", "HC4"], status: 64, messages: ["--se", "HC4"]),
]

@Test(arguments: analyseBadInputs)
func analyseBadInputIsReportedAndWritesNoPlot(_ bad: AnalyseBadInput) throws {
    let (data, folder) = try writeData(bad.contents)
    let plot = folder.appendingPathComponent("forest.svg").path
    let result = try runPrevent(["analyse", "--data", data, "--plot", plot] + bad.arguments)
    #expect(result.status == bad.status, "stderr: \(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    for message in bad.messages {
        #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
    }
    #expect(!FileManager.default.fileExists(atPath: plot))
}
