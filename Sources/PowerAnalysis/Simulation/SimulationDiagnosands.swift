import Foundation
import Statistics
import TrialAnalysis

/// One intervention arm's diagnosands over the replicate trials, as DeclareDesign defines them,
/// each with its Monte Carlo standard error (the uncertainty from simulating R trials rather
/// than infinitely many).
public struct ArmDiagnosands: Sendable, Hashable {
    /// A diagnosand and its Monte Carlo standard error.
    public struct Value: Sendable, Hashable {
        /// The estimate over the replicates.
        public let value: Double
        /// Its Monte Carlo standard error.
        public let monteCarloError: Double
    }

    /// The arm's name.
    public let arm: String
    /// The estimand: the arm's true effect against control in the data-generating model (the
    /// log rate ratio for counts, the scale of the estimates).
    public let estimand: Double
    /// The mean of the estimates (MC error: their SD / √R).
    public let meanEstimate: Value
    /// Mean estimate − estimand.
    public let bias: Value
    /// The standard deviation of the estimates across replicates (MC error: SD / √(2(R − 1)),
    /// its normal-theory error).
    public let standardDeviation: Value
    /// √(mean (estimate − estimand)²) (MC error by the delta method: SD of the squared errors /
    /// (2 RMSE √R)).
    public let rootMeanSquaredError: Value
    /// The mean of the standard errors.
    public let meanStandardError: Value
    /// The share of confidence intervals that contain the estimand (MC error √(c(1 − c)/R)).
    public let coverage: Value
    /// The share of replicates that find the effect at the significance level after the
    /// multiplicity adjustment (MC error √(p(1 − p)/R)).
    public let power: Value
}

/// The result of ``PowerSimulation/run(replicates:seed:progress:)``.
public struct SimulationDiagnosands: Sendable {
    /// The simulation that was run.
    public let simulation: PowerSimulation
    /// The number of replicate trials R.
    public let replicates: Int
    /// The seed.
    public let seed: UInt64
    /// One row per intervention arm, in protocol order.
    public let arms: [ArmDiagnosands]
    /// The share of replicates in which at least one arm's effect is found.
    public let anyArmPower: ArmDiagnosands.Value

