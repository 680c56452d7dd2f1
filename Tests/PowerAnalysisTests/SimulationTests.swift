import Foundation
import LinearAlgebra
import Randomisation
import StudyProtocol
import Testing
import TrialAnalysis
@testable import PowerAnalysis

/// Simulations of the design: the arm-by-arm fit against TrialAnalysis, the diagnosands against
/// the analytic power within Monte Carlo error at fixed seeds, reproducibility and bad settings.
@Suite struct SimulationTests {
    static let arms = ["control", "police", "partner", "social_media"]

    static func cohort(people: Int, scheme: RandomisationSettings.Scheme = .complete) throws -> CohortDesign {
        let study = StudyProtocol(study: "power-test", arms: arms.map { Arm(name: $0) },
                                  randomisation: RandomisationSettings(scheme: scheme, seed: 1))
        let units = (0 ..< people).map { EnrolmentUnit(id: "P\($0)") }
        return try AllocationDesign(protocol: study).cohortDesign(units: units)
    }

    @Test(arguments: [0, 1, 2])
    func armByArmFitEqualsRobustLinearModel(covariates q: Int) throws {
        var generator = Xoshiro256StarStar(seed: 99)
        var normal = NormalDraws()
        let n = 157
        let arm = (0 ..< n).map { _ in Int32(generator.uniform(below: 4)) }
        var x = (0 ..< n * q).map { _ in normal.next(using: &generator) }
        let y = (0 ..< n).map { i in Double(arm[i]) * 0.3 + (q > 0 ? 0.8 * x[i] : 0) + normal.next(using: &generator) * (1 + Double(arm[i]) * 0.2) }
        let design = ReplicateDesign(arm: arm, arms: 3, covariates: x, covariateCount: q, people: n, adjustment: q == 0 ? .none : .lin)
        let model = try RobustLinearModel(design: design.matrix, response: Vector(y), columnNames: design.columnNames, estimator: .hc2)

        var fit = ReplicateFit(covariateCount: q)
        var estimates = [Double](repeating: 0, count: 3), errors = estimates
        let ok = y.withUnsafeBufferPointer { yb in
            x.withUnsafeMutableBufferPointer { xb in
                arm.withUnsafeBufferPointer { ab in
                    fit.fit(y: yb, covariates: xb, arm: ab, armCount: 4, estimates: &estimates, standardErrors: &errors)
                }
            }
        }
        #expect(ok)
        for a in 0 ..< 3 {
            #expect(relativeDifference(estimates[a], model.coefficients[1 + a]) < 1e-10)
            #expect(relativeDifference(errors[a], model.standardErrors[1 + a]) < 1e-10)
        }
    }

    /// 2,000 replicate trials of the 800-person, 4-arm design with Lin adjustment and HC2: each
    /// arm's power agrees with the analytic calculation, the estimator is unbiased and its
    /// intervals cover, each within 4 Monte Carlo standard errors.
    @Test func normalOutcomeAgreesWithAnalyticPower() throws {
        let simulation = PowerSimulation(allocation: try Self.cohort(people: 800), outcome: .normal(controlMean: 2, standardDeviation: 1),
                                         effects: [0.25, 0.25, 0.25], covariateCount: 1, covariateRSquared: 0.3)
        let result = try simulation.run(replicates: 2000, seed: 20_151_203)
        let analytic = try TrialPowerDesign(interventionArms: 3, outcome: .means(standardDeviation: 1), covariateRSquared: 0.3,
                                            covariateCount: 1).power(totalSize: 800, effect: 0.25)
        for arm in result.arms {
            #expect(abs(arm.power.value - analytic.power) < 4 * arm.power.monteCarloError, "\(arm.arm): \(arm.power.value) vs \(analytic.power)")
            #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError)
            #expect(abs(arm.coverage.value - 0.95) < 4 * arm.coverage.monteCarloError)
            #expect(abs(arm.meanStandardError.value - analytic.standardError) < 0.02 * analytic.standardError)
            #expect(abs(arm.standardDeviation.value - analytic.standardError) < 4 * arm.standardDeviation.monteCarloError)
        }
        #expect(result.anyArmPower.value >= result.arms.map(\.power.value).max()!)
    }

    @Test func binaryOutcomeAgreesWithAnalyticPower() throws {
        let simulation = PowerSimulation(allocation: try Self.cohort(people: 800), outcome: .binary(controlProportion: 0.4),
                                         effects: [-0.12, -0.12, -0.12], covariateCount: 0, adjustment: .none,
                                         multipleComparisons: .bonferroni)
        let result = try simulation.run(replicates: 2000, seed: 7)
        let analytic = try TrialPowerDesign(interventionArms: 3, outcome: .proportions(control: 0.4), multipleComparisons: .bonferroni)
            .power(totalSize: 800, effect: -0.12)
        for arm in result.arms {
            #expect(abs(arm.power.value - analytic.power) < 4 * arm.power.monteCarloError, "\(arm.arm): \(arm.power.value) vs \(analytic.power)")
            #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError)
        }
    }

