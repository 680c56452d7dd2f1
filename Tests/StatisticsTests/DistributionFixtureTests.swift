import Foundation
import Testing
@testable import Statistics

/// One row of a distribution fixture made by `Fixtures/make_distribution_fixtures.py`: a function
/// of one distribution at one point, with the mpmath reference (50 significant digits) and
/// scipy's value for comparison.
struct DistributionCase: Sendable, CustomTestStringConvertible {
    let file: String
    let line: Int
    let function: String
    let parameters: (Double, Double?)
    let x: Double
    let reference: Double
    let scipy: Double

    var testDescription: String {
        let second = parameters.1.map { ", \($0)" } ?? ""
        return "\(file):\(line) \(function)(\(x)) with (\(parameters.0)\(second))"
    }
}

/// The agreement required with mpmath: 1e-12 relative error, and exact agreement where a
/// probability, density or quantile is 0 or infinite. (Discrete quantiles are integers, so for them 1e-12 relative
/// error also means exact.)
///
/// Log-densities are judged by their absolute error where they are smaller than 1 in magnitude,
/// which is the relative error of the density itself; relative error of a logarithm that
/// crosses zero has no meaning.
enum Agreement {
    static let tolerance = 1e-12

    static func error(_ value: Double, reference: Double, function: String) -> Double {
        let isLogarithm = function.hasPrefix("log")
        if reference.isInfinite || reference == 0 && !isLogarithm {
            return value == reference ? 0 : .infinity
        }
        if value.isNaN { return .infinity }
        let scale = isLogarithm ? max(1, abs(reference)) : abs(reference)
        return abs(value - reference) / scale
    }
}

enum DistributionFixtures {
    static func load(_ name: String) -> [DistributionCase] {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        var cases: [DistributionCase] = []
        for (index, row) in text.split(separator: "\n").enumerated().dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6,
                  let first = Double(fields[1]), let x = Double(fields[3]),
                  let reference = Double(fields[4])
            else { continue }
            cases.append(DistributionCase(
                file: name, line: index + 1, function: fields[0],
                parameters: (first, Double(fields[2])), x: x, reference: reference,
                scipy: Double(fields[5]) ?? .nan
            ))
        }
        return cases
    }

    static let normal = load("normal")
    static let studentT = load("student_t")
    static let f = load("f")
    static let chiSquared = load("chi_squared")
    static let binomial = load("binomial")
    static let poisson = load("poisson")

    static func evaluate(_ distribution: some ContinuousDistribution, _ c: DistributionCase) -> Double {
        switch c.function {
        case "cdf": distribution.cdf(c.x)
        case "sf": distribution.survival(c.x)
        case "pdf": distribution.density(c.x)
        case "logpdf": distribution.logDensity(c.x)
        case "ppf": distribution.quantile(c.x)
        case "isf": distribution.inverseSurvival(c.x)
        default: .nan
        }
    }

    static func evaluate(_ distribution: some DiscreteDistribution, _ c: DistributionCase) -> Double {
        switch c.function {
        case "pmf": distribution.probability(Int(c.x))
        case "logpmf": distribution.logProbability(Int(c.x))
        case "cdf": distribution.cdf(Int(c.x))
        case "sf": distribution.survival(Int(c.x))
        case "ppf": distribution.quantile(c.x)
        case "isf": distribution.inverseSurvival(c.x)
        default: .nan
        }
    }

    static func value(_ c: DistributionCase) -> Double {
        switch c.file {
        case "normal":
            evaluate(Normal(mean: c.parameters.0, standardDeviation: c.parameters.1 ?? 1), c)
        case "student_t":
            evaluate(StudentT(degreesOfFreedom: c.parameters.0), c)
        case "f":
            evaluate(FDistribution(
                numeratorDegreesOfFreedom: c.parameters.0, denominatorDegreesOfFreedom: c.parameters.1 ?? 1
            ), c)
        case "chi_squared":
            evaluate(ChiSquared(degreesOfFreedom: c.parameters.0), c)
        case "binomial":
            evaluate(Binomial(trials: Int(c.parameters.0), probability: c.parameters.1 ?? 0), c)
        case "poisson":
            evaluate(Poisson(mean: c.parameters.0), c)
        default:
            .nan
        }
    }
}

private func expectAgreement(_ c: DistributionCase) {
    let value = DistributionFixtures.value(c)
    let error = Agreement.error(value, reference: c.reference, function: c.function)
    #expect(
        error <= Agreement.tolerance,
        "\(c.testDescription): got \(value), mpmath \(c.reference), relative error \(error)"
    )
}

@Suite("Distributions against mpmath")
struct DistributionFixtureTests {
    @Test func fixturesAreLoaded() {
        for (name, cases) in [
            ("normal", DistributionFixtures.normal), ("student_t", DistributionFixtures.studentT),
            ("f", DistributionFixtures.f), ("chi_squared", DistributionFixtures.chiSquared),
            ("binomial", DistributionFixtures.binomial), ("poisson", DistributionFixtures.poisson),
        ] {
            #expect(cases.count > 300, "\(name).csv has \(cases.count) cases")
        }
    }

    @Test(arguments: DistributionFixtures.normal)
    func normal(_ c: DistributionCase) { expectAgreement(c) }

    @Test(arguments: DistributionFixtures.studentT)
    func studentT(_ c: DistributionCase) { expectAgreement(c) }

    @Test(arguments: DistributionFixtures.f)
    func f(_ c: DistributionCase) { expectAgreement(c) }

    @Test(arguments: DistributionFixtures.chiSquared)
    func chiSquared(_ c: DistributionCase) { expectAgreement(c) }

    @Test(arguments: DistributionFixtures.binomial)
    func binomial(_ c: DistributionCase) { expectAgreement(c) }

    @Test(arguments: DistributionFixtures.poisson)
    func poisson(_ c: DistributionCase) { expectAgreement(c) }

    /// The worst error against mpmath for each distribution and function, within the tolerance.
    /// With `PREVENTKIT_ACCURACY_REPORT=1` in the environment the table is also printed, next to
    /// scipy's worst error on the same cases (from the fixtures' `scipy` column).
    @Test func worstErrorPerFunction() {
        let all = DistributionFixtures.normal + DistributionFixtures.studentT + DistributionFixtures.f
            + DistributionFixtures.chiSquared + DistributionFixtures.binomial + DistributionFixtures.poisson
        var worst: [String: (ours: Double, scipy: Double, at: String)] = [:]
        for c in all {
            let key = "\(c.file) \(c.function)"
            let ours = Agreement.error(DistributionFixtures.value(c), reference: c.reference, function: c.function)
            let scipy = Agreement.error(c.scipy, reference: c.reference, function: c.function)
            let previous = worst[key] ?? (0, 0, "")
            worst[key] = (
                max(previous.ours, ours), max(previous.scipy, scipy),
                ours > previous.ours ? c.testDescription : previous.at
            )
        }
        #expect(worst.count == 36, "six functions for each of six distributions")
        let report = ProcessInfo.processInfo.environment["PREVENTKIT_ACCURACY_REPORT"] == "1"
        for key in worst.keys.sorted() {
            let entry = worst[key]!
            #expect(entry.ours <= Agreement.tolerance, "\(key): worst error \(entry.ours) at \(entry.at)")
            if report {
                print("ACCURACY \(key): ours \(entry.ours) scipy \(entry.scipy) worst at \(entry.at)")
            }
        }
    }
}
