import Foundation
import LinearAlgebra
import Randomisation
import Statistics
import TrialAnalysis

extension PowerSimulation {
    /// The stream label of the outcome draws.
    static let outcomeStream: StreamLabel = "power-simulation"
    /// Replicates whose assignments are held in memory at once.
    static let batchSize = 4096

    /// Runs the simulation.
    ///
    /// - Parameters:
    ///   - replicates: The number of replicate trials, at least 2.
    ///   - seed: The seed every draw derives from.
    ///   - progress: Called from worker threads with the number of replicates finished so far
    ///     (at most about every 1% of the run); `nil` for none.
    /// - Returns: The diagnosands of each intervention arm.
    /// - Throws: ``PowerAnalysisError`` for a bad setting or a replicate that cannot be analysed
    ///   (an arm too small for its regression); `AllocationError` if a rerandomisation redraw fails.
    /// - Complexity: O(R N q²) for R replicates of N people with the arm-by-arm fit; O(R N K²)
    ///   otherwise.
    public func run(replicates: Int, seed: UInt64, progress: (@Sendable (Int) -> Void)? = nil) throws -> SimulationDiagnosands {
        try validate(replicates: replicates)
        let k = interventionArms.count
        let n = allocation.count
        let seeds = CohortDesign.replaySeeds(count: replicates, seed: seed)
        var estimates = [Double](repeating: .nan, count: replicates * k)
        var standardErrors = [Double](repeating: .nan, count: replicates * k)
        var degreesOfFreedom = [Double](repeating: .nan, count: replicates * k)
        let counter = ProgressCounter(total: replicates, report: progress)
        let failure = FirstFailure()

        // Protocol arm index → 0 for control, 1... for intervention arms in protocol order.
        let controlIndex = allocation.design.studyProtocol.controlIndex
        var codes = [Int32](repeating: 0, count: allocation.design.armNames.count)
        var next: Int32 = 1
        for a in codes.indices where a != controlIndex { codes[a] = next; next += 1 }
        let armCode = codes

        var start = 0
        while start < replicates {
            let end = min(replicates, start + Self.batchSize)
            let first = start
            let assignments = try allocation.replay(seeds: Array(seeds[start ..< end]))
            let batch = end - start
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch / 8))
            estimates.withUnsafeMutableBufferPointer { estimatesBuffer in
                standardErrors.withUnsafeMutableBufferPointer { errorsBuffer in
                    degreesOfFreedom.withUnsafeMutableBufferPointer { dfBuffer in
                        let output = SharedOutput(estimates: estimatesBuffer, standardErrors: errorsBuffer, degreesOfFreedom: dfBuffer)
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            var replicate = ReplicateWork(simulation: self, people: n, arms: k)
                            for offset in (batch * worker / workers) ..< (batch * (worker + 1) / workers) {
                                if failure.hasFailed { return }
                                let r = first + offset
                                let drawn = assignments.replay(offset)
                                for (i, code) in drawn.enumerated() { replicate.arm[i] = armCode[Int(code)] }
                                do {
                                    try replicate.analyse(index: r, seed: seed)
                                } catch {
                                    failure.record(error)
                                    return
                                }
                                for a in 0 ..< k {
                                    output.estimates[r * k + a] = replicate.estimates[a]
                                    output.standardErrors[r * k + a] = replicate.standardErrors[a]
                                    output.degreesOfFreedom[r * k + a] = replicate.degreesOfFreedom[a]
                                }
                                counter.advance()
                            }
                        }
                    }
                }
            }
            if let error = failure.error { throw error }
            start = end
        }
        return SimulationDiagnosands(simulation: self, replicates: replicates, seed: seed, estimates: estimates,
                                     standardErrors: standardErrors, degreesOfFreedom: degreesOfFreedom)
    }
}

