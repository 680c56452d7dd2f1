import Foundation
import LinearAlgebra

/// The settings of iteratively reweighted least squares, as R's `glm.control`.
public struct IRLSControl: Sendable, Hashable {
    /// Convergence when |D − D_old| / (|D| + 0.1) < `tolerance` for the deviance D of successive
    /// iterations. Default 1e-8, as R.
    public var tolerance: Double
    /// The most iterations before the fit is declared not converged. Default 25, as R.
    public var maxIterations: Int

    /// Creates the settings.
    ///
    /// - Parameters:
    ///   - tolerance: Relative deviance change for convergence, positive; default 1e-8.
    ///   - maxIterations: At least 1; default 25.
    public init(tolerance: Double = 1e-8, maxIterations: Int = 25) {
        precondition(tolerance > 0, "IRLSControl: tolerance \(tolerance) is not positive")
        precondition(maxIterations >= 1, "IRLSControl: maxIterations \(maxIterations) is below 1")
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }
}

/// How the weighted least-squares step of IRLS was solved.
public enum IRLSSolver: String, Sendable, Hashable {
    /// Cholesky factorisation of XᵀWX, accumulated a block of rows at a time: one pass over X per
    /// iteration. Used while the design is well conditioned.
    case cholesky
    /// R's pivoted QR of W^½X (LAPACK Householder steps, tolerance 1e-11 as `glm.fit`), which
    /// finds and drops aliased columns. Used when the Cholesky factor shows a column nearly
    /// dependent on the others.
    case pivotedQR = "pivoted QR"
}

/// The working quantities of one pass over the rows at a given linear predictor.
struct IRLSPass {
    var eta: [Double]
    var mu: [Double]
    /// Working weights wᵢ (μ'ᵢ)² / V(μᵢ), prior weights included.
    var workingWeights: [Double]
    /// The working response zᵢ = ηᵢ − offsetᵢ + (yᵢ − μᵢ) / μ'ᵢ.
    var workingResponse: [Double]
    var deviance: Double
    var isValid: Bool
    /// XᵀWX and XᵀWz over the kept columns, when accumulated.
    var normalMatrix: Matrix?
    var normalVector: Vector?
}

/// The outcome of an IRLS fit, before it is dressed as a ``GeneralisedLinearModel``.
struct IRLSResult {
    /// One per design column; NaN for dropped (aliased) columns.
    var coefficients: [Double]
    var keptColumns: [Int]
    /// (XᵀWX)⁻¹ over the kept columns, W at the start of the last iteration (as R's `qr`).
    var unscaledCovariance: Matrix
    var workingWeights: [Double]
    var eta: [Double]
    var mu: [Double]
    var deviance: Double
    var devianceHistory: [Double]
    var coefficientHistory: [[Double]]
    var converged: Bool
    var solver: IRLSSolver
    /// (yᵢ − μᵢ) / μ'(ηᵢ) at the final fit.
    var workingResiduals: [Double]
    /// Σ wᵢ (yᵢ − μᵢ)² / V(μᵢ) at the final fit (prior weights wᵢ).
    var pearsonChiSquared: Double
}

/// Fits a GLM by IRLS exactly as R's `glm.fit` iterates: R's starting values, its convergence
/// rule, step halving on an invalid fit, and its choice of aliased columns.
struct IRLSFitter<Kernel: FamilyKernel> {
    let kernel: Kernel
    let x: Matrix
    let y: [Double]
    let weights: [Double]
    let offset: [Double]?
    let control: IRLSControl

    /// Below this ratio of a Cholesky pivot to its column's weighted norm, the design is too
    /// near collinearity for the normal equations and the QR path takes over.
    static var choleskyConditionLimit: Double { 1e-5 }
    /// R's `glm.fit` QR tolerance, min(1e-7, epsilon / 1000).
    static var qrTolerance: Double { 1e-11 }

    var n: Int { x.rows }
    var p: Int { x.columns }

