import Foundation
import LinearAlgebra

/// The penalised logistic fit at one λ after another, each starting from the last (warm starts):
/// glmnet's algorithm for the binomial family, in its covariance-update form.
///
/// Each reweighting step replaces the log-likelihood by its quadratic approximation at the
/// current fit. The approximation's weighted Gram matrix, over the intercept and the working
/// set of factors, is formed once per step with BLAS (`dsyrk`); coordinate descent then runs on
/// that small matrix alone, so a pass over the coefficients costs O(k²), not O(n k). The working
/// set is the factors ever non-zero plus those the sequential strong rule admits; after
/// convergence, any factor left out whose gradient violates the optimality (KKT) condition is
/// added and the fit repeated.
struct LogisticCoordinateDescent {
    /// A fitted point on the path, on the standardised scale.
    struct Solution {
        var intercept: Double
        var coefficients: [Double]
        /// The mean binomial deviance per person.
        var deviance: Double
    }

    private let design: StandardisedFactors
    private let outcome: Vector
    private let alpha: Double
    private let tolerance: Double
    private var passesLeft: Int
    private let maximumPasses: Int

    /// The mean null deviance per person (intercept only).
    let nullDeviance: Double
    /// The largest λ of glmnet's generated sequence: the smallest at which every factor is zero
    /// (for α ≥ 0.001; below that, glmnet divides by 0.001 instead of α).
    private(set) var lambdaMax: Double

    private var intercept: Double
    private var coefficients: [Double]
    private var linearPredictor: Vector
    private var probabilities: [Double]
    /// Z'(y − p)/n for every factor, at the current fit.
    private var gradient: [Double]
    private var interceptGradient: Double
    private var everActive: [Bool]
    private var weighted: Matrix? = nil

    /// The probabilities used in the weights are kept at least this far from 0 and 1 (glmnet's
    /// `pmin`), so that a nearly separated person does not give a zero weight.
    private static let probabilityFloor = 1e-9
    /// The most reweighting steps at one λ.
    private static let maximumReweightings = 100

    init(design: StandardisedFactors, outcome: [Double], alpha: Double, threshold: Double, maximumPasses: Int) {
        self.design = design
        self.outcome = Vector(outcome)
        self.alpha = alpha
        self.maximumPasses = maximumPasses
        passesLeft = maximumPasses
        let n = Double(outcome.count)
        let mean = outcome.reduce(0, +) / n
        intercept = log(mean / (1 - mean))
        nullDeviance = -2 * (mean * log(mean) + (1 - mean) * log(1 - mean))
        tolerance = threshold * nullDeviance
        coefficients = [Double](repeating: 0, count: design.columns)
        everActive = [Bool](repeating: false, count: design.columns)
        linearPredictor = Vector(repeating: 0, count: outcome.count)
        probabilities = []
        gradient = []
        interceptGradient = 0
        lambdaMax = 0
        refresh()
        lambdaMax = gradient.map(abs).max().map { $0 / Swift.max(alpha, 1e-3) } ?? 0
    }

    /// The current fit.
    var solution: Solution {
        Solution(intercept: intercept, coefficients: coefficients, deviance: deviance())
    }

    /// Fits at `lambda`, starting from the current fit (the solution at `previousLambda`).
    ///
    /// - Throws: ``RiskModelError/noConvergence(fit:iterations:)`` when the reweighting steps at
    ///   this λ, or the passes over the whole path, run out.
    mutating func fit(lambda: Double, previousLambda: Double) throws {
        let p = design.columns
        let strongBound = alpha * (2 * lambda - previousLambda)
        var inWorkingSet = (0 ..< p).map { j in
            design.varies(j) && (everActive[j] || alpha == 0 || abs(gradient[j]) >= strongBound)
        }
        while true {
            try reweight(lambda: lambda, workingSet: (0 ..< p).filter { inWorkingSet[$0] })
            let violators = (0 ..< p).filter { !inWorkingSet[$0] && design.varies($0) && abs(gradient[$0]) > alpha * lambda }
            if violators.isEmpty { break }
            for j in violators { inWorkingSet[j] = true }
        }
        for j in 0 ..< p where coefficients[j] != 0 { everActive[j] = true }
    }

