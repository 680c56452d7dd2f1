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
    }

    /// Draws replicate `index`'s covariates and outcomes (for the assignment already in `arm`)
    /// and analyses it.
    mutating func analyse(index: Int, seed: UInt64) throws {
        var generator = Xoshiro256StarStar(seed: seed, stream: PowerSimulation.outcomeStream, index: UInt64(index))
        var normal = NormalDraws()
        let q = simulation.covariateCount
        for i in 0 ..< people * q { covariates[i] = normal.next(using: &generator) }
        switch simulation.outcome {
        case let .normal(mean, sd):
            let loading = q > 0 ? (simulation.covariateRSquared / Double(q)).squareRoot() : 0
            let noise = (1 - simulation.covariateRSquared).squareRoot()
            for i in 0 ..< people {
                var signal = 0.0
                for j in 0 ..< q { signal += covariates[j * people + i] }
                let effect = arm[i] == 0 ? 0 : simulation.effects[Int(arm[i]) - 1]
                y[i] = mean + effect + sd * (loading * signal + noise * normal.next(using: &generator))
            }
        case let .binary(p0):
            for i in 0 ..< people {
                let p = p0 + (arm[i] == 0 ? 0 : simulation.effects[Int(arm[i]) - 1])
                y[i] = Double(generator.next() >> 11) * 0x1.0p-53 < p ? 1 : 0
            }
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
