import Foundation
import Randomisation
import StudyProtocol
import Testing
import TrialAnalysis
@testable import PowerAnalysis

/// Simulations of cluster-randomised designs and of count outcomes: the diagnosands against the
/// analytic power within Monte Carlo error at fixed seeds, the rate-ratio model's sandwich
/// standard errors against R (`glm` + `sandwich`), the count draws, and bad settings.
@Suite struct ClusterAndRateSimulationTests {
    /// A study that allocates whole clusters (families) of `clusterSize` people.
    static func clusterCohort(arms: [String], clusters: Int, clusterSize: Int) throws -> CohortDesign {
        let study = StudyProtocol(study: "power-cluster-test", arms: arms.map { Arm(name: $0) },
                                  randomisation: RandomisationSettings(scheme: .cluster, seed: 3, clusterField: "family"))
        let units = (0 ..< clusters * clusterSize).map { EnrolmentUnit(id: "P\($0)", fields: ["family": "F\($0 / clusterSize)"]) }
        return try AllocationDesign(protocol: study).cohortDesign(units: units)
    }

    /// 60 families of 10 in two arms, ICC 0.05, analysed by CR2: power, bias and coverage
    /// within 4 Monte Carlo standard errors of the analytic calculation with the design effect.
    @Test func clusterMeansAgreeWithAnalyticPower() throws {
        let cohort = try Self.clusterCohort(arms: ["control", "police"], clusters: 60, clusterSize: 10)
        let simulation = PowerSimulation(allocation: cohort, outcome: .normal(controlMean: 0, standardDeviation: 1), effects: [0.25],
                                         covariateCount: 0, adjustment: .none, estimator: .cr2, intraclusterCorrelation: 0.05)
        let result = try simulation.run(replicates: 1000, seed: 2024)
        let analytic = try TrialPowerDesign(interventionArms: 1, outcome: .means(standardDeviation: 1), intraclusterCorrelation: 0.05,
                                            clusterSize: 10).power(totalSize: 600, effect: 0.25)
        let arm = result.arms[0]
        #expect(abs(arm.power.value - analytic.power) < 4 * arm.power.monteCarloError, "\(arm.power.value) vs \(analytic.power)")
        #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError)
        #expect(abs(arm.coverage.value - 0.95) < 4 * arm.coverage.monteCarloError)
        #expect(abs(arm.standardDeviation.value - analytic.standardError) < 4 * arm.standardDeviation.monteCarloError)
        #expect(result.rendered(as: .text).contains("60 clusters allocated whole, intracluster correlation 0.05"))
    }

    /// Beta-binomial clusters keep each person's variance p(1 − p), so the analytic design
    /// effect applies exactly; the linear probability model with CR2 finds the same power.
    @Test func clusterProportionsAgreeWithAnalyticPower() throws {
        let cohort = try Self.clusterCohort(arms: ["control", "partner"], clusters: 80, clusterSize: 10)
        let simulation = PowerSimulation(allocation: cohort, outcome: .binary(controlProportion: 0.4), effects: [-0.12],
                                         covariateCount: 0, adjustment: .none, estimator: .cr2, intraclusterCorrelation: 0.03)
        let result = try simulation.run(replicates: 1000, seed: 99)
        let analytic = try TrialPowerDesign(interventionArms: 1, outcome: .proportions(control: 0.4), intraclusterCorrelation: 0.03,
                                            clusterSize: 10).power(totalSize: 800, effect: -0.12)
        let arm = result.arms[0]
        #expect(abs(arm.power.value - analytic.power) < 4 * arm.power.monteCarloError, "\(arm.power.value) vs \(analytic.power)")
        #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError)
        #expect(abs(arm.standardDeviation.value - analytic.standardError) < 4 * arm.standardDeviation.monteCarloError)
    }