    /// Reweighting (Newton) steps on the working set until the coefficients settle.
    private mutating func reweight(lambda: Double, workingSet: [Int]) throws {
        let k = workingSet.count + 1
        let l1 = lambda * alpha, l2 = lambda * (1 - alpha)
        for _ in 0 ..< Self.maximumReweightings {
            let gram = weightedGram(workingSet: workingSet)
            let g = [interceptGradient] + workingSet.map { gradient[$0] }
            let start = [intercept] + workingSet.map { coefficients[$0] }
            var step = [Double](repeating: 0, count: k)
            var gramTimesStep = [Double](repeating: 0, count: k)
            gram.withUnsafeBufferPointer { h in
                while true {
                    var largest = 0.0
                    for c in 0 ..< k {
                        let curvature = h[c * k + c]
                        let old = start[c] + step[c]
                        let target = g[c] - gramTimesStep[c] + curvature * old
                        let new = c == 0
                            ? target / curvature
                            : softThreshold(target, l1) / (curvature + l2)
                        let change = new - old
                        guard change != 0 else { continue }
                        step[c] += change
                        for r in 0 ..< k { gramTimesStep[r] += h[c * k + r] * change }
                        largest = Swift.max(largest, curvature * change * change)
                    }
                    passesLeft -= 1
                    if largest < tolerance || passesLeft <= 0 { break }
                }
            }
            guard passesLeft > 0 else {
                throw RiskModelError.noConvergence(fit: "penalised logistic regression at lambda \(lambda)", iterations: maximumPasses)
            }
            var settled = true
            gram.withUnsafeBufferPointer { h in
                for c in 0 ..< k where h[c * k + c] * step[c] * step[c] >= tolerance { settled = false }
            }
            intercept += step[0]
            for (c, j) in workingSet.enumerated() { coefficients[j] += step[c + 1] }
            refresh()
            if settled { return }
        }
        throw RiskModelError.noConvergence(fit: "penalised logistic regression at lambda \(lambda)", iterations: Self.maximumReweightings)
    }

    /// X̃'VX̃/n over the intercept and the working set, with v = p(1 − p): the curvature of the
    /// mean log-likelihood, through one `dsyrk`.
    private mutating func weightedGram(workingSet: [Int]) -> Matrix {
        let n = design.rows, k = workingSet.count + 1
        if weighted?.columns != k { weighted = nil; weighted = Matrix(rows: n, columns: k) }
        let floor = Self.probabilityFloor, scale = 1 / Double(n)
        design.matrix.withUnsafeBufferPointer { z in
            probabilities.withUnsafeBufferPointer { probabilities in
                weighted!.withUnsafeMutableBufferPointer { q in
                    let base = q.baseAddress!, source = z.baseAddress!
                    for i in 0 ..< n {
                        let probability = Swift.min(Swift.max(probabilities[i], floor), 1 - floor)
                        base[i] = (probability * (1 - probability) * scale).squareRoot()
                    }
                    for (c, j) in workingSet.enumerated() {
                        let target = base + (c + 1) * n, column = source + j * n
                        for i in 0 ..< n { target[i] = base[i] * column[i] }
                    }
                }
            }
        }
        return weighted!.gram()
    }

    /// Recomputes the linear predictor, the probabilities and the gradient from the coefficients.
    private mutating func refresh() {
        let n = design.rows
        linearPredictor = design.matrix.multiplied(by: Vector(coefficients))
        var residual = [Double](repeating: 0, count: n)
        var residualSum = 0.0
        let scale = 1 / Double(n), intercept = intercept
        if probabilities.count != n { probabilities = [Double](repeating: 0, count: n) }
        linearPredictor.withUnsafeMutableBufferPointer { eta in
            outcome.withUnsafeBufferPointer { y in
                probabilities.withUnsafeMutableBufferPointer { probabilities in
                    residual.withUnsafeMutableBufferPointer { residual in
                        for i in 0 ..< n {
                            eta[i] += intercept
                            let probability = 1 / (1 + exp(-eta[i]))
                            probabilities[i] = probability
                            residual[i] = (y[i] - probability) * scale
                            residualSum += residual[i]
                        }
                    }
                }
            }
        }
        interceptGradient = residualSum
        gradient = Array(design.matrix.multiplied(by: Vector(residual), transposingSelf: true))
    }

    /// The mean binomial deviance per person, 2/n Σ (log(1 + e^η) − yη), computed stably.
    private func deviance() -> Double {
        var total = 0.0
        linearPredictor.withUnsafeBufferPointer { eta in
            outcome.withUnsafeBufferPointer { y in
                for i in eta.indices {
                    let e = eta[i]
                    total += Swift.max(e, 0) + log1p(exp(-abs(e))) - y[i] * e
                }
            }
        }
        return 2 * total / Double(design.rows)
    }
}

/// sign(z) · max(|z| − γ, 0).
@inline(__always)
func softThreshold(_ z: Double, _ gamma: Double) -> Double {
    if z > gamma { return z - gamma }
    if z < -gamma { return z + gamma }
    return 0
}
