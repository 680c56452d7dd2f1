import Foundation
import Testing

/// `prevent power` end to end: analytic answers, a reproducible simulation, and bad settings.
@Suite struct PowerCommandTests {
    /// R: power.t.test(n = 100, delta = 0.4)$power = 0.80364660487667583.
    @Test func analyticPowerMatchesR() throws {
        let result = try runPrevent(["power", "--n", "200", "--effect", "0.4", "--format", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let values = lines[1].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "power"))
        let power = try #require(Double(values[column]))
        #expect(abs(power - 0.803_646_604_876_675_83) < 1e-10)
        #expect(result.standardError.isEmpty)
    }

    @Test func sampleSizeForTheStudyDesign() throws {
        let result = try runPrevent(["power", "--study", "Studies/jigsaw-demo/study.yaml", "--outcome", "proportions",
                                     "--control-proportion", "0.4", "--effect", "-0.1", "--power", "0.8",
                                     "--multiplicity", "holm", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\"intervention_arms\" : 3"))
        #expect(result.standardOutput.contains("\"solved_for\" : \"sample-size\""))
        #expect(result.standardOutput.contains("\"multiplicity\" : \"holm\""))
    }

    @Test func minimumDetectableRateRatio() throws {
        let result = try runPrevent(["power", "--arms", "3", "--outcome", "rates", "--control-rate", "1.2", "--follow-up", "1",
                                     "--n", "800", "--power", "0.8", "--format", "markdown"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("- Solved for: minimum detectable effect"))
        #expect(result.standardOutput.contains("| Effect per arm (rate ratio) | 0.7"))
    }

    @Test func simulationIsReproducibleAndQuietOffATerminal() throws {
        let arguments = ["power", "--arms", "3", "--n", "400", "--effect", "0.3", "--r-squared", "0.3", "--simulate", "2500",
                         "--seed", "42", "--format", "csv"]
        let first = try runPrevent(arguments)
        let second = try runPrevent(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardError.isEmpty)  // no progress bar into a pipe
        #expect(first.standardOutput.hasPrefix("arm,estimand,mean_estimate,mean_estimate_mc_se,bias,"))
        #expect(first.standardOutput.split(separator: "\n").count == 4)
    }

    @Test func simulationOfTheStudyDesignWithItsCohort() throws {
        let result = try runPrevent(["power", "--study", "Studies/jigsaw-demo/study.yaml", "--cohort", "Studies/jigsaw-demo/cohort.csv",
                                     "--outcome", "proportions", "--control-proportion", "0.45", "--effect", "-0.15,-0.1,-0.05",
                                     "--adjust", "none", "--simulate", "200", "--seed", "3"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("allocated by stratified-blocks to control, police, partner, social_media"))
        #expect(result.standardOutput.contains("social_media"))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let message: String
        var testDescription: String { message }
    }

    static let badCases: [BadCase] = [
        BadCase(arguments: ["power", "--n", "200"], message: "leave out exactly one quantity to solve for; missing: effect, power"),
        BadCase(arguments: ["power", "--n", "200", "--effect", "0.2", "--power", "0.8"], message: "every quantity was given"),
        BadCase(arguments: ["power", "--n", "200", "--effect", "0.2", "--alpha", "1.5"], message: "the significance level is 1.5, but it must be strictly between 0 and 1"),
        BadCase(arguments: ["power", "--outcome", "proportions", "--n", "200", "--effect", "0.2"], message: "--outcome proportions needs --control-proportion"),
        BadCase(arguments: ["power", "--n", "200", "--effect", "abc"], message: "--effect: \"abc\" is not a number"),
        BadCase(arguments: ["power", "--n", "200", "--effect", "0.2", "--simulate", "100"], message: "--simulate needs --seed"),
        BadCase(arguments: ["power", "--arms", "3", "--n", "200", "--effect", "0.2,0.1", "--simulate", "100", "--seed", "1"],
                message: "the number of arm effects is 2, but it must be one per intervention arm (arm1, arm2, arm3)"),
        BadCase(arguments: ["power", "--study", "Studies/jigsaw-demo/study.yaml", "--n", "800", "--effect", "0.2", "--simulate", "10", "--seed", "1"],
                message: "give --cohort"),
        BadCase(arguments: ["power", "--study", "no-such-study.yaml", "--n", "800", "--effect", "0.2"], message: "no-such-study.yaml"),
    ]

    @Test(arguments: badCases)
    func badSettingsFailWithAMessage(_ bad: BadCase) throws {
        let result = try runPrevent(bad.arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(bad.message), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }
}
