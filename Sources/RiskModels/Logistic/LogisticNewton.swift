import Foundation
import LinearAlgebra

/// Maximum-likelihood logistic regression by Newton's method (iteratively reweighted least
/// squares), each step solving X'WX δ = X'(y − p) by a LAPACK Cholesky factorisation, with step
/// halving whenever a step would raise the deviance.
struct LogisticNewton {
    /// The estimates, in the design's column order.
    var coefficients: [Double]
    /// (X'WX)⁻¹ at the estimates: the inverse of the observed (and expected) information;
    /// `nil` when the iteration did not converge.
    var covariance: Matrix?
    /// The residual deviance, −2 × log-likelihood.
    var deviance: Double
    /// The linear predictors at the estimates (offset included).
    var linearPredictors: [Double]
    /// Newton steps taken.
    var iterations: Int
    /// Whether the deviance stopped changing (relative change below 1e-14) within the limit.
    var converged: Bool

    /// The most Newton steps.
    static let maximumIterations = 100

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: People by columns, the intercept column included when wanted.
    ///   - outcome: 0 or 1 per person.
    ///   - offset: A known term added to each linear predictor, or `nil`.
    /// - Throws: `LinearAlgebraError` when X'WX is not positive definite at the start
    ///   (collinear columns). A breakdown later, as estimates diverge, ends the iteration
    ///   unconverged instead.
    init(design: Matrix, outcome: [Double], offset: [Double]? = nil) throws {
        let n = design.rows, k = design.columns
        var beta = [Double](repeating: 0, count: k)
        let offset = offset ?? [Double](repeating: 0, count: n)
        var eta = offset
        var deviance = Self.deviance(eta: eta, outcome: outcome)
        var iterations = 0, converged = false
        var information = Matrix(rows: k, columns: k)
        while iterations < Self.maximumIterations {
            iterations += 1
            let (info, score) = Self.informationAndScore(design: design, outcome: outcome, eta: eta)
            information = info
            let step: [Double]
            do {
                step = Array(try Cholesky(info).solve(Vector(score)))
            } catch where iterations > 1 {
                // The weights p(1 − p) have underflowed for so many people that the information
                // is singular: the estimates are running off to infinity (separation).
                break
            }
            var scale = 1.0, candidate = beta, candidateEta = eta, candidateDeviance = deviance
            for _ in 0 ..< 30 {
                candidate = zip(beta, step).map { $0 + scale * $1 }
                let product = design.multiplied(by: Vector(candidate))
                candidateEta = (0 ..< n).map { product[$0] + offset[$0] }
                candidateDeviance = Self.deviance(eta: candidateEta, outcome: outcome)
                if candidateDeviance <= deviance * (1 + 1e-12) || !deviance.isFinite { break }
                scale /= 2
            }
            let change = abs(candidateDeviance - deviance) / (abs(candidateDeviance) + 0.1)
            beta = candidate; eta = candidateEta; deviance = candidateDeviance
            if change < 1e-14 {
                converged = true
                information = Self.informationAndScore(design: design, outcome: outcome, eta: eta).information
                break
            }
        }
        coefficients = beta
        covariance = converged ? try Cholesky(information).inverse() : nil
        self.deviance = deviance
        linearPredictors = eta
        self.iterations = iterations
        self.converged = converged
    }

    /// X'WX with w = p(1 − p), and the score X'(y − p).
    static func informationAndScore(design: Matrix, outcome: [Double], eta: [Double])
        -> (information: Matrix, score: [Double]) {
        let n = design.rows, k = design.columns
        var weighted = Matrix(rows: n, columns: k)
        var residual = [Double](repeating: 0, count: n)
        design.withUnsafeBufferPointer { x in
            weighted.withUnsafeMutableBufferPointer { q in
                for i in 0 ..< n {
                    let p = logistic(eta[i])
                    let root = (p * (1 - p)).squareRoot()
                    residual[i] = outcome[i] - p
                    for j in 0 ..< k { q[j * n + i] = root * x[j * n + i] }
                }
            }
        }
        let score = Array(design.multiplied(by: Vector(residual), transposingSelf: true))
        return (weighted.gram(), score)
    }

    /// The binomial deviance 2 Σ (log(1 + e^η) − yη), computed stably.
    static func deviance(eta: [Double], outcome: [Double]) -> Double {
        var total = 0.0
        for (e, y) in zip(eta, outcome) { total += max(e, 0) + log1p(exp(-abs(e))) - y * e }
        return 2 * total
    }
}
