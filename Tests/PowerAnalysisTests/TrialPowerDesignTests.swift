import Foundation
import Statistics
import Testing
@testable import PowerAnalysis

/// The multi-arm analytic calculation: its reduction to `power.t.test`, its algebra (design
/// effect, R², solving round trips) and its multiplicity conventions.
@Suite struct TrialPowerDesignTests {
    @Test(arguments: [(40.0, 0.7), (400.0, 0.2), (12.0, 1.5)])
    func oneArmEqualAllocationIsPowerTTest(totalSize: Double, effect: Double) throws {
        let design = TrialPowerDesign(interventionArms: 1, outcome: .means(standardDeviation: 1.3))
        let mine = try design.power(totalSize: totalSize, effect: effect).power
        let r = TTestPower.power(n: totalSize / 2, delta: effect, standardDeviation: 1.3, significanceLevel: 0.05)
        #expect(relativeDifference(mine, r) < 1e-13)
    }

    /// R: power.t.test(n = 100, delta = 0.4, sd = 1, sig.level = 0.05)$power.
    @Test func knownValueFromR() throws {
        let design = TrialPowerDesign(interventionArms: 1, outcome: .means(standardDeviation: 1))
        let power = try design.power(totalSize: 200, effect: 0.4).power
        #expect(relativeDifference(power, 0.803_646_604_876_675_83) < 1e-10)
    }

    @Test func sampleSizeAndEffectInvertPower() throws {
        let design = TrialPowerDesign(interventionArms: 3, outcome: .means(standardDeviation: 1), covariateRSquared: 0.3,
                                      covariateCount: 2, multipleComparisons: .dunnett)
        let power = try design.power(totalSize: 800, effect: -0.25)
        let size = try design.sampleSize(power: power.power, effect: -0.25)
        #expect(relativeDifference(size.totalSize, 800) < 1e-9)
        let effect = try design.minimumDetectableEffect(totalSize: 800, power: power.power, direction: .decrease)
        #expect(relativeDifference(effect.effect, -0.25) < 1e-9)
        #expect(effect.solvedFor == .effect)
    }

    /// With a z test the required N scales exactly with the design effect and with 1 − R².
    @Test func designEffectAndRSquaredScaleTheSampleSize() throws {
        let plain = TrialPowerDesign(interventionArms: 3, outcome: .proportions(control: 0.4))
        var clustered = plain
        clustered.intraclusterCorrelation = 0.05
        clustered.clusterSize = 5
        var adjusted = plain
        adjusted.covariateRSquared = 0.25
        let n = try plain.sampleSize(power: 0.8, effect: -0.1).totalSize
        #expect(relativeDifference(try clustered.sampleSize(power: 0.8, effect: -0.1).totalSize, n * 1.2) < 1e-9)
        #expect(relativeDifference(try adjusted.sampleSize(power: 0.8, effect: -0.1).totalSize, n * 0.75) < 1e-9)
    }

    /// Unpooled z test for two proportions, by hand: N = 2 (z₀.₉₇₅ + z₀.₈)² (p₀q₀ + p₁q₁) / d².
    @Test func proportionsClosedForm() throws {
        let design = TrialPowerDesign(interventionArms: 1, outcome: .proportions(control: 0.5))
        let z = Normal.standard.quantile(0.975) + Normal.standard.quantile(0.8)
        let expected = 2 * z * z * (0.25 + 0.4 * 0.6) / 0.01
        #expect(relativeDifference(try design.sampleSize(power: 0.8, effect: -0.1).totalSize, expected) < 1e-9)
    }

    /// Log rate ratio: N = 2 (z₀.₉₇₅ + z₀.₉)² (1/(Tλ₀) + 1/(Tλ₁)) / log(RR)².
    @Test func ratesClosedForm() throws {
        let design = TrialPowerDesign(interventionArms: 1, outcome: .rates(control: 0.8, followUp: 1))
        let z = Normal.standard.quantile(0.975) + Normal.standard.quantile(0.9)
        let expected = 2 * z * z * (1 / 0.8 + 1 / (0.8 * 0.65)) / (log(0.65) * log(0.65))
        let result = try design.sampleSize(power: 0.9, effect: 0.65)
        #expect(relativeDifference(result.totalSize, expected) < 1e-9)
        let mde = try design.minimumDetectableEffect(totalSize: expected, power: 0.9)
        #expect(relativeDifference(mde.effect, 0.65) < 1e-8)
    }

