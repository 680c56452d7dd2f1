import Foundation
import Testing

/// End-to-end tests of `prevent analyse --family`: binary, count, harm and time-to-event
/// outcomes of one small trial, against R (ReferenceScripts/analyse_families.R writes the same
/// trial and prints the reference values used here).

/// The 90-person, three-arm trial of analyse_families.R.
private let familyTrial: String = {
    let arms = ["control", "police", "partner"]
    var lines = ["id,arm,age,reoffended,offences,days,harm,time,event"]
    for i in 0 ..< 90 {
        let arm = arms[i % 3]
        let age = 14 + (i * 37) % 17
        let reoffended = (i * 7 + 3) % 5 < 2 + (i % 3 == 1 ? 1 : 0) ? 1 : 0
        let offences = (i * i) % 13 / 2 * ((i * 7) % 4 == 0 ? 1 : 0) + (i % 3 == 2 ? 1 : 0)
        let days = 200 + (i * 13) % 165
        let harm = i % 4 == 0 ? 0 : (i * 13) % 50
        let time = 10 + (i * 29) % 300
        let event = (i * 7) % 11 > 3 ? 1 : 0
        lines.append("P\(i),\(arm),\(age),\(reoffended),\(offences),\(days),\(harm),\(time),\(event)")
    }
    return lines.joined(separator: "\n") + "\n"
}()

private func writeTrial() throws -> (folder: URL, data: String) {
    let folder = try scratchFolder()
    let data = folder.appendingPathComponent("trial.csv")
    try familyTrial.write(to: data, atomically: true, encoding: .utf8)
    return (folder, data.path)
}

private func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

private func estimate(_ report: [String: Any], arm: String) throws -> [String: Any] {
    let estimates = try #require(report["estimates"] as? [[String: Any]])
    return try #require(estimates.first { $0["arm"] as? String == arm })
}

private func number(_ object: [String: Any], _ key: String) throws -> Double {
    try #require((object[key] as? NSNumber)?.doubleValue, "no number under \(key)")
}

private func close(_ actual: Double, _ expected: Double, tolerance: Double = 1e-7) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}

@Suite struct AnalyseFamilyCommandTests {
    private func analyse(_ extra: [String]) throws -> (CommandResult, URL) {
        let (folder, data) = try writeTrial()
        let result = try runPrevent(["analyse", "--data", data, "--arm", "arm", "--control", "control", "--format", "json"] + extra)
        return (result, folder)
    }

    @Test func oddsRatioMatchesGlmWithSandwich() throws {
        let (result, _) = try analyse(["--outcome", "reoffended", "--family", "binomial", "--estimand", "odds-ratio",
                                       "--covariates", "age", "--se", "HC0"])
        #expect(result.status == 0, "\(result.standardError)")
        let police = try estimate(try jsonObject(result.standardOutput), arm: "police")
        #expect(close(try number(police, "estimate"), 2.2311589812309545))
        #expect(close(try number(police, "std_error"), 0.52810628436487861))
    }

    @Test func rateRatioWithExposureMatchesPoissonGlm() throws {
        let (result, _) = try analyse(["--outcome", "offences", "--family", "poisson", "--exposure", "days"])
        #expect(result.status == 0, "\(result.standardError)")
        let partner = try estimate(try jsonObject(result.standardOutput), arm: "partner")
        #expect(close(try number(partner, "estimate"), 2.5789596271426407))
        #expect(close(try number(partner, "std_error"), 0.44101683963783922))
    }

    @Test func negativeBinomialReportsTheta() throws {
        let (result, _) = try analyse(["--outcome", "offences", "--family", "negbin"])
        #expect(result.status == 0, "\(result.standardError)")
        let report = try jsonObject(result.standardOutput)
        #expect(close(try number(try estimate(report, arm: "partner"), "estimate"), 2.5652173913043468, tolerance: 1e-6))
        #expect(close(try number(report, "theta"), 0.78375948111733895, tolerance: 1e-6))
    }

