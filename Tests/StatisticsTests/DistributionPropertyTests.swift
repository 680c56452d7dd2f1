import Foundation
import Testing
@testable import Statistics

private func relativeError(_ value: Double, _ reference: Double) -> Double {
    abs(value - reference) / abs(reference)
}

/// A continuous distribution under test, named for the test report.
struct ContinuousSubject: Sendable, CustomTestStringConvertible {
    let name: String
    let distribution: any ContinuousDistribution
    /// Points in the lower and upper tails and near the centre.
    let lowerTail: [Double]
    let upperTail: [Double]
    let centre: [Double]
    var testDescription: String { name }
}

private let continuousSubjects: [ContinuousSubject] = [
    ContinuousSubject(
        name: "Normal(3, 2.5)", distribution: Normal(mean: 3, standardDeviation: 2.5),
        lowerTail: [-80, -20, -5, 1], upperTail: [6, 11, 26, 86], centre: [2.5, 3, 3.5]
    ),
    ContinuousSubject(
        name: "StudentT(2.5)", distribution: StudentT(degreesOfFreedom: 2.5),
        lowerTail: [-1e100, -1e5, -30, -2], upperTail: [2, 30, 1e5, 1e100], centre: [-0.3, 0, 0.3]
    ),
    ContinuousSubject(
        name: "StudentT(1e6)", distribution: StudentT(degreesOfFreedom: 1e6),
        lowerTail: [-35, -10, -3], upperTail: [3, 10, 35], centre: [-0.3, 0, 0.3]
    ),
    ContinuousSubject(
        name: "F(3, 7.5)", distribution: FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 7.5),
        lowerTail: [1e-100, 1e-10, 0.01, 0.2], upperTail: [3, 100, 1e10, 1e50], centre: [0.7, 0.9, 1.1]
    ),
    ContinuousSubject(
        name: "ChiSquared(0.5)", distribution: ChiSquared(degreesOfFreedom: 0.5),
        lowerTail: [1e-200, 1e-20, 1e-4, 0.01], upperTail: [2, 20, 200, 1000], centre: [0.05, 0.1, 0.2]
    ),
    ContinuousSubject(
        name: "ChiSquared(1e5)", distribution: ChiSquared(degreesOfFreedom: 1e5),
        lowerTail: [9e4, 9.8e4, 9.95e4], upperTail: [1.005e5, 1.02e5, 1.1e5], centre: [99_900, 1e5, 100_100]
    ),
]

@Suite("Distribution properties")
struct DistributionPropertyTests {
    @Test(arguments: continuousSubjects)
    func cdfAndSurvivalAddToOneInTheCentre(_ subject: ContinuousSubject) {
        for x in subject.centre {
            let total = subject.distribution.cdf(x) + subject.distribution.survival(x)
            #expect(abs(total - 1) <= 4 * Double.ulpOfOne, "\(subject.name) at \(x): cdf + sf = \(total)")
        }
    }

    @Test(arguments: continuousSubjects)
    func quantileInvertsTheTails(_ subject: ContinuousSubject) {
        let d = subject.distribution
        for x in subject.lowerTail {
            let back = d.quantile(d.cdf(x))
            #expect(relativeError(back, x) <= 1e-12, "\(subject.name): quantile(cdf(\(x))) = \(back)")
        }
        for x in subject.upperTail {
            let back = d.inverseSurvival(d.survival(x))
            #expect(relativeError(back, x) <= 1e-12, "\(subject.name): inverseSurvival(survival(\(x))) = \(back)")
        }
    }

    @Test(arguments: continuousSubjects)
    func densityMatchesItsLogarithm(_ subject: ContinuousSubject) {
        let d = subject.distribution
        for x in subject.lowerTail + subject.centre + subject.upperTail where d.density(x) > 1e-300 {
            let logDensity = d.logDensity(x)
            #expect(relativeError(Foundation.exp(logDensity), d.density(x)) <= 1e-12 * max(1, abs(logDensity)))
        }
    }

    @Test(arguments: continuousSubjects)
    func nanAndProbabilitiesOutsideTheUnitIntervalGiveNaN(_ subject: ContinuousSubject) {
        let d = subject.distribution
        for value in [d.cdf(.nan), d.survival(.nan), d.density(.nan), d.logDensity(.nan), d.quantile(.nan),
                      d.inverseSurvival(.nan), d.quantile(-0.1), d.quantile(1.1), d.inverseSurvival(-1e-300),
                      d.inverseSurvival(2)] {
            #expect(value.isNaN, "\(subject.name)")
        }
    }

