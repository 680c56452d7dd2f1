import Foundation
import Testing

// End-to-end tests of `prevent forest`: one forest plot across outcomes from the JSON that
// `prevent analyse --format json` writes for several families.

private func writeTrial(in folder: URL) throws -> String {
    var lines = ["arm,reoffended,offences,harm,days,event"]
    for i in 0 ..< 120 {
        let arm = ["control", "police", "partner"][i % 3]
        let u = Double((i * 7919) % 101) / 101
        let reoffended = u < (arm == "police" ? 0.25 : 0.5) ? 1 : 0
        let offences = Int(u * (arm == "police" ? 3 : 5))
        lines.append("\(arm),\(reoffended),\(offences),\(String(format: "%.2f", 3 * u + (arm == "police" ? 0 : 2))),\(20 + (i * 37) % 300),\(reoffended)")
    }
    let path = folder.appendingPathComponent("trial.csv").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func analyse(_ data: String, _ extra: [String], into path: String) throws {
    let result = try runPrevent(["analyse", "--data", data, "--arm", "arm", "--control", "control", "--format", "json"] + extra)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    try result.standardOutput.write(toFile: path, atomically: true, encoding: .utf8)
}

@Test func forestDrawsOnePanelPerAnalysis() throws {
    let folder = try scratchFolder()
    let data = try writeTrial(in: folder)
    let files = ["difference", "odds", "rate", "harm", "hazard"].map { folder.appendingPathComponent("\($0).json").path }
    try analyse(data, ["--outcome", "reoffended", "--family", "binomial"], into: files[0])
    try analyse(data, ["--outcome", "reoffended", "--family", "binomial", "--estimand", "odds-ratio"], into: files[1])
    try analyse(data, ["--outcome", "offences", "--family", "poisson"], into: files[2])
    try analyse(data, ["--outcome", "harm", "--family", "harm"], into: files[3])
    try analyse(data, ["--outcome", "days", "--event", "event", "--family", "survival"], into: files[4])
    let out = folder.appendingPathComponent("forest.svg").path
    let result = try runPrevent(["forest", "--title", "Jigsaw outcomes", "--out", out] + files.flatMap { ["--from", $0] })
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let svg = try String(contentsOfFile: out, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
    for title in ["reoffended: risk difference against control", "reoffended: odds ratio against control",
                  "offences: rate ratio against control", "harm: mean difference in harm against control",
                  "days: hazard ratio against control", "Odds ratio (95% CI)", "Hazard ratio (95% CI)", "Jigsaw outcomes"] {
        #expect(svg.contains(">\(title)</text>"), "missing \(title)")
    }
    // Two arms per panel: ten markers and five frames.
    #expect(svg.components(separatedBy: "<rect").count - 1 == 10 + 5)
}

@Test func forestBadInputsWriteNoFile() throws {
    let folder = try scratchFolder()
    let out = folder.appendingPathComponent("forest.svg").path
    let missing = try runPrevent(["forest", "--from", folder.appendingPathComponent("absent.json").path, "--out", out])
    #expect(missing.status != 0 && missing.standardError.contains("absent.json: cannot be read"))

    let text = folder.appendingPathComponent("table.json").path
    try "arm,estimate\npolice,1\n".write(toFile: text, atomically: true, encoding: .utf8)
    let notJSON = try runPrevent(["forest", "--from", text, "--out", out])
    #expect(notJSON.status != 0 && notJSON.standardError.contains("table.json: is not a JSON object"))

    let partial = folder.appendingPathComponent("partial.json").path
    try #"{"outcome": "harm", "estimates": [{"arm": "police", "estimate": 1.5, "conf_low": 0.5}]}"#
        .write(toFile: partial, atomically: true, encoding: .utf8)
    let noLimit = try runPrevent(["forest", "--from", partial, "--out", out])
    #expect(noLimit.status != 0)
    #expect(noLimit.standardError.contains("estimate 1 ('police') in 'estimates' has no number 'conf_high'"), "\(noLimit.standardError)")

    let none = try runPrevent(["forest", "--out", out])
    #expect(none.status != 0 && none.standardError.contains("Give at least one --from"))
    #expect(!FileManager.default.fileExists(atPath: out))
}
