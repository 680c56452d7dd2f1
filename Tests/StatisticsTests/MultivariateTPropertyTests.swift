import Foundation
import Testing
@testable import Statistics

/// Properties of ``MultivariateT`` and ``MaxTDistribution`` that hold exactly, checked without a
/// reference implementation.
struct MultivariateTPropertyTests {
    struct DegreesCase: Sendable, CustomTestStringConvertible {
        let degreesOfFreedom: Double
        let bound: Double
        var testDescription: String { "ν = \(degreesOfFreedom), c = \(bound)" }
    }

    static let degreesCases: [DegreesCase] = [Double.infinity, 3, 40].flatMap { nu in
        [0.3, 1.7, 4.2].map { DegreesCase(degreesOfFreedom: nu, bound: $0) }
    }

    static func marginalTail(_ c: Double, _ nu: Double) -> Double {
        nu.isFinite ? StudentT(degreesOfFreedom: nu).survival(c) : Normal.standard.survival(c)
    }

    /// One variable: the closed form, with no integration and no error.
    @Test(arguments: degreesCases)
    func oneVariableIsTheMarginal(_ c: DegreesCase) {
        let distribution = MultivariateT(correlation: [[1]], degreesOfFreedom: c.degreesOfFreedom)
        let outside = distribution.probabilityOutside(lower: [-c.bound], upper: [c.bound])
        let expected = 2 * Self.marginalTail(c.bound, c.degreesOfFreedom)
        #expect(abs(outside.value - expected) <= 1e-14 * expected)
        #expect(outside.absoluteError == 0)
    }

    /// Two identical statistics (a singular correlation) behave as one: the second constraint
    /// adds no dimension, so the answer is the closed form for one, exactly.
    @Test(arguments: degreesCases)
    func identicalStatisticsCountOnce(_ c: DegreesCase) {
        let distribution = MultivariateT(correlation: [[1, 1], [1, 1]], degreesOfFreedom: c.degreesOfFreedom)
        let outside = distribution.probabilityOutside(lower: [-c.bound, -c.bound], upper: [c.bound, c.bound])
        let expected = 2 * Self.marginalTail(c.bound, c.degreesOfFreedom)
        #expect(abs(outside.value - expected) <= 1e-14 * expected)
        #expect(outside.absoluteError == 0)
        let maximum = MaxTDistribution(correlation: [[1, 1], [1, 1]], degreesOfFreedom: c.degreesOfFreedom)
        #expect(maximum.method == .genzBretz)
        #expect(abs(maximum.adjustedPValue(forStatistic: -c.bound).value - expected) <= 1e-14 * expected)
    }

    /// Three statistics of which two are identical: the same as the two distinct ones.
    @Test(arguments: degreesCases)
    func singularCorrelationReducesToTheDistinctStatistics(_ c: DegreesCase) {
        let singular = MultivariateT(correlation: [[1, 0.4, 0.4], [0.4, 1, 1], [0.4, 1, 1]], degreesOfFreedom: c.degreesOfFreedom)
        let distinct = MultivariateT(correlation: [[1, 0.4], [0.4, 1]], degreesOfFreedom: c.degreesOfFreedom)
        let a = singular.probabilityOutside(lower: [-c.bound, -c.bound, -c.bound], upper: [c.bound, c.bound, c.bound])
        let b = distinct.probabilityOutside(lower: [-c.bound, -c.bound], upper: [c.bound, c.bound])
        #expect(abs(a.value - b.value) <= a.absoluteError + b.absoluteError)
    }

    static let independenceCases: [(arms: Int, bound: Double)] = [(2, 0.5), (3, 2.0), (5, 2.6), (5, 5.0)]

    /// Independent normal statistics: the exceedance is `1 − (1 − 2Q(c))^k`. An identity
    /// correlation is one-factor (λ = 0), so ``MultivariateT`` is called directly to exercise
    /// the Genz–Bretz path.
    @Test(arguments: independenceCases)
    func independentStatisticsMultiply(_ c: (arms: Int, bound: Double)) {
        let identity = (0 ..< c.arms).map { i in (0 ..< c.arms).map { i == $0 ? 1.0 : 0 } }
        let outside = MultivariateT(correlation: identity).probabilityOutside(
            lower: Array(repeating: -c.bound, count: c.arms), upper: Array(repeating: c.bound, count: c.arms))
        let expected = -expm1(Double(c.arms) * log1p(-2 * Normal.standard.survival(c.bound)))
        #expect(outside.absoluteError <= 1e-6)
        #expect(abs(outside.value - expected) <= outside.absoluteError + 1e-13 * expected)
    }

    static let oneFactorCorrelation: [[Double]] = {
        let lambda = [0.6, 0.7, 0.5, 0.8]
        return lambda.indices.map { i in lambda.indices.map { i == $0 ? 1 : lambda[i] * lambda[$0] } }
    }()

    /// On a one-factor correlation the Genz–Bretz result agrees with the deterministic
    /// quadrature, which ``MaxTDistribution`` picks for it.
    @Test(arguments: [Double.infinity, 6], [0.8, 2.2, 3.4])
    func genzBretzAgreesWithOneFactorQuadrature(degreesOfFreedom: Double, bound: Double) {
        let maximum = MaxTDistribution(correlation: Self.oneFactorCorrelation, degreesOfFreedom: degreesOfFreedom)
        guard case .oneFactor(let factors) = maximum.method else {
            Issue.record("a one-factor correlation was not recognised")
            return
        }
        #expect(zip(factors, [0.6, 0.7, 0.5, 0.8]).allSatisfy { abs($0 - $1) <= 1e-12 })
        let quadrature = maximum.adjustedPValue(forStatistic: bound)
        let general = MultivariateT(correlation: Self.oneFactorCorrelation, degreesOfFreedom: degreesOfFreedom)
            .probabilityOutside(lower: Array(repeating: -bound, count: 4), upper: Array(repeating: bound, count: 4))
        #expect(abs(quadrature.value - general.value) <= general.absoluteError + quadrature.absoluteError)
    }

