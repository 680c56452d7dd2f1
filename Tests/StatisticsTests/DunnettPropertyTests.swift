import Foundation
import Testing
@testable import Statistics

/// Properties of ``ManyToOneComparison`` that hold exactly, checked without a reference
/// implementation.
struct DunnettPropertyTests {
    struct MarginalCase: Sendable, CustomTestStringConvertible {
        let lambda: Double
        let degreesOfFreedom: Double
        let statistic: Double
        var testDescription: String { "λ = \(lambda), ν = \(degreesOfFreedom), t = \(statistic)" }
    }

    static let marginalCases: [MarginalCase] = [0.0, sqrt(0.5), 0.95].flatMap { lambda in
        [Double.infinity, 3, 30].flatMap { nu in
            [0.2, 1.0, 2.1, 3.7, 6.5].map { MarginalCase(lambda: lambda, degreesOfFreedom: nu, statistic: $0) }
        }
    }

    /// With one arm the maximum is the statistic itself: its adjusted p-value is the ordinary
    /// two-sided (or one-sided) p-value of the t (or normal) distribution, whatever λ is.
    @Test(arguments: marginalCases)
    func oneArmReducesToTheMarginalDistribution(_ c: MarginalCase) {
        let comparison = ManyToOneComparison(correlationFactors: [c.lambda], degreesOfFreedom: c.degreesOfFreedom)
        let upper: Double = c.degreesOfFreedom.isFinite
            ? StudentT(degreesOfFreedom: c.degreesOfFreedom).survival(c.statistic)
            : Normal.standard.survival(c.statistic)
        let twoSided = comparison.adjustedPValue(forStatistic: -c.statistic)
        let oneSided = comparison.adjustedPValue(forStatistic: c.statistic, twoSided: false)
        #expect(abs(twoSided - 2 * upper) <= 1e-11 * 2 * upper)
        #expect(abs(oneSided - upper) <= 1e-11 * upper)
        #expect(abs(comparison.probabilityAllWithin(c.statistic) - (1 - 2 * upper)) <= 1e-12)
    }

    struct IndependenceCase: Sendable, CustomTestStringConvertible {
        let arms: Int
        let bound: Double
        let twoSided: Bool
        var testDescription: String { "\(arms) arms, c = \(bound), \(twoSided ? "two" : "one")-sided" }
    }

    static let independenceCases: [IndependenceCase] = [1, 2, 5, 10].flatMap { arms in
        [0.4, 1.8, 3.0, 5.5].flatMap { bound in
            [true, false].map { IndependenceCase(arms: arms, bound: bound, twoSided: $0) }
        }
    }

    /// With every λ zero and known variance the statistics are independent standard normals, so
    /// the probability is the product of the marginal ones.
    @Test(arguments: independenceCases)
    func zeroFactorsGiveIndependence(_ c: IndependenceCase) {
        let comparison = ManyToOneComparison(correlationFactors: Array(repeating: 0, count: c.arms))
        let tail = (c.twoSided ? 2 : 1) * Normal.standard.survival(c.bound)
        let logCoverage = Double(c.arms) * log1p(-tail)
        let expected = exp(logCoverage)
        let exceedance = -expm1(logCoverage)
        #expect(abs(comparison.probabilityAllWithin(c.bound, twoSided: c.twoSided) - expected) <= 1e-12)
        let p = comparison.adjustedPValue(forStatistic: c.bound, twoSided: c.twoSided)
        #expect(abs(p - exceedance) <= 1e-11 * exceedance)
    }

    struct ShapeCase: Sendable, CustomTestStringConvertible {
        let factors: [Double]
        let degreesOfFreedom: Double
        var testDescription: String { "λ = \(factors), ν = \(degreesOfFreedom)" }
    }

    static let shapeCases: [ShapeCase] = [
        ShapeCase(factors: [sqrt(0.5), sqrt(0.5)], degreesOfFreedom: .infinity),
        ShapeCase(factors: [0.2, 0.999_999, 0.6], degreesOfFreedom: .infinity),
        ShapeCase(factors: [0.5, 0.6, 0.7, 0.4], degreesOfFreedom: 7),
        ShapeCase(factors: [-0.5, 0.9], degreesOfFreedom: 2.5),
    ]

