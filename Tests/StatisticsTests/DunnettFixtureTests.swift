import Foundation
import Testing
@testable import Statistics

/// ``ManyToOneComparison`` against R (mvtnorm 1.1, multcomp 1.4), from the fixtures made by
/// `Fixtures/dunnett/make_dunnett_fixtures.R`; that script explains each reference's accuracy.
enum DunnettFixtures {
    /// The rows of one CSV file with a header, as dictionaries keyed by column, with line numbers.
    static func load(_ name: String, folder: String = "dunnett") -> [(line: Int, fields: [String: String])] {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(folder)/\(name)", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        let lines = text.split(separator: "\n").map { String($0) }
        guard let header = lines.first?.split(separator: ",").map({ String($0) }) else { return [] }
        return lines.dropFirst().enumerated().map { index, line in
            let values = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            return (index + 2, Dictionary(uniqueKeysWithValues: zip(header, values)))
        }
    }

    /// R writes infinite degrees of freedom as `Inf`.
    static func number(_ text: String?) -> Double {
        guard let text = text?.trimmingCharacters(in: .whitespaces) else { return .nan }
        switch text {
        case "Inf": return .infinity
        case "-Inf": return -.infinity
        default: return Double(text) ?? .nan
        }
    }

    static func numbers(_ text: String?) -> [Double] {
        (text ?? "").split(separator: ";").map { number(String($0)) }
    }
}

struct DunnettProbabilityCase: Sendable, CustomTestStringConvertible {
    let line: Int
    let factors: [Double]
    let degreesOfFreedom: Double
    let twoSided: Bool
    let bound: Double
    let reference: Double
    let referenceError: Double
    let method: String
    let oneFactor: Double

    var testDescription: String {
        "probabilities.csv:\(line) \(method) ν = \(degreesOfFreedom), \(twoSided ? "two" : "one")-sided, c = \(bound), λ = \(factors)"
    }

    static let all: [DunnettProbabilityCase] = DunnettFixtures.load("probabilities").map { line, f in
        DunnettProbabilityCase(
            line: line, factors: DunnettFixtures.numbers(f["lambdas"]),
            degreesOfFreedom: DunnettFixtures.number(f["df"]), twoSided: f["sided"] == "two",
            bound: DunnettFixtures.number(f["c"]), reference: DunnettFixtures.number(f["probability"]),
            referenceError: DunnettFixtures.number(f["error"]), method: f["method"] ?? "",
            oneFactor: DunnettFixtures.number(f["one_factor"])
        )
    }
}

struct DunnettCriticalValueCase: Sendable, CustomTestStringConvertible {
    let line: Int
    let factors: [Double]
    let degreesOfFreedom: Double
    let twoSided: Bool
    let level: Double
    let quantile: Double
    let rootError: Double
    let refined: Double

    var testDescription: String {
        "critical_values.csv:\(line) ν = \(degreesOfFreedom), \(twoSided ? "two" : "one")-sided, level \(level), λ = \(factors)"
    }

    static let all: [DunnettCriticalValueCase] = DunnettFixtures.load("critical_values").map { line, f in
        DunnettCriticalValueCase(
            line: line, factors: DunnettFixtures.numbers(f["lambdas"]),
            degreesOfFreedom: DunnettFixtures.number(f["df"]), twoSided: f["sided"] == "two",
            level: DunnettFixtures.number(f["level"]), quantile: DunnettFixtures.number(f["critical_value"]),
            rootError: DunnettFixtures.number(f["root_error"]),
            refined: DunnettFixtures.number(f["refined_critical_value"])
        )
    }
}

struct DunnettMultcompCase: Sendable, CustomTestStringConvertible {
    let line: Int
    let dataset: String
    let contrast: String
    let twoSided: Bool
    let controlSize: Int
    let armSizes: [Int]
    let degreesOfFreedom: Double
    let statistics: [Double]
    let index: Int
    let adjustedP: Double
    let error: Double

    var testDescription: String { "multcomp.csv:\(line) \(dataset) \(contrast) \(twoSided ? "two-sided" : "greater")" }