    /// Fits from R's starting values, or from a given linear predictor (`etastart`).
    func fit(etaStart: [Double]? = nil) throws -> IRLSResult {
        let start = etaStart ?? ParallelRows.map(count: n) { kernel.link(kernel.initialMean(y[$0], weights[$0])) }
        var current = pass(eta: start, accumulate: true)
        guard current.isValid else { throw GLMError.invalidStart }
        var solver: IRLSSolver = .cholesky
        var previousCoefficients: [Double]? = nil
        var devianceHistory: [Double] = []
        var coefficientHistory: [[Double]] = []
        var devianceOld = current.deviance
        // The pass two iterations back, whose row buffers the next pass writes over.
        var spare: IRLSPass? = nil

        for _ in 1 ... control.maxIterations {
            let base = current
            let step = try solve(base, solver: &solver)
            var coefficients = step.coefficients
            var next = pass(coefficients: coefficients, accumulate: solver == .cholesky, reusing: &spare)
            var halvings = 0
            while !(next.isValid && next.deviance.isFinite) {
                guard let previous = previousCoefficients, halvings < control.maxIterations else {
                    throw GLMError.noValidCoefficients(devianceHistory: devianceHistory)
                }
                halvings += 1
                coefficients = zip(coefficients, previous).map { ($0 + $1) / 2 }
                next = pass(coefficients: coefficients, accumulate: solver == .cholesky)
            }
            devianceHistory.append(next.deviance)
            coefficientHistory.append(zip(coefficients, step.aliased).map { $1 ? .nan : $0 })
            if abs(next.deviance - devianceOld) / (abs(next.deviance) + 0.1) < control.tolerance {
                return result(coefficients: coefficients, step: step, at: base, final: next, solver: solver,
                              devianceHistory: devianceHistory, coefficientHistory: coefficientHistory,
                              converged: true)
            }
            devianceOld = next.deviance
            previousCoefficients = coefficients
            if solver == .cholesky && next.normalMatrix == nil {
                next = pass(coefficients: coefficients, accumulate: true)
            }
            current = next
            spare = base
            if devianceHistory.count == control.maxIterations {
                return result(coefficients: coefficients, step: step, at: base, final: next, solver: solver,
                              devianceHistory: devianceHistory, coefficientHistory: coefficientHistory,
                              converged: false)
            }
        }
        preconditionFailure("IRLS: the loop returns on its last iteration")
    }

    private func result(coefficients: [Double], step: WeightedStep, at start: IRLSPass, final: IRLSPass,
                        solver: IRLSSolver, devianceHistory: [Double], coefficientHistory: [[Double]],
                        converged: Bool) -> IRLSResult {
        var residuals = [Double](repeating: 0, count: n)
        let pearson = residuals.withUnsafeMutableBufferPointer { residuals in
            let target = UncheckedSendableRows(residuals)
            return ParallelRows.sum(count: n) { rows in
                var pearson = 0.0
                for i in rows {
                    let r = y[i] - final.mu[i]
                    target.rows[i] = r / kernel.meanDerivative(final.eta[i])
                    pearson += weights[i] * r * r / kernel.variance(final.mu[i])
                }
                return pearson
            }
        }
        return IRLSResult(
            coefficients: zip(coefficients, step.aliased).map { $1 ? .nan : $0 },
            keptColumns: (0 ..< p).filter { !step.aliased[$0] },
            unscaledCovariance: step.unscaledCovariance, workingWeights: start.workingWeights,
            eta: final.eta, mu: final.mu, deviance: final.deviance, devianceHistory: devianceHistory,
            coefficientHistory: coefficientHistory, converged: converged, solver: solver,
            workingResiduals: residuals, pearsonChiSquared: pearson)
    }

    /// One weighted least-squares solution: coefficients (zero for aliased columns, so that Xβ
    /// needs no special case) and the unscaled covariance of the kept ones.
    struct WeightedStep {
        var coefficients: [Double]
        var aliased: [Bool]
        var unscaledCovariance: Matrix
    }

    private func solve(_ pass: IRLSPass, solver: inout IRLSSolver) throws -> WeightedStep {
        if solver == .cholesky, let a = pass.normalMatrix, let b = pass.normalVector,
           let factor = try? Cholesky(a), isWellConditioned(factor, a) {
            let beta = try factor.solve(b)
            return WeightedStep(coefficients: Array(beta), aliased: [Bool](repeating: false, count: p),
                                unscaledCovariance: factor.inverse())
        }
        solver = .pivotedQR
        return try solveByQR(pass)
    }