    @Test func symmetricDistributionsAreExactlySymmetric() {
        let normal = Normal.standard
        let t = StudentT(degreesOfFreedom: 3.5)
        for x in [1e-300, 1e-8, 0.3, 2, 37, 1e10, 1e200] {
            #expect(normal.cdf(-x) == normal.survival(x))
            #expect(normal.density(-x) == normal.density(x))
            #expect(t.cdf(-x) == t.survival(x))
            #expect(t.density(-x) == t.density(x))
        }
        for p in [1e-300, 1e-10, 0.01, 0.3, 0.4999] {
            #expect(normal.inverseSurvival(p) == -normal.quantile(p))
            #expect(t.inverseSurvival(p) == -t.quantile(p))
        }
    }

    @Test func quantilesNearTheCentreKeepRelativeAccuracy() {
        // Φ⁻¹(½ + δ) ≈ √(2π) δ: a quantile computed as cdf⁻¹ of a rounded p would lose it all.
        let delta = 1e-12
        let z = Normal.standard.quantile(0.5 + delta)
        let exact = 2.506_628_274_631_000_5 * (0.5 + delta - 0.5)
        #expect(relativeError(z, exact) <= 1e-12)
        let t = StudentT(degreesOfFreedom: 4)
        let small = t.quantile(0.5 + delta)
        #expect(relativeError(t.cdf(small) - 0.5, 0.5 + delta - 0.5) <= 1e-12)
    }

    @Test func continuousQuantileEdges() {
        #expect(Normal.standard.quantile(0) == -.infinity)
        #expect(Normal.standard.quantile(1) == .infinity)
        #expect(Normal(mean: 3, standardDeviation: 2).quantile(0.5) == 3)
        #expect(StudentT(degreesOfFreedom: 1).quantile(0) == -.infinity)
        #expect(StudentT(degreesOfFreedom: 1).quantile(0.5) == 0)
        #expect(StudentT(degreesOfFreedom: 1).inverseSurvival(0) == .infinity)
        #expect(ChiSquared(degreesOfFreedom: 3).quantile(0) == 0)
        #expect(ChiSquared(degreesOfFreedom: 3).quantile(1) == .infinity)
        let f = FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 3)
        #expect(f.inverseSurvival(1) == 0)
        #expect(f.inverseSurvival(0) == .infinity)
    }

    @Test func densitiesAtTheEdgesOfTheSupport() {
        #expect(ChiSquared(degreesOfFreedom: 1).density(0) == .infinity)
        #expect(ChiSquared(degreesOfFreedom: 2).density(0) == 0.5)
        #expect(ChiSquared(degreesOfFreedom: 3).density(0) == 0)
        #expect(ChiSquared(degreesOfFreedom: 3).density(-1) == 0)
        #expect(ChiSquared(degreesOfFreedom: 3).cdf(-1) == 0)
        #expect(FDistribution(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: 4).density(0) == .infinity)
        #expect(FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 4).density(0) == 1)
        #expect(FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 4).survival(-3) == 1)
        #expect(StudentT(degreesOfFreedom: 3).cdf(.infinity) == 1)
        #expect(StudentT(degreesOfFreedom: 3).density(.infinity) == 0)
        #expect(Normal.standard.cdf(-.infinity) == 0)
    }

    @Test func momentsWhereTheyExist() {
        #expect(Normal(mean: 3, standardDeviation: 2).variance == 4)
        #expect(StudentT(degreesOfFreedom: 1).mean.isNaN)
        #expect(StudentT(degreesOfFreedom: 2).variance == .infinity)
        #expect(StudentT(degreesOfFreedom: 4).variance == 2)
        #expect(FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 6).mean == 1.5)
        #expect(FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 2).mean == .infinity)
        #expect(ChiSquared(degreesOfFreedom: 7.5).variance == 15)
        #expect(Binomial(trials: 10, probability: 0.25).variance == 1.875)
        #expect(Poisson(mean: 4.5).variance == 4.5)
    }
}

/// The quantile of `cdf(k)` and the inverse survival of `survival(k)` are `k` again, using each
/// only where it is the tail that keeps its relative accuracy (at most ½) and has not underflowed.
private func expectRoundTrip(_ d: some DiscreteDistribution, _ k: Int) {
    let p = d.cdf(k)
    if p > 0 && p <= 0.5 {
        #expect(d.quantile(p) == Double(k), "\(d) quantile(cdf(\(k)) = \(p))")
    }
    let q = d.survival(k)
    if q > 0 && q <= 0.5 {
        #expect(d.inverseSurvival(q) == Double(k), "\(d) inverseSurvival(survival(\(k)) = \(q))")
    }
}

@Suite("Discrete distribution properties")
struct DiscretePropertyTests {
    @Test func quantileAtAnExactStepReturnsThatStep() {
        // With n = 10 and p = ½ every cdf value is a multiple of 2⁻¹⁰, exactly representable.
        let binomial = Binomial(trials: 10, probability: 0.5)
        var cumulative = 0
        for k in 0...10 {
            cumulative += [1, 10, 45, 120, 210, 252, 210, 120, 45, 10, 1][k]
            let step = Double(cumulative) / 1024
            #expect(binomial.quantile(step) == Double(k), "quantile(\(cumulative)/1024)")
            #expect(binomial.inverseSurvival(1 - step) == Double(k), "inverseSurvival(1 − \(cumulative)/1024)")
            if k < 10 {
                #expect(binomial.quantile(step * (1 + 1e-10)) == Double(k + 1))
            }
        }
    }