    /// A correlation that is not one-factor is integrated by Genz–Bretz; negative factors and
    /// a zero block are still recognised as one-factor.
    @Test func methodFollowsTheCorrelation() {
        let general: [[Double]] = [[1, 0.3, 0.6], [0.3, 1, -0.2], [0.6, -0.2, 1]]
        #expect(MaxTDistribution(correlation: general).method == .genzBretz)
        let lambda = [0.5, -0.4, 0, 0.3]
        let mixed = lambda.indices.map { i in lambda.indices.map { i == $0 ? 1 : lambda[i] * lambda[$0] } }
        guard case .oneFactor(let factors) = MaxTDistribution(correlation: mixed).method else {
            Issue.record("a one-factor correlation with signs and a zero was not recognised")
            return
        }
        #expect(zip(factors, lambda).allSatisfy { abs($0 - $1) <= 1e-12 })
        let twoBlocks: [[Double]] = [[1, 0.5, 0, 0], [0.5, 1, 0, 0], [0, 0, 1, 0.5], [0, 0, 0.5, 1]]
        #expect(MaxTDistribution(correlation: twoBlocks).method == .genzBretz)
    }

    /// The same call gives the same bits; another seed gives another estimate within the errors.
    @Test func resultsReproduceAndTheSeedOnlyMovesThemWithinTheError() {
        let correlation: [[Double]] = [[1, 0.3, 0.6], [0.3, 1, -0.2], [0.6, -0.2, 1]]
        let settings = GenzBretzSettings(absoluteError: 1e-4)
        let first = MaxTDistribution(correlation: correlation, degreesOfFreedom: 12, settings: settings)
            .adjustedPValue(forStatistic: 2.1)
        let again = MaxTDistribution(correlation: correlation, degreesOfFreedom: 12, settings: settings)
            .adjustedPValue(forStatistic: 2.1)
        #expect(first == again)
        let other = MaxTDistribution(correlation: correlation, degreesOfFreedom: 12,
                                     settings: GenzBretzSettings(absoluteError: 1e-4, seed: 7)).adjustedPValue(forStatistic: 2.1)
        #expect(other.value != first.value)
        #expect(abs(other.value - first.value) <= other.absoluteError + first.absoluteError)
    }

    /// Reordering the statistics does not change the probability beyond the error.
    @Test func orderOfTheStatisticsDoesNotMatter() {
        let correlation: [[Double]] = [[1, 0.3, 0.6], [0.3, 1, -0.2], [0.6, -0.2, 1]]
        let order = [2, 0, 1]
        let permuted = order.map { i in order.map { correlation[i][$0] } }
        let settings = GenzBretzSettings(absoluteError: 1e-4)
        let a = MultivariateT(correlation: correlation, degreesOfFreedom: 5)
            .probabilityOutside(lower: [-1.5, -2, -2.5], upper: [2.5, 2, 1.5], settings: settings)
        let b = MultivariateT(correlation: permuted, degreesOfFreedom: 5)
            .probabilityOutside(lower: order.map { [-1.5, -2, -2.5][$0] }, upper: order.map { [2.5, 2, 1.5][$0] },
                                settings: settings)
        #expect(abs(a.value - b.value) <= a.absoluteError + b.absoluteError)
    }

    /// At the critical value the exceedance equals the level, within its error.
    @Test(arguments: [Double.infinity, 8], [0.05, 0.2])
    func criticalValueHitsTheLevel(degreesOfFreedom: Double, level: Double) {
        let correlation: [[Double]] = [[1, 0.3, 0.6], [0.3, 1, -0.2], [0.6, -0.2, 1]]
        let maximum = MaxTDistribution(correlation: correlation, degreesOfFreedom: degreesOfFreedom,
                                       settings: GenzBretzSettings(absoluteError: 1e-4))
        let critical = maximum.criticalValue(level: level)
        let atCritical = maximum.exceedance(critical)
        #expect(abs(atCritical.value - level) <= 2 * atCritical.absoluteError)
        let oneSided = maximum.criticalValue(level: level, twoSided: false)
        #expect(oneSided < critical)
        let atOneSided = maximum.exceedance(oneSided, twoSided: false)
        #expect(abs(atOneSided.value - level) <= 2 * atOneSided.absoluteError)
    }

    /// NaN statistics and bounds give NaN, never a number.
    @Test func undefinedInputsGiveUndefinedResults() {
        let correlation: [[Double]] = [[1, 0.3, 0.6], [0.3, 1, -0.2], [0.6, -0.2, 1]]
        let maximum = MaxTDistribution(correlation: correlation, degreesOfFreedom: 9,
                                       settings: GenzBretzSettings(absoluteError: 1e-4))
        #expect(maximum.adjustedPValue(forStatistic: .nan).value.isNaN)
        let values = maximum.adjustedPValues(forStatistics: [1.2, .nan, -2.0]).map(\.value)
        #expect(values[1].isNaN && !values[0].isNaN && !values[2].isNaN)
        #expect(values[0] > values[2])
        #expect(MultivariateT(correlation: correlation).probability(lower: [.nan, 0, 0], upper: [1, 1, 1]).value.isNaN)
        #expect(maximum.adjustedPValue(forStatistic: .infinity).value == 0)
        #expect(maximum.adjustedPValue(forStatistic: 0).value == 1)
    }
}