/// One worker's buffers and fit, reused across the replicates it runs.
struct ReplicateWork {
    let simulation: PowerSimulation
    let people: Int
    let arms: Int
    var arm: [Int32]
    var y: [Double]
    var covariates: [Double]
    var estimates: [Double]
    var standardErrors: [Double]
    var degreesOfFreedom: [Double]
    var fit: ReplicateFit
    /// Each person's cluster in a cluster design, else empty.
    let clusterOfPerson: [Int32]
    /// The first member of each cluster, whose arm is the cluster's.
    let firstMember: [Int]
    /// Each cluster's shared draw in the current replicate.
    var clusterEffect: [Double]
    var counts = CountDraws()

    init(simulation: PowerSimulation, people: Int, arms: Int) {
        self.simulation = simulation
        self.people = people
        self.arms = arms
        arm = [Int32](repeating: 0, count: people)
        y = [Double](repeating: 0, count: people)
        covariates = [Double](repeating: 0, count: people * simulation.covariateCount)
        estimates = [Double](repeating: .nan, count: arms)
        standardErrors = [Double](repeating: .nan, count: arms)
        degreesOfFreedom = [Double](repeating: .nan, count: arms)
        fit = ReplicateFit(covariateCount: simulation.analysedCovariates)
        clusterOfPerson = simulation.isClusterDesign ? simulation.allocation.clusterOfUnit : []
        var first = [Int](repeating: -1, count: simulation.isClusterDesign ? simulation.allocation.clusters.count : 0)
        for (i, c) in clusterOfPerson.enumerated() where first[Int(c)] < 0 { first[Int(c)] = i }
        firstMember = first
        clusterEffect = [Double](repeating: 0, count: first.count)
    }

    /// The true effect of a person's arm (0 for control).
    private func effect(ofArm code: Int32, null: Double) -> Double {
        code == 0 ? null : simulation.effects[Int(code) - 1]
    }

    /// Draws replicate `index`'s covariates and outcomes (for the assignment already in `arm`)
    /// and analyses it.
    mutating func analyse(index: Int, seed: UInt64) throws {
        var generator = Xoshiro256StarStar(seed: seed, stream: PowerSimulation.outcomeStream, index: UInt64(index))
        var normal = NormalDraws()
        let q = simulation.covariateCount
        for i in 0 ..< people * q { covariates[i] = normal.next(using: &generator) }
        let rho = simulation.intraclusterCorrelation
        let clustered = !clusterOfPerson.isEmpty && rho > 0
        switch simulation.outcome {
        case let .normal(mean, sd):
            let loading = q > 0 ? (simulation.covariateRSquared / Double(q)).squareRoot() : 0
            let noise = (1 - simulation.covariateRSquared).squareRoot()
            if clustered { for c in clusterEffect.indices { clusterEffect[c] = rho.squareRoot() * normal.next(using: &generator) } }
            let personal = clustered ? (1 - rho).squareRoot() : 1
            for i in 0 ..< people {
                var signal = 0.0
                for j in 0 ..< q { signal += covariates[j * people + i] }
                let shared = clustered ? clusterEffect[Int(clusterOfPerson[i])] : 0
                y[i] = mean + effect(ofArm: arm[i], null: 0)
                    + sd * (loading * signal + noise * (shared + personal * normal.next(using: &generator)))
            }
        case let .binary(p0):
            if clustered {
                // Beta-binomial: each cluster's proportion has mean p and variance ρ p (1 − p).
                let concentration = (1 - rho) / rho
                for c in clusterEffect.indices {
                    let p = p0 + effect(ofArm: arm[firstMember[c]], null: 0)
                    let a = counts.gamma(shape: p * concentration, scale: 1, using: &generator)
                    let b = counts.gamma(shape: (1 - p) * concentration, scale: 1, using: &generator)
                    clusterEffect[c] = a / (a + b)
                }
            }
            for i in 0 ..< people {
                let p = clustered ? clusterEffect[Int(clusterOfPerson[i])] : p0 + effect(ofArm: arm[i], null: 0)
                y[i] = Double(generator.next() >> 11) * 0x1.0p-53 < p ? 1 : 0
            }
        case let .counts(rate, time, dispersion):
            let controlMean = rate * time
            if clustered {
                let inverseDispersion = dispersion.map { 1 / $0 } ?? 0
                let frailtyVariance = rho * (1 / controlMean + inverseDispersion) / (1 - rho * (1 + inverseDispersion))
                for c in clusterEffect.indices {
                    clusterEffect[c] = counts.gamma(shape: 1 / frailtyVariance, scale: frailtyVariance, using: &generator)
                }
            }
            for i in 0 ..< people {
                var mean = controlMean * effect(ofArm: arm[i], null: 1)
                if clustered { mean *= clusterEffect[Int(clusterOfPerson[i])] }
                if let dispersion { mean *= counts.gamma(shape: dispersion, scale: 1 / dispersion, using: &generator) }
                y[i] = counts.poisson(mean: mean, using: &generator)
            }
            try analyseRates(index: index)
            return
        }
        if simulation.usesArmByArmFit {
            let q = simulation.analysedCovariates
            let ok = y.withUnsafeBufferPointer { yBuffer in
                covariates.withUnsafeMutableBufferPointer { xBuffer in
                    arm.withUnsafeBufferPointer { armBuffer in
                        fit.fit(y: yBuffer, covariates: UnsafeMutableBufferPointer(rebasing: xBuffer[0 ..< people * q]), arm: armBuffer,
                                armCount: arms + 1, estimates: &estimates, standardErrors: &standardErrors)
                    }
                }
            }
            guard ok else {
                throw PowerAnalysisError.replicate(index: index, reason: "an arm has too few people for its regression, or collinear covariates")
            }
            let coefficients = (arms + 1) * (1 + q)
            for a in 0 ..< arms { degreesOfFreedom[a] = Double(people - coefficients) }
        } else {
            try analyseByRegression(index: index)
        }
    }