    @Test func sameSeedSameResultOtherSeedOtherResult() throws {
        let simulation = PowerSimulation(allocation: try Self.cohort(people: 120, scheme: .simple), outcome: .normal(controlMean: 0, standardDeviation: 2),
                                         effects: [0.5, 0, -0.5], covariateCount: 2, covariateRSquared: 0.4, multipleComparisons: .holm)
        let first = try simulation.run(replicates: 300, seed: 5)
        let again = try simulation.run(replicates: 300, seed: 5)
        let other = try simulation.run(replicates: 300, seed: 6)
        #expect(first.arms == again.arms)
        #expect(first.arms != other.arms)
        // An arm with no effect: "power" is the false positive rate, near α.
        #expect(abs(first.arms[1].power.value - 0.05 / 2) < 0.05)
    }

    @Test func generalRegressionPathRuns() throws {
        let simulation = PowerSimulation(allocation: try Self.cohort(people: 200), outcome: .normal(controlMean: 0, standardDeviation: 1),
                                         effects: [0.4, 0.4, 0.4], covariateCount: 1, covariateRSquared: 0.5, adjustment: .additive,
                                         estimator: .hc3, multipleComparisons: .dunnett)
        #expect(!simulation.usesArmByArmFit)
        let result = try simulation.run(replicates: 200, seed: 11)
        for arm in result.arms { #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError) }
        #expect(result.rendered(as: .csv).split(separator: "\n").count == 4)
        #expect(result.rendered(as: .json).contains("\"any_arm_power\""))
        #expect(result.rendered(as: .text).contains("Dunnett single-step"))
    }

    @Test func badSettingsAreNamed() throws {
        let cohort = try Self.cohort(people: 100)
        func message(_ simulation: PowerSimulation, replicates: Int = 10) -> String {
            do { _ = try simulation.run(replicates: replicates, seed: 1); return "no error" } catch { return "\(error)" }
        }
        #expect(message(PowerSimulation(allocation: cohort, outcome: .normal(controlMean: 0, standardDeviation: 1), effects: [0.1, 0.2]))
                == "the number of arm effects is 2, but it must be one per intervention arm (police, partner, social_media)")
        #expect(message(PowerSimulation(allocation: cohort, outcome: .binary(controlProportion: 0.3), effects: [0, 0, 0], covariateRSquared: 0.2))
                == "the covariate R-squared is 0.2, but it must be 0 for a binary outcome")
        #expect(message(PowerSimulation(allocation: cohort, outcome: .binary(controlProportion: 0.3), effects: [0.8, 0, 0]))
                .hasPrefix("an arm's proportion is 1.1"))
        #expect(message(PowerSimulation(allocation: cohort, outcome: .normal(controlMean: 0, standardDeviation: 1), effects: [0, 0, 0],
                                        estimator: .cr2)).hasPrefix("the variance estimator is CR2"))
        #expect(message(PowerSimulation(allocation: cohort, outcome: .normal(controlMean: 0, standardDeviation: 1), effects: [0, .nan, 0]))
                .hasPrefix("an arm effect is"))
        #expect(message(PowerSimulation(allocation: cohort, outcome: .normal(controlMean: 0, standardDeviation: 1), effects: [0, 0, 0]), replicates: 1)
                == "the number of replicates is 1, but it must be at least 2")
        // Simple randomisation of 12 people leaves some replicate with an arm too small for Lin's
        // regression with two covariates.
        let tiny = try Self.cohort(people: 12, scheme: .simple)
        #expect(message(PowerSimulation(allocation: tiny, outcome: .normal(controlMean: 0, standardDeviation: 1), effects: [0, 0, 0],
                                        covariateCount: 1), replicates: 200).hasPrefix("replicate trial"))
    }
}

/// The arm-by-arm fit inside a whole simulation gives the diagnosands of fitting every
/// replicate with RobustLinearModel.
@Suite struct SimulationPathTests {
    @Test func armByArmAndWholeRegressionAgree() throws {
        var simulation = PowerSimulation(allocation: try SimulationTests.cohort(people: 160, scheme: .simple),
                                         outcome: .normal(controlMean: 1, standardDeviation: 1.5), effects: [0.2, 0.5, -0.3],
                                         covariateCount: 2, covariateRSquared: 0.4)
        let fast = try simulation.run(replicates: 150, seed: 77)
        simulation.fitsWholeRegression = true
        let whole = try simulation.run(replicates: 150, seed: 77)
        for (a, b) in zip(fast.arms, whole.arms) {
            #expect(relativeDifference(a.meanEstimate.value, b.meanEstimate.value) < 1e-10)
            #expect(relativeDifference(a.rootMeanSquaredError.value, b.rootMeanSquaredError.value) < 1e-10)
            #expect(relativeDifference(a.meanStandardError.value, b.meanStandardError.value) < 1e-10)
            #expect(a.coverage == b.coverage && a.power == b.power)
        }
    }
}