    /// Poisson counts in the 800-person, 4-arm design: each arm's power agrees with the analytic
    /// rate-ratio calculation; the log rate ratio is unbiased to Monte Carlo error and its
    /// intervals cover.
    @Test func poissonRatesAgreeWithAnalyticPower() throws {
        let simulation = PowerSimulation(allocation: try SimulationTests.cohort(people: 800),
                                         outcome: .counts(controlRate: 0.5, followUp: 1, dispersion: nil), effects: [0.7, 0.7, 0.7],
                                         covariateCount: 0, estimator: .hc0)
        let result = try simulation.run(replicates: 2000, seed: 515)
        let analytic = try TrialPowerDesign(interventionArms: 3, outcome: .rates(control: 0.5, followUp: 1)).power(totalSize: 800, effect: 0.7)
        for arm in result.arms {
            #expect(arm.estimand == log(0.7))
            #expect(abs(arm.power.value - analytic.power) < 4 * arm.power.monteCarloError, "\(arm.arm): \(arm.power.value) vs \(analytic.power)")
            #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError)
            #expect(abs(arm.coverage.value - 0.95) < 4 * arm.coverage.monteCarloError)
            #expect(abs(arm.standardDeviation.value - analytic.standardError) < 4 * arm.standardDeviation.monteCarloError)
        }
        #expect(result.rendered(as: .text).contains("estimands are log rate ratios"))
        #expect(result.rendered(as: .json).contains("\"estimand_scale\":\"log rate ratio\"") || result.rendered(as: .json).contains("\"estimand_scale\" : \"log rate ratio\""))
    }

    /// Negative binomial counts: the sandwich standard error tracks the spread of the estimates
    /// (which the Poisson variance would understate) and the intervals cover.
    @Test func negativeBinomialRatesAreCoveredBySandwichIntervals() throws {
        let simulation = PowerSimulation(allocation: try SimulationTests.cohort(people: 800),
                                         outcome: .counts(controlRate: 1.2, followUp: 1, dispersion: 0.8), effects: [0.75, 1, 1.2],
                                         covariateCount: 0, estimator: .hc1)
        let result = try simulation.run(replicates: 1500, seed: 8)
        for arm in result.arms {
            #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError)
            #expect(abs(arm.coverage.value - 0.95) < 4 * arm.coverage.monteCarloError)
            #expect(abs(arm.meanStandardError.value / arm.standardDeviation.value - 1) < 0.06)
            let poissonSE = (1 / (200 * 1.2) + 1 / (200 * 1.2 * exp(arm.estimand))).squareRoot()
            #expect(arm.standardDeviation.value > 1.3 * poissonSE)
        }
        // The arm with no effect: its "power" is the false positive rate, near α.
        #expect(abs(result.arms[1].power.value - 0.05) < 4 * result.arms[1].power.monteCarloError)
    }