    init(simulation: PowerSimulation, replicates: Int, seed: UInt64, estimates: [Double], standardErrors: [Double],
         degreesOfFreedom: [Double]) {
        self.simulation = simulation
        self.replicates = replicates
        self.seed = seed
        let names = simulation.interventionArms
        let k = names.count
        let r = Double(replicates)
        let alpha = simulation.significanceLevel
        let level = simulation.confidenceLevel

        // Rejections per replicate and arm.
        var rejected = [Bool](repeating: false, count: replicates * k)
        var dunnettCritical: [Double: Double] = [:]
        for replicate in 0 ..< replicates {
            let range = (replicate * k) ..< ((replicate + 1) * k)
            let statistics = range.map { estimates[$0] / standardErrors[$0] }
            let pValues = range.enumerated().map { a, index in
                2 * Self.upperTail(abs(statistics[a]), degreesOfFreedom: degreesOfFreedom[index])
            }
            switch simulation.multipleComparisons {
            case .none:
                for a in 0 ..< k { rejected[replicate * k + a] = pValues[a] < alpha }
            case .bonferroni:
                for a in 0 ..< k { rejected[replicate * k + a] = pValues[a] * Double(k) < alpha }
            case .holm:
                let adjusted = holmAdjusted(pValues)
                for a in 0 ..< k { rejected[replicate * k + a] = adjusted[a] < alpha }
            case .dunnett:
                let nu = degreesOfFreedom[replicate * k]
                let critical = dunnettCritical[nu] ?? Self.dunnettCriticalValue(simulation: simulation, degreesOfFreedom: nu)
                dunnettCritical[nu] = critical
                for a in 0 ..< k { rejected[replicate * k + a] = abs(statistics[a]) > critical }
            }
        }

        func proportion(_ count: Int) -> ArmDiagnosands.Value {
            let p = Double(count) / r
            return .init(value: p, monteCarloError: (p * (1 - p) / r).squareRoot())
        }

        // The interval's critical value depends only on the degrees of freedom, which are
        // usually the same in every replicate.
        var criticalValues: [Double: Double] = [:]
        for nu in degreesOfFreedom where criticalValues[nu] == nil {
            criticalValues[nu] = Self.upperQuantile((1 - level) / 2, degreesOfFreedom: nu)
        }
        arms = (0 ..< k).map { a in
            let estimand = simulation.estimands[a]
            var sum = 0.0, sumSE = 0.0, covered = 0, found = 0
            for replicate in 0 ..< replicates {
                let index = replicate * k + a
                sum += estimates[index]
                sumSE += standardErrors[index]
                let critical = criticalValues[degreesOfFreedom[index]]!
                if abs(estimates[index] - estimand) <= critical * standardErrors[index] { covered += 1 }
                if rejected[index] { found += 1 }
            }
            let mean = sum / r, meanSE = sumSE / r
            var squares = 0.0, squaresSE = 0.0, squaredErrors = 0.0
            for replicate in 0 ..< replicates {
                let index = replicate * k + a
                squares += (estimates[index] - mean) * (estimates[index] - mean)
                squaresSE += (standardErrors[index] - meanSE) * (standardErrors[index] - meanSE)
                squaredErrors += (estimates[index] - estimand) * (estimates[index] - estimand)
            }
            let sd = (squares / (r - 1)).squareRoot()
            let mse = squaredErrors / r
            var squaredErrorSpread = 0.0
            for replicate in 0 ..< replicates {
                let error = estimates[replicate * k + a] - estimand
                squaredErrorSpread += (error * error - mse) * (error * error - mse)
            }
            let rmse = mse.squareRoot()
            let mseError = (squaredErrorSpread / (r - 1)).squareRoot() / r.squareRoot()
            return ArmDiagnosands(
                arm: names[a], estimand: estimand,
                meanEstimate: .init(value: mean, monteCarloError: sd / r.squareRoot()),
                bias: .init(value: mean - estimand, monteCarloError: sd / r.squareRoot()),
                standardDeviation: .init(value: sd, monteCarloError: sd / (2 * (r - 1)).squareRoot()),
                rootMeanSquaredError: .init(value: rmse, monteCarloError: rmse > 0 ? mseError / (2 * rmse) : 0),
                meanStandardError: .init(value: meanSE, monteCarloError: (squaresSE / (r - 1)).squareRoot() / r.squareRoot()),
                coverage: proportion(covered),
                power: proportion(found))
        }
        var anyFound = 0
        for replicate in 0 ..< replicates where (0 ..< k).contains(where: { rejected[replicate * k + $0] }) { anyFound += 1 }
        anyArmPower = proportion(anyFound)
    }

    /// P(T > t) for Student's t with ν degrees of freedom, or the standard normal when ν is
    /// infinite (the Wald z tests of counts).
    static func upperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        nu.isFinite ? StudentT(degreesOfFreedom: nu).survival(t) : Normal.standard.survival(t)
    }

    /// The t (or, for infinite ν, normal) quantile with upper tail `p`.
    static func upperQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        nu.isFinite ? StudentT(degreesOfFreedom: nu).inverseSurvival(p) : Normal.standard.inverseSurvival(p)
    }

    /// Dunnett's two-sided critical value for the design's expected arm sizes.
    static func dunnettCriticalValue(simulation: PowerSimulation, degreesOfFreedom nu: Double) -> Double {
        let design = simulation.allocation.design
        let n = Double(simulation.allocation.count)
        let controlIndex = design.studyProtocol.controlIndex
        let controlSize = max(1, Int((n * design.shares[controlIndex]).rounded()))
        let armSizes = design.shares.indices.filter { $0 != controlIndex }.map { max(1, Int((n * design.shares[$0]).rounded())) }
        if armSizes.count == 1 {
            return upperQuantile(simulation.significanceLevel / 2, degreesOfFreedom: nu)
        }
        return ManyToOneComparison(armSizes: armSizes, controlSize: controlSize, degreesOfFreedom: nu)
            .criticalValue(level: simulation.significanceLevel)
    }
}