    /// The probability rises with `c` from 0 to 1, adjusted p-values lie in [0, 1], and the
    /// one-sided probability is at least the two-sided one.
    @Test(arguments: shapeCases)
    func probabilitiesAreMonotoneAndBounded(_ c: ShapeCase) {
        let comparison = ManyToOneComparison(correlationFactors: c.factors, degreesOfFreedom: c.degreesOfFreedom)
        let bounds = [0.25, 0.5, 1, 1.5, 2, 3, 4.5, 6, 8]
        var bySide: [[Double]] = []
        for twoSided in [true, false] {
            let probabilities = bounds.map { comparison.probabilityAllWithin($0, twoSided: twoSided) }
            for (a, b) in zip(probabilities, probabilities.dropFirst()) { #expect(a < b) }
            for (bound, probability) in zip(bounds, probabilities) {
                let p = comparison.adjustedPValue(forStatistic: bound, twoSided: twoSided)
                #expect(p >= 0 && p <= 1)
                #expect(abs(p - (1 - probability)) <= 1e-11)
            }
            bySide.append(probabilities)
        }
        for (two, one) in zip(bySide[0], bySide[1]) { #expect(one > two) }
        #expect(comparison.probabilityAllWithin(0) == 0)
        #expect(comparison.probabilityAllWithin(.infinity) == 1)
        #expect(comparison.adjustedPValue(forStatistic: 0) == 1)
        #expect(comparison.adjustedPValue(forStatistic: -.infinity, twoSided: false) == 1)
        #expect(comparison.adjustedPValue(forStatistic: .nan).isNaN)
    }

    /// The critical value inverts the probability, and lies between the unadjusted quantile and
    /// Šidák's bound (which the Šidák inequality makes conservative for two-sided tests).
    @Test(arguments: shapeCases)
    func criticalValuesInvertTheProbability(_ c: ShapeCase) {
        let comparison = ManyToOneComparison(correlationFactors: c.factors, degreesOfFreedom: c.degreesOfFreedom)
        for level in [0.01] {
            let critical = comparison.criticalValue(level: level)
            #expect(abs(comparison.adjustedPValue(forStatistic: critical) - level) <= 1e-11 * level)
            let marginal: any ContinuousDistribution = c.degreesOfFreedom.isFinite
                ? StudentT(degreesOfFreedom: c.degreesOfFreedom) : Normal.standard
            let sidak = -expm1(log1p(-level) / Double(c.factors.count))
            #expect(critical > marginal.inverseSurvival(level / 2))
            #expect(critical <= marginal.inverseSurvival(sidak / 2) * (1 + 1e-12))
            let oneSided = comparison.criticalValue(level: level, twoSided: false)
            #expect(abs(comparison.adjustedPValue(forStatistic: oneSided, twoSided: false) - level) <= 1e-11 * level)
        }
        // A one-sided level above P(max T_i > 0) ≥ ½ puts the critical value below zero.
        let low = comparison.criticalValue(level: 0.97, twoSided: false)
        #expect(low < 0)
        #expect(abs(comparison.adjustedPValue(forStatistic: low, twoSided: false) - 0.97) <= 1e-10)
    }

    /// Arm sizes give `λ_i = √(n_i / (n_i + n₀))` and the matching correlation matrix.
    @Test func armSizesGiveTheClassicFactors() {
        let comparison = ManyToOneComparison(armSizes: [10, 30], controlSize: 20, degreesOfFreedom: 57)
        #expect(comparison.correlationFactors == [(1.0 / 3).squareRoot(), 0.6.squareRoot()])
        let rho = comparison.correlationMatrix
        #expect(rho[0][0] == 1 && rho[1][1] == 1)
        #expect(abs(rho[0][1] - (10.0 * 30 / (30 * 50)).squareRoot()) <= 1e-15)
        #expect(comparison.adjustedPValues(forStatistics: [0.5, -2.5]).count == 2)
    }
}
