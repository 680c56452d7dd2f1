import Foundation
import Testing

/// End-to-end tests of `prevent analyse --family survival` with `--weights` (a weighted Cox
/// model) and `--entry` (delayed entry into follow-up), on the delayed-entry trial that
/// Tests/SurvivalAnalysisTests/Fixtures/make_weighted_fixtures.R writes, against its R survival
/// reference values (`coxph(Surv(entry, time, event) ~ arm + age, weights = weight)`).
@Suite struct SurvivalWeightsTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/SurvivalAnalysisTests/Fixtures")
    static let data = fixtures.appendingPathComponent("entry_trial.csv").path

    static func reference() throws -> [String: Any] {
        let text = try Data(contentsOf: fixtures.appendingPathComponent("entry_reference_trial.json"))
        return try #require(try JSONSerialization.jsonObject(with: text) as? [String: Any])
    }

    static let survival = ["analyse", "--family", "survival", "--outcome", "time", "--event", "event", "--arm", "arm",
                           "--control", "control"]

    private func estimates(_ output: String) throws -> [String: [String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let rows = try #require(report["estimates"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["arm"] as! String, $0) })
    }

    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * abs(b) }

    @Test func weightedCoxWithEntryMatchesR() throws {
        let result = try runPrevent(Self.survival + ["--data", Self.data, "--covariates", "age", "--weights", "weight",
                                                     "--entry", "entry", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let expected = try Self.reference()
        let coefficients = expected["coef"] as! [Double], errors = expected["se"] as! [Double]
        let rows = try estimates(result.standardOutput)
        for (index, arm) in ["partner", "police"].enumerated() {
            let row = try #require(rows[arm])
            #expect(close(row["estimate"] as! Double, coefficients[index]), "\(arm) log hazard ratio")
            #expect(close(row["hazard_ratio"] as! Double, exp(coefficients[index])), "\(arm) hazard ratio")
            #expect(close(row["std_error"] as! Double, errors[index]), "\(arm) robust standard error")
        }
        #expect(result.standardOutput.contains("\"robust\""))
        #expect(result.standardOutput.contains("enter follow-up after allocation"))
    }

    @Test func weightsWithoutEntryChangeTheHazardRatios() throws {
        let plain = try runPrevent(Self.survival + ["--data", Self.data, "--format", "json"])
        let weighted = try runPrevent(Self.survival + ["--data", Self.data, "--weights", "weight", "--format", "json"])
        #expect(plain.status == 0 && weighted.status == 0, "\(plain.standardError) \(weighted.standardError)")
        let a = try #require(try estimates(plain.standardOutput)["police"]), b = try #require(try estimates(weighted.standardOutput)["police"])
        #expect(a["estimate"] as! Double != b["estimate"] as! Double)
        #expect(weighted.standardOutput.contains("Kaplan-Meier curves and log-rank tests are unweighted"))
    }

    struct BadInput: CustomStringConvertible {
        let description: String
        let csv: String?
        let arguments: [String]
        let message: [String]
    }

    static let badInputs: [BadInput] = [
        .init(description: "a zero weight", csv: "time,event,arm,w,entry\n5,1,control,1,0\n3,1,police,0,0\n7,0,control,1,0\n4,1,police,1,0\n",
              arguments: ["--weights", "w"], message: ["weights column 'w'", "data row 2", "positive"]),
        .init(description: "an unknown weights column", csv: nil, arguments: ["--weights", "sampling_weight"],
              message: ["sampling_weight", "no such column"]),
        .init(description: "an entry after the event", csv: "time,event,arm,w,entry\n5,1,control,1,0\n3,1,police,1,4\n7,0,control,1,0\n4,1,police,1,0\n",
              arguments: ["--entry", "entry"], message: ["'entry'", "data row 2", "entry must come first"]),
        .init(description: "a negative entry", csv: "time,event,arm,w,entry\n5,1,control,1,-2\n3,1,police,1,0\n7,0,control,1,0\n4,1,police,1,0\n",
              arguments: ["--entry", "entry"], message: ["'entry'", "data row 1", "negative"]),
        .init(description: "an entry column of text", csv: "time,event,arm,w,entry\n5,1,control,1,a\n3,1,police,1,b\n7,0,control,1,c\n4,1,police,1,d\n",
              arguments: ["--entry", "entry"], message: ["'entry'", "numeric"]),
        .init(description: "an unknown arm in control", csv: nil, arguments: ["--weights", "weight", "--control", "placebo"],
              message: ["placebo", "not a value of arm column"]),
        .init(description: "--entry with another family", csv: nil,
              arguments: ["--family", "gaussian", "--entry", "entry"], message: ["--entry", "belong to --family survival"]),
    ]

    @Test(arguments: badInputs)
    func badInputIsRefusedAndWritesNoPlot(_ bad: BadInput) throws {
        let folder = try scratchFolder()
        var data = Self.data
        if let csv = bad.csv {
            data = folder.appendingPathComponent("bad.csv").path
            try csv.write(toFile: data, atomically: true, encoding: .utf8)
        }
        let plot = folder.appendingPathComponent("curves.svg")
        let result = try runPrevent(Self.survival + ["--data", data, "--plot", plot.path] + bad.arguments)
        #expect(result.status != 0)
        for part in bad.message { #expect(result.standardError.contains(part), "\(bad): \(result.standardError)") }
        #expect(!FileManager.default.fileExists(atPath: plot.path))
        #expect(result.standardOutput.isEmpty)
    }
}

/// End-to-end tests of `prevent power --simulate` for cluster designs and rates: a study whose
/// scheme allocates clusters, --icc and --cluster-size; --outcome rates with --dispersion.
@Suite struct PowerSimulationOptionsTests {
    static let clusterStudy = """
        study: power-clusters
        arms:
          - {name: control, ratio: 1}
          - {name: police, ratio: 1}
        control: control
        randomisation:
          scheme: cluster
          cluster: family
          seed: 7

        """

    private func writeStudy() throws -> String {
        let path = try scratchFolder().appendingPathComponent("study.yaml").path
        try Self.clusterStudy.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func report(_ output: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test func clusterDesignIsSimulatedWithCR2() throws {
        let result = try runPrevent(["power", "--study", try writeStudy(), "--n", "400", "--cluster-size", "10", "--icc", "0.05",
                                     "--effect", "0.3", "--simulate", "200", "--seed", "4", "--adjust", "none", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try report(result.standardOutput)
        #expect(json["se_type"] as? String == "CR2")
        #expect(json["clusters"] as? Int == 40)
        #expect(json["icc"] as? Double == 0.05)
    }

    @Test func ratesAreSimulatedOnTheLogScale() throws {
        let result = try runPrevent(["power", "--arms", "2", "--n", "600", "--outcome", "rates", "--control-rate", "0.6",
                                     "--dispersion", "1.5", "--effect", "0.7", "--simulate", "300", "--seed", "9", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try report(result.standardOutput)
        #expect(json["se_type"] as? String == "HC0")
        let arms = try #require(json["arms"] as? [[String: Any]])
        #expect(arms.count == 2)
        #expect(abs((arms[0]["estimand"] as! Double) - log(0.7)) < 1e-15)
        let text = try runPrevent(["power", "--arms", "2", "--n", "600", "--outcome", "rates", "--control-rate", "0.6",
                                   "--effect", "0.7", "--simulate", "100", "--seed", "9"])
        #expect(text.standardOutput.contains("Poisson counts") && text.standardOutput.contains("log rate ratios"))
    }

    struct BadCase: CustomStringConvertible {
        let description: String
        let arguments: [String]
        let message: String
    }

    static let badCases: [BadCase] = [
        .init(description: "an ICC without a cluster design",
              arguments: ["power", "--n", "200", "--effect", "0.2", "--icc", "0.1", "--simulate", "50", "--seed", "1"],
              message: "--icc and --cluster-size need a study whose randomisation scheme allocates clusters"),
        .init(description: "a cluster size that does not divide n",
              arguments: ["--n", "405", "--cluster-size", "10", "--effect", "0.2", "--simulate", "50", "--seed", "1"],
              message: "a whole number of people per cluster that divides --n (405)"),
        .init(description: "an unclustered estimator for a cluster design",
              arguments: ["--n", "400", "--cluster-size", "10", "--effect", "0.2", "--se", "HC2", "--simulate", "50", "--seed", "1"],
              message: "the variance estimator is HC2, but it must be a clustered one"),
        .init(description: "a dispersion for means",
              arguments: ["power", "--n", "200", "--effect", "0.2", "--dispersion", "2", "--simulate", "50", "--seed", "1"],
              message: "--dispersion belongs to --outcome rates"),
        .init(description: "a rate ratio that is not positive",
              arguments: ["power", "--n", "200", "--outcome", "rates", "--control-rate", "0.5", "--effect", "-0.5", "--simulate", "50", "--seed", "1"],
              message: "an arm's rate ratio is -0.5, but it must be positive"),
        .init(description: "a dispersion without a simulation",
              arguments: ["power", "--n", "200", "--outcome", "rates", "--control-rate", "0.5", "--effect", "0.5", "--dispersion", "2"],
              message: "--dispersion and --se are for --simulate"),
    ]

    @Test(arguments: badCases)
    func badSettingsFailWithAMessage(_ bad: BadCase) throws {
        var arguments = bad.arguments
        if arguments.first != "power" { arguments = ["power", "--study", try writeStudy()] + arguments }
        let result = try runPrevent(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(bad.message), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }
}