    @Test func multiplicityOrdersThePower() throws {
        func power(_ m: MultipleComparisons) throws -> PowerCalculation {
            try TrialPowerDesign(interventionArms: 3, outcome: .means(standardDeviation: 1), multipleComparisons: m)
                .power(totalSize: 800, effect: 0.25)
        }
        let none = try power(.none), bonferroni = try power(.bonferroni), holm = try power(.holm), dunnett = try power(.dunnett)
        #expect(holm.power == bonferroni.power)
        #expect(none.power > dunnett.power && dunnett.power > bonferroni.power)
        // Dunnett's critical value for 3 arms, equal sizes (λ² = ½), 796 df: between the
        // unadjusted and the Bonferroni values, matching ManyToOneComparison directly.
        let direct = ManyToOneComparison(correlationFactors: Array(repeating: 0.5.squareRoot(), count: 3), degreesOfFreedom: 796)
            .criticalValue(level: 0.05)
        #expect(relativeDifference(dunnett.criticalValue, direct) < 1e-12)
    }

    @Test func recruitmentRoundsUpToWholeClusters() throws {
        let design = TrialPowerDesign(interventionArms: 3, controlRatio: 2, outcome: .means(standardDeviation: 1),
                                      intraclusterCorrelation: 0.02, clusterSize: 4)
        let result = try design.sampleSize(power: 0.8, effect: 0.3)
        let recruit = result.recruitment
        #expect(recruit.control % 4 == 0 && recruit.arm % 4 == 0)
        #expect(Double(recruit.control) >= result.controlSize && Double(recruit.arm) >= result.armSize)
        #expect(recruit.total == recruit.control + 3 * recruit.arm)
    }

    @Test func badSettingsAreNamed() {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        #expect(message { _ = try TrialPowerDesign(interventionArms: 0, outcome: .means(standardDeviation: 1)).power(totalSize: 100, effect: 1) }
                == "the number of intervention arms is 0, but it must be at least 1")
        #expect(message { _ = try TrialPowerDesign(interventionArms: 2, outcome: .means(standardDeviation: -1)).power(totalSize: 100, effect: 1) }
                == "the standard deviation is -1.0, but it must be positive and finite")
        #expect(message { _ = try TrialPowerDesign(interventionArms: 2, outcome: .proportions(control: 0.3)).power(totalSize: 100, effect: -0.4) }
                .hasPrefix("the effect is -0.4, but it must be such that"))
        #expect(message { _ = try TrialPowerDesign(interventionArms: 2, outcome: .means(standardDeviation: 1), intraclusterCorrelation: 1).power(totalSize: 100, effect: 1) }
                == "the intracluster correlation is 1.0, but it must be in [0, 1)")
        #expect(message { _ = try TrialPowerDesign(interventionArms: 3, outcome: .means(standardDeviation: 1)).power(totalSize: 4, effect: 1) }
                == "the total sample size is 4, but it must be at least 5 for this design")
        #expect(message { _ = try TrialPowerDesign(interventionArms: 1, outcome: .means(standardDeviation: 1)).solve(totalSize: 10, effect: nil, power: nil) }
                == "leave out exactly one quantity to solve for; missing: effect, power")
        #expect(message { _ = try TrialPowerDesign(interventionArms: 1, outcome: .means(standardDeviation: 1)).sampleSize(power: 0.8, effect: 0) }
                == "no sample size achieves the target: an effect of 0.0 is no difference at all")
    }

    @Test func renderingsCarryTheResult() throws {
        let result = try TrialPowerDesign(interventionArms: 3, outcome: .means(standardDeviation: 1), multipleComparisons: .holm)
            .sampleSize(power: 0.8, effect: 0.25)
        let csv = result.rendered(as: .csv).split(separator: "\n")
        #expect(csv.count == 2)
        #expect(csv[0].hasPrefix("solved_for,outcome,"))
        #expect(result.rendered(as: .json).contains("\"solved_for\" : \"sample-size\""))
        #expect(result.rendered(as: .text).contains("Holm (power of its first step, a lower bound)"))
        #expect(result.rendered(as: .markdown).contains("| result | value |"))
    }
}