    /// Whether every Cholesky pivot is a safe fraction of its column's weighted norm (the pivot
    /// is what is left of the column after projecting out the earlier ones, as in QR).
    private func isWellConditioned(_ factor: Cholesky, _ a: Matrix) -> Bool {
        (0 ..< p).allSatisfy { j in
            a[j, j] > 0 && factor.factor[j, j] >= Self.choleskyConditionLimit * a[j, j].squareRoot()
        }
    }

    private func solveByQR(_ pass: IRLSPass) throws -> WeightedStep {
        let root = pass.workingWeights.map { $0.squareRoot() }
        var scaled = x
        scaled.withUnsafeMutableBufferPointer { s in
            for j in 0 ..< p {
                for i in 0 ..< n { s[j * n + i] *= root[i] }
            }
        }
        let response = Vector(zip(pass.workingResponse, root).map { $0 * $1 })
        let fit = try LeastSquares(scaled, response, tolerance: Self.qrTolerance)
        var coefficients = [Double](repeating: 0, count: p)
        var aliased = [Bool](repeating: true, count: p)
        for j in fit.keptColumns {
            coefficients[j] = fit.coefficients[j]
            aliased[j] = false
        }
        return WeightedStep(coefficients: coefficients, aliased: aliased,
                            unscaledCovariance: fit.unscaledCovariance())
    }

    /// A pass at η = Xβ + offset.
    func pass(coefficients: [Double], accumulate: Bool) -> IRLSPass {
        var none: IRLSPass? = nil
        return pass(coefficients: coefficients, accumulate: accumulate, reusing: &none)
    }

    /// A pass at η = Xβ + offset that writes into the row buffers of `spare` (then `nil`) when
    /// it holds the only reference to them, saving four n-element allocations.
    func pass(coefficients: [Double], accumulate: Bool, reusing spare: inout IRLSPass?) -> IRLSPass {
        run(coefficients: coefficients, eta: nil, accumulate: accumulate, reusing: &spare)
    }

    /// A pass at a given η: working weights and response, the deviance, and optionally the
    /// normal equations accumulated a block of rows at a time (BLAS `dsyrk` and `dgemv` per
    /// block), all in one fused pass over the rows on several threads (``IRLSRowPass``).
    func pass(eta: [Double], accumulate: Bool) -> IRLSPass {
        var none: IRLSPass? = nil
        return run(coefficients: nil, eta: eta, accumulate: accumulate, reusing: &none)
    }

    private func run(coefficients: [Double]?, eta given: [Double]?, accumulate: Bool,
                     reusing spare: inout IRLSPass?) -> IRLSPass {
        var eta: [Double] = [], mu: [Double] = [], w: [Double] = [], z: [Double] = []
        if var recycled = spare.take(), recycled.eta.count == n {
            swap(&eta, &recycled.eta)
            swap(&mu, &recycled.mu)
            swap(&w, &recycled.workingWeights)
            swap(&z, &recycled.workingResponse)
        } else {
            eta = [Double](repeating: 0, count: n)
            mu = [Double](repeating: 0, count: n)
            w = [Double](repeating: 0, count: n)
            z = [Double](repeating: 0, count: n)
        }
        if let given { eta = given }
        let totals = IRLSRowPass(kernel: kernel, x: x, y: y, weights: weights, offset: offset)
            .run(coefficients: coefficients, eta: &eta, mu: &mu, workingWeights: &w, workingResponse: &z,
                 accumulate: accumulate)
        return IRLSPass(eta: eta, mu: mu, workingWeights: w, workingResponse: z, deviance: totals.deviance,
                        isValid: totals.isValid, normalMatrix: totals.normalMatrix, normalVector: totals.normalVector)
    }
}

/// Rows of an output handed to ``ParallelRows``; each chunk writes only its own rows.
private struct UncheckedSendableRows: @unchecked Sendable {
    let rows: UnsafeMutableBufferPointer<Double>
    init(_ rows: UnsafeMutableBufferPointer<Double>) { self.rows = rows }
}