    @Test(arguments: [
        Binomial(trials: 30, probability: 0.05), Binomial(trials: 1_000_000, probability: 0.3),
        Binomial(trials: 200, probability: 0.999),
    ])
    func binomialQuantileInvertsItsOwnCdf(_ binomial: Binomial) {
        let centre = Int(binomial.mean)
        for k in stride(from: max(0, centre - 3000), through: min(binomial.trials - 1, centre + 3000), by: 250) {
            expectRoundTrip(binomial, k)
        }
    }

    @Test func poissonQuantileInvertsItsOwnCdf() {
        for mean in [1e-3, 2.5, 1e5] {
            let poisson = Poisson(mean: mean)
            for k in [0, 1, 3, 10, Int(mean), Int(mean) + 700, Int(mean) + 1500] {
                expectRoundTrip(poisson, k)
            }
        }
    }

    @Test func discreteQuantileEdges() {
        let binomial = Binomial(trials: 12, probability: 0.3)
        #expect(binomial.quantile(0) == 0)
        #expect(binomial.quantile(1) == 12)
        #expect(binomial.inverseSurvival(0) == 12)
        #expect(binomial.inverseSurvival(1) == 0)
        #expect(binomial.quantile(.nan).isNaN)
        #expect(binomial.quantile(1.5).isNaN)
        let poisson = Poisson(mean: 3)
        #expect(poisson.quantile(0) == 0)
        #expect(poisson.quantile(1) == .infinity)
        #expect(poisson.inverseSurvival(0) == .infinity)
        #expect(poisson.quantile(-0.5).isNaN)
    }

    @Test func degenerateDistributions() {
        let never = Binomial(trials: 5, probability: 0)
        #expect(never.probability(0) == 1)
        #expect(never.probability(1) == 0)
        #expect(never.cdf(0) == 1)
        #expect(never.quantile(0.7) == 0)
        let always = Binomial(trials: 5, probability: 1)
        #expect(always.probability(5) == 1)
        #expect(always.cdf(4) == 0)
        #expect(always.survival(4) == 1)
        #expect(always.quantile(0.2) == 5)
        let none = Poisson(mean: 0)
        #expect(none.probability(0) == 1)
        #expect(none.cdf(0) == 1)
        #expect(none.survival(0) == 0)
        #expect(none.quantile(0.99) == 0)
    }

    @Test func outsideTheSupport() {
        let binomial = Binomial(trials: 8, probability: 0.4)
        #expect(binomial.probability(-1) == 0)
        #expect(binomial.probability(9) == 0)
        #expect(binomial.logProbability(9) == -.infinity)
        #expect(binomial.cdf(-1) == 0)
        #expect(binomial.survival(8) == 0)
        #expect(Poisson(mean: 2).cdf(-3) == 0)
        #expect(Poisson(mean: 2).survival(-1) == 1)
    }

    @Test func probabilitiesSumToTheCdf() {
        let binomial = Binomial(trials: 40, probability: 0.37)
        var total = 0.0
        for k in 0...40 {
            total += binomial.probability(k)
            #expect(relativeError(binomial.cdf(k), total) <= 1e-13, "cdf(\(k))")
        }
    }
}

@Suite("Parameter validation")
struct ParameterValidationTests {
    @Test func invalidParametersTrap() async {
        await #expect(processExitsWith: .failure) { _ = Normal(mean: 0, standardDeviation: 0) }
        await #expect(processExitsWith: .failure) { _ = Normal(mean: .nan, standardDeviation: 1) }
        await #expect(processExitsWith: .failure) { _ = StudentT(degreesOfFreedom: -1) }
        await #expect(processExitsWith: .failure) { _ = StudentT(degreesOfFreedom: .nan) }
        await #expect(processExitsWith: .failure) {
            _ = FDistribution(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: 0)
        }
        await #expect(processExitsWith: .failure) { _ = ChiSquared(degreesOfFreedom: .infinity) }
        await #expect(processExitsWith: .failure) { _ = Binomial(trials: -1, probability: 0.5) }
        await #expect(processExitsWith: .failure) { _ = Binomial(trials: 10, probability: 1.5) }
        await #expect(processExitsWith: .failure) { _ = Binomial(trials: 10, probability: .nan) }
        await #expect(processExitsWith: .failure) { _ = Poisson(mean: -2) }
    }

    @Test func boundaryParametersAreAccepted() {
        #expect(Binomial(trials: 0, probability: 1).cdf(0) == 1)
        #expect(Poisson(mean: 0).mean == 0)
        #expect(StudentT(degreesOfFreedom: 1e-3).cdf(0) == 0.5)
    }
}