    /// The general path: the whole regression by ``TrialAnalysis/RobustLinearModel``.
    private mutating func analyseByRegression(index: Int) throws {
        let design = ReplicateDesign(arm: arm, arms: arms, covariates: covariates, covariateCount: simulation.analysedCovariates,
                                     people: people, adjustment: simulation.adjustment)
        let model: RobustLinearModel
        do {
            model = try RobustLinearModel(design: design.matrix, response: Vector(y), columnNames: design.columnNames,
                                          clusters: clusterOfPerson.isEmpty ? nil : clusterOfPerson.map { Int($0) },
                                          estimator: simulation.estimator)
        } catch {
            throw PowerAnalysisError.replicate(index: index, reason: "\(error)")
        }
        for a in 0 ..< arms {
            let column = 1 + a
            guard !model.coefficients[column].isNaN else {
                throw PowerAnalysisError.replicate(index: index, reason: "arm '\(simulation.interventionArms[a])' is not estimable (its indicator is collinear)")
            }
            estimates[a] = model.coefficients[column]
            standardErrors[a] = model.standardErrors[column]
            degreesOfFreedom[a] = model.degreesOfFreedom[column]
        }
    }
}

extension ReplicateWork {
    /// The rate-ratio model of a count outcome: Poisson regression on the arm indicators, whose
    /// fitted rate in each arm is the arm's mean count, so the log rate ratio against control is
    /// log(ȳₐ / ȳ₀). Its sandwich variance is the sum over the two arms of Σ rᵢ² / Sₐ² (HC0), with
    /// rᵢ = yᵢ − ȳₐ summed within clusters first for a cluster design (CR0) and Sₐ the arm's
    /// total count; HC1 multiplies by N / (N − K), stata by S/(S − 1) · (N − 1)/(N − K). This is
    /// what R's `glm(family = poisson)` with `sandwich::vcovHC(type = "HC0")` or
    /// `vcovCL(type = "HC0", cadjust = FALSE)` gives. Tests are Wald z tests.
    mutating func analyseRates(index: Int) throws {
        let armCount = arms + 1
        var total = [Double](repeating: 0, count: armCount), size = total
        for i in 0 ..< people {
            total[Int(arm[i])] += y[i]
            size[Int(arm[i])] += 1
        }
        for a in 0 ..< armCount where total[a] == 0 {
            let name = a == 0 ? simulation.allocation.design.studyProtocol.arms[simulation.allocation.design.studyProtocol.controlIndex].name
                : simulation.interventionArms[a - 1]
            throw PowerAnalysisError.replicate(index: index, reason: "arm '\(name)' has no events, so its log rate ratio is not finite; raise the rate, the follow-up or the cohort size")
        }
        let mean = (0 ..< armCount).map { total[$0] / size[$0] }
        var meat = [Double](repeating: 0, count: armCount)
        if clusterOfPerson.isEmpty {
            for i in 0 ..< people {
                let r = y[i] - mean[Int(arm[i])]
                meat[Int(arm[i])] += r * r
            }
        } else {
            for c in clusterEffect.indices { clusterEffect[c] = 0 }
            for i in 0 ..< people { clusterEffect[Int(clusterOfPerson[i])] += y[i] - mean[Int(arm[i])] }
            for c in clusterEffect.indices { meat[Int(arm[firstMember[c]])] += clusterEffect[c] * clusterEffect[c] }
        }
        let n = Double(people), k = Double(armCount), g = Double(clusterEffect.count)
        let factor: Double
        switch simulation.estimator {
        case .hc1: factor = n / (n - k)
        case .stata: factor = g / (g - 1) * (n - 1) / (n - k)
        default: factor = 1
        }
        for a in 1 ..< armCount {
            estimates[a - 1] = Foundation.log(mean[a] / mean[0])
            standardErrors[a - 1] = (factor * (meat[a] / (total[a] * total[a]) + meat[0] / (total[0] * total[0]))).squareRoot()
            degreesOfFreedom[a - 1] = .infinity
        }
    }
}