    /// Clustered counts with a gamma frailty, analysed with the stata small-sample factor.
    @Test func clusterRatesAreUnbiasedAndCovered() throws {
        let cohort = try Self.clusterCohort(arms: ["control", "social_media"], clusters: 80, clusterSize: 8)
        let simulation = PowerSimulation(allocation: cohort, outcome: .counts(controlRate: 0.8, followUp: 1.5, dispersion: nil),
                                         effects: [0.8], covariateCount: 0, estimator: .stata, intraclusterCorrelation: 0.05)
        let result = try simulation.run(replicates: 1500, seed: 41)
        let arm = result.arms[0]
        #expect(abs(arm.bias.value) < 4 * arm.bias.monteCarloError)
        #expect(abs(arm.coverage.value - 0.95) < 4 * arm.coverage.monteCarloError)
        // The spread of log ȳₐ − log ȳ₀ by the delta method: each arm's mean count μ over n people
        // in clusters of m with frailty variance v has variance (1 + μ v m) / (n μ), with v set by
        // the ICC at control's mean, v = ρ / (μ₀ (1 − ρ)).
        let control = 0.8 * 1.5, treated = control * 0.8, m = 8.0, n = 320.0
        let v = 0.05 / (control * (1 - 0.05))
        let expected = ((1 + control * v * m) / (n * control) + (1 + treated * v * m) / (n * treated)).squareRoot()
        #expect(abs(arm.standardDeviation.value - expected) < 4 * arm.standardDeviation.monteCarloError,
                "\(arm.standardDeviation.value) vs \(expected)")
        #expect(arm.standardDeviation.value > 1.1 * (1 / (n * control) + 1 / (n * treated)).squareRoot())
    }

    /// The rate-ratio model's estimate and its HC0, HC1, CR0 and stata standard errors equal
    /// R's `glm(count ~ factor(arm), poisson)` with `sandwich::vcovHC` and `vcovCL`.
    @Test(arguments: [VarianceEstimator.hc0, .hc1, .cr0, .stata])
    func rateRatioSandwichMatchesR(_ estimator: VarianceEstimator) throws {
        let data = FixtureRows("rate_counts.csv").rows
        let reference = FixtureRows("rate_ratio_sandwich.csv").rows
        let clustered = estimator.isClustered
        let study = StudyProtocol(study: "rates", arms: ["control", "b", "c"].map { Arm(name: $0) },
                                  randomisation: RandomisationSettings(scheme: clustered ? .cluster : .complete, seed: 1,
                                                                       clusterField: clustered ? "family" : nil))
        let units = data.enumerated().map { i, row in EnrolmentUnit(id: "P\(i)", fields: ["family": row["cluster"]!]) }
        let cohort = try AllocationDesign(protocol: study).cohortDesign(units: units)
        let simulation = PowerSimulation(allocation: cohort, outcome: .counts(controlRate: 1, followUp: 1, dispersion: nil),
                                         effects: [1, 1], covariateCount: 0, estimator: estimator)
        var work = ReplicateWork(simulation: simulation, people: data.count, arms: 2)
        for (i, row) in data.enumerated() {
            work.arm[i] = Int32(row.number("arm"))
            work.y[i] = row.number("count")
        }
        try work.analyseRates(index: 0)
        let column = estimator.rawValue.lowercased()
        for a in 0 ..< 2 {
            #expect(relativeDifference(work.estimates[a], reference[a].number("estimate")) < 1e-12)
            #expect(relativeDifference(work.standardErrors[a], reference[a].number(column)) < 1e-12, "\(estimator) arm \(a + 1)")
            #expect(work.degreesOfFreedom[a] == .infinity)
        }
    }

    /// The count draws have the means and variances of their distributions (to 4 standard
    /// errors of the sample moments over 200,000 draws).
    @Test(arguments: [0.3, 4.0, 9.9, 25.0, 180.0])
    func poissonDrawsHaveTheirMoments(_ mean: Double) {
        var generator = Xoshiro256StarStar(seed: 12, stream: "poisson-test", index: UInt64(mean * 10))
        var draws = CountDraws()
        let n = 200_000
        var sum = 0.0, squares = 0.0
        for _ in 0 ..< n {
            let x = draws.poisson(mean: mean, using: &generator)
            #expect(x >= 0 && x == x.rounded())
            sum += x
            squares += x * x
        }
        let sampleMean = sum / Double(n), sampleVariance = squares / Double(n) - sampleMean * sampleMean
        #expect(abs(sampleMean - mean) < 4 * (mean / Double(n)).squareRoot())
        // var of the sample variance of a Poisson: (μ + 2μ²)/n.
        #expect(abs(sampleVariance - mean) < 4 * ((mean + 2 * mean * mean) / Double(n)).squareRoot())
    }

    @Test(arguments: [0.4, 1.0, 3.5])
    func gammaDrawsHaveTheirMoments(_ shape: Double) {
        var generator = Xoshiro256StarStar(seed: 5, stream: "gamma-test", index: UInt64(shape * 10))
        var draws = CountDraws()
        let n = 200_000, scale = 2.0
        var sum = 0.0, squares = 0.0
        for _ in 0 ..< n {
            let x = draws.gamma(shape: shape, scale: scale, using: &generator)
            sum += x
            squares += x * x
        }
        let mean = sum / Double(n), variance = squares / Double(n) - mean * mean
        let trueMean = shape * scale, trueVariance = shape * scale * scale
        #expect(abs(mean - trueMean) < 4 * (trueVariance / Double(n)).squareRoot())
        #expect(abs(variance / trueVariance - 1) < 0.03)
    }

    @Test func badClusterAndRateSettingsAreNamed() throws {
        let people = try SimulationTests.cohort(people: 100)
        let clusters = try Self.clusterCohort(arms: ["control", "police"], clusters: 10, clusterSize: 5)
        func message(_ simulation: PowerSimulation) -> String {
            do { _ = try simulation.run(replicates: 10, seed: 1); return "no error" } catch { return "\(error)" }
        }
        let normal = SimulatedOutcome.normal(controlMean: 0, standardDeviation: 1)
        #expect(message(PowerSimulation(allocation: people, outcome: normal, effects: [0, 0, 0], intraclusterCorrelation: 0.1))
                == "the intracluster correlation is 0.1, but it must be 0 unless the study's randomisation scheme allocates clusters")
        #expect(message(PowerSimulation(allocation: clusters, outcome: normal, effects: [0.2], covariateCount: 0)).hasPrefix(
                "the variance estimator is HC2, but it must be a clustered one (CR2, CR0 or stata)"))
        #expect(message(PowerSimulation(allocation: clusters, outcome: normal, effects: [0.2], covariateCount: 0, estimator: .cr2,
                                        intraclusterCorrelation: 1)).hasPrefix("the intracluster correlation is 1.0, but it must be in [0, 1)"))
        let counts = SimulatedOutcome.counts(controlRate: 0.5, followUp: 1, dispersion: nil)
        #expect(message(PowerSimulation(allocation: people, outcome: counts, effects: [0.8, 0.8, 0.8], covariateCount: 0))
                == "the variance estimator is HC2, but it must be HC0 or HC1 for counts")
        #expect(message(PowerSimulation(allocation: clusters, outcome: counts, effects: [0.8], covariateCount: 0, estimator: .cr2))
                == "the variance estimator is CR2, but it must be CR0 or stata for counts in a cluster design")
        #expect(message(PowerSimulation(allocation: people, outcome: counts, effects: [0.8, 0.8, 0.8], covariateCount: 1, estimator: .hc0))
                .hasPrefix("the number of covariates is 1, but it must be 0 for counts"))
        #expect(message(PowerSimulation(allocation: people, outcome: counts, effects: [0.8, -1, 0.8], covariateCount: 0, estimator: .hc0))
                == "an arm's rate ratio is -1.0, but it must be positive")
        #expect(message(PowerSimulation(allocation: people, outcome: .counts(controlRate: 0.5, followUp: 1, dispersion: 0), effects: [1, 1, 1],
                                        covariateCount: 0, estimator: .hc0)).hasPrefix("the negative binomial dispersion is 0.0"))
        #expect(message(PowerSimulation(allocation: people, outcome: .counts(controlRate: 0, followUp: 1, dispersion: nil), effects: [1, 1, 1],
                                        covariateCount: 0, estimator: .hc0)).hasPrefix("the control rate is 0.0"))
        // So few events that some replicate has an arm without any: the replicate is named.
        #expect(message(PowerSimulation(allocation: people, outcome: .counts(controlRate: 0.01, followUp: 1, dispersion: nil),
                                        effects: [1, 1, 1], covariateCount: 0, estimator: .hc0))
                .contains("has no events, so its log rate ratio is not finite"))
    }
}