    @Test func harmGivesThreeAnalysesAndShares() throws {
        let (result, _) = try analyse(["--outcome", "harm", "--family", "harm"])
        #expect(result.status == 0, "\(result.standardError)")
        let report = try jsonObject(result.standardOutput)
        let harm = try #require(report["harm"] as? [String: Any])
        let police = try estimate(harm, arm: "police")
        #expect(close(try number(police, "estimate"), 0.79999999999999649, tolerance: 1e-9))
        #expect(close(try number(police, "std_error"), 4.4649765201701239, tolerance: 1e-9))
        #expect(report["log_harm"] is [String: Any])
        #expect(report["any_harm"] is [String: Any])
        let shares = try #require(report["shares"] as? [[String: Any]])
        #expect(shares.count == 3)
    }

    @Test func hazardRatioMatchesCoxph() throws {
        let (folder, data) = try writeTrial()
        let plot = folder.appendingPathComponent("km.svg").path
        let result = try runPrevent(["analyse", "--data", data, "--arm", "arm", "--control", "control", "--format", "json",
                                     "--outcome", "time", "--event", "event", "--family", "survival", "--covariates", "age",
                                     "--plot", plot])
        #expect(result.status == 0, "\(result.standardError)")
        let police = try estimate(try jsonObject(result.standardOutput), arm: "police")
        #expect(close(try number(police, "hazard_ratio"), 0.70389790752608916))
        #expect(close(try number(police, "std_error"), 0.33229750863560276))
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
    }

    @Test func everyFormatRendersForEachFamily() throws {
        let cases: [[String]] = [
            ["--outcome", "reoffended", "--family", "binomial"],
            ["--outcome", "offences", "--family", "poisson"],
            ["--outcome", "harm", "--family", "harm"],
            ["--outcome", "time", "--event", "event", "--family", "survival"],
        ]
        let (_, data) = try writeTrial()
        for arguments in cases {
            for format in ["text", "csv", "markdown"] {
                let result = try runPrevent(["analyse", "--data", data, "--arm", "arm", "--control", "control",
                                             "--format", format] + arguments)
                #expect(result.status == 0, "\(arguments) \(format): \(result.standardError)")
                #expect(result.standardOutput.contains("police"), "\(arguments) \(format)")
            }
        }
    }

    struct BadFamilyInput: CustomStringConvertible {
        let description: String
        let arguments: [String]
        let message: String
    }

    static let badInputs: [BadFamilyInput] = [
        .init(description: "survival without an event column", arguments: ["--outcome", "time", "--family", "survival"],
              message: "--family survival needs --event"),
        .init(description: "an estimand the family does not allow",
              arguments: ["--outcome", "offences", "--family", "poisson", "--estimand", "odds-ratio"], message: "odds-ratio"),
        .init(description: "a non-binary outcome for binomial", arguments: ["--outcome", "offences", "--family", "binomial", "--estimand", "odds-ratio"],
              message: "offences"),
        .init(description: "randomisation inference with survival",
              arguments: ["--outcome", "time", "--event", "event", "--family", "survival", "--ri", "100", "--study", "study.yaml"],
              message: "--ri is not supported yet for --family survival"),
        .init(description: "an exposure with a continuous outcome", arguments: ["--outcome", "harm", "--exposure", "days"],
              message: "--exposure"),
        .init(description: "an unknown arm column", arguments: ["--outcome", "time", "--event", "event", "--family", "survival", "--arm", "group"],
              message: "group"),
    ]

    @Test(arguments: badInputs)
    func badFamilyInputIsRefusedAndWritesNoPlot(_ bad: BadFamilyInput) throws {
        let (folder, data) = try writeTrial()
        let plot = folder.appendingPathComponent("plot.svg")
        var arguments = ["analyse", "--data", data, "--arm", "arm", "--control", "control", "--plot", plot.path]
        // A later --arm wins, so a case may replace the arm column.
        arguments += bad.arguments
        let result = try runPrevent(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(bad.message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: plot.path))
    }
}