    static let all: [DunnettMultcompCase] = DunnettFixtures.load("multcomp").map { line, f in
        DunnettMultcompCase(
            line: line, dataset: f["dataset"] ?? "", contrast: f["contrast"] ?? "",
            twoSided: f["alternative"] == "two.sided", controlSize: Int(f["control_size"] ?? "") ?? 0,
            armSizes: DunnettFixtures.numbers(f["arm_sizes"]).map { Int($0) },
            degreesOfFreedom: DunnettFixtures.number(f["df"]), statistics: DunnettFixtures.numbers(f["statistics"]),
            index: Int(f["index"] ?? "") ?? 0, adjustedP: DunnettFixtures.number(f["adjusted_p"]),
            error: DunnettFixtures.number(f["error"])
        )
    }
}

struct DunnettFixtureTests {
    /// The fixtures load; an empty table would make the tests below vacuous.
    @Test func fixturesArePresent() {
        #expect(DunnettProbabilityCase.all.count == 116)
        #expect(DunnettCriticalValueCase.all.count == 6)
        #expect(DunnettMultcompCase.all.count == 9)
    }

    /// Against mvtnorm: Miwa (normal, deterministic, tolerance 5e-10 from its measured error) and
    /// GenzBretz (t, randomised, tolerance its own reported 99% error bound, 1e-15 to 1.2e-6);
    /// and against R's `integrate()` of the same one-factor integral, an independent QUADPACK
    /// implementation at `rel.tol` 1e-13 (1e-12 outer), to 1e-11.
    @Test(arguments: DunnettProbabilityCase.all)
    func probabilitiesAgreeWithMvtnorm(_ c: DunnettProbabilityCase) {
        let comparison = ManyToOneComparison(correlationFactors: c.factors, degreesOfFreedom: c.degreesOfFreedom)
        let probability = comparison.probabilityAllWithin(c.bound, twoSided: c.twoSided)
        #expect(abs(probability - c.reference) <= c.referenceError)
        #expect(abs(probability - c.oneFactor) <= 1e-11)
        let p = comparison.adjustedPValue(forStatistic: c.bound, twoSided: c.twoSided)
        #expect(abs(p - (1 - c.oneFactor)) <= 1e-11)
    }

    /// The critical value against a root of the reference probability found by `uniroot(tol =
    /// 1e-14)`: they must agree to the reference's probability error divided by the slope
    /// `dP/dc` (5e-10 for Miwa, 1e-11 for the one-factor integral). qmvnorm's and qmvt's own
    /// answers stop once their (stochastic) root finder is within its default `ptol = 0.001` in
    /// probability, and their `f.quantile` is not a bound on the true error, so for them only
    /// `|P(c) − (1 − level)| ≤ 0.001` is checked.
    @Test(arguments: DunnettCriticalValueCase.all)
    func criticalValuesAgreeWithQmvt(_ c: DunnettCriticalValueCase) {
        let comparison = ManyToOneComparison(correlationFactors: c.factors, degreesOfFreedom: c.degreesOfFreedom)
        let critical = comparison.criticalValue(level: c.level, twoSided: c.twoSided)
        let slope = comparison.integrate(.coverageDerivative, critical, twoSided: c.twoSided)
        let probabilityError = c.degreesOfFreedom.isFinite ? 1e-11 : 5e-10
        #expect(abs(critical - c.refined) * slope <= probabilityError)
        let atQuantile = comparison.probabilityAllWithin(c.quantile, twoSided: c.twoSided)
        #expect(abs(atQuantile - (1 - c.level)) <= 0.001)
    }

    /// Single-step adjusted p-values against multcomp's `summary(glht(…, mcp(arm = "Dunnett")),
    /// test = adjusted("single-step"))`. multcomp integrates by GenzBretz, which is randomised;
    /// the fixture ran it with `abseps = 1e-9` and `maxpts = 5e6`, and the tolerance is its
    /// reported error, but never below our own accuracy (1e-11), since for two arms mvtnorm
    /// reports an error near 1e-15.
    @Test(arguments: DunnettMultcompCase.all)
    func adjustedPValuesAgreeWithMultcomp(_ c: DunnettMultcompCase) {
        let comparison = ManyToOneComparison(
            armSizes: c.armSizes, controlSize: c.controlSize, degreesOfFreedom: c.degreesOfFreedom
        )
        let adjusted = comparison.adjustedPValues(forStatistics: c.statistics, twoSided: c.twoSided)
        #expect(abs(adjusted[c.index - 1] - c.adjustedP) <= max(c.error, 1e-11))
    }
}