/// The design matrix of one replicate, in ``TrialAnalysis/ArmEffectModel``'s column order:
/// intercept, arm indicators, then the covariates (additive), or the centred covariates and
/// their interactions with each arm grouped by covariate (Lin).
struct ReplicateDesign {
    let matrix: Matrix
    let columnNames: [String]

    init(arm: [Int32], arms: Int, covariates: [Double], covariateCount q: Int, people n: Int, adjustment: CovariateAdjustment) {
        var columns: [[Double]] = [[Double](repeating: 1, count: n)]
        var names = ["(Intercept)"]
        var indicators: [[Double]] = []
        for a in 1 ... arms {
            indicators.append(arm.map { $0 == Int32(a) ? 1 : 0 })
            names.append("arm\(a)")
        }
        columns += indicators
        let raw = (0 ..< q).map { j in Array(covariates[(j * n) ..< ((j + 1) * n)]) }
        switch adjustment {
        case .none:
            break
        case .additive:
            columns += raw
            names += (0 ..< q).map { "x\($0 + 1)" }
        case .lin:
            let centred = raw.map { column in
                let mean = column.reduce(0, +) / Double(n)
                return column.map { $0 - mean }
            }
            columns += centred
            names += (0 ..< q).map { "x\($0 + 1)_c" }
            for (j, column) in centred.enumerated() {
                for a in 0 ..< arms {
                    columns.append(zip(indicators[a], column).map { $0 * $1 })
                    names.append("arm\(a + 1):x\(j + 1)_c")
                }
            }
        }
        matrix = Matrix(columns: columns)
        columnNames = names
    }
}

/// Output buffers shared by the workers, each writing its own replicates' slots.
private struct SharedOutput: @unchecked Sendable {
    let estimates: UnsafeMutableBufferPointer<Double>
    let standardErrors: UnsafeMutableBufferPointer<Double>
    let degreesOfFreedom: UnsafeMutableBufferPointer<Double>
}

/// The first error any worker met.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func record(_ error: any Error) {
        lock.lock()
        if stored == nil { stored = error }
        lock.unlock()
    }

    var hasFailed: Bool { error != nil }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// Counts finished replicates and reports about every 1% of the run.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var lastReported = 0
    private let step: Int
    private let report: (@Sendable (Int) -> Void)?

    init(total: Int, report: (@Sendable (Int) -> Void)?) {
        step = max(1, total / 100)
        self.report = report
    }

    func advance() {
        guard let report else { return }
        lock.lock()
        done += 1
        let value = done
        let due = value - lastReported >= step
        if due { lastReported = value }
        lock.unlock()
        if due { report(value) }
    }
}
