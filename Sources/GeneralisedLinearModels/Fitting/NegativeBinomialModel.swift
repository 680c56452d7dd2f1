import Foundation
import LinearAlgebra

/// A negative binomial (NB2) regression with log link and the shape θ estimated by maximum
/// likelihood, as R's `MASS::glm.nb` fits it.
///
/// The variance is μ + μ²/θ: θ → ∞ gives the Poisson, small θ strong overdispersion. The fit
/// alternates as `glm.nb` does: a Poisson fit gives the first means; then, until
/// |ΔL|/√(2 df) + |Δθ| < 1e-8 (at most 25 alternations), θ is re-estimated by Newton's method on
/// its score at the current means (`MASS::theta.ml`, tolerance ε^¼) and the coefficients are
/// refitted by IRLS with θ fixed, starting from the current linear predictor. θ's standard error
/// is 1/√(observed information). Coefficients, their model-based standard errors, θ, its standard
/// error, the log-likelihood and AIC agree with `glm.nb` to about 1e-8 relative.
public struct NegativeBinomialModel: Sendable {
    /// The last IRLS fit, with θ fixed (its ``GeneralisedLinearModel/covariance`` is the
    /// model-based covariance `vcov(glm.nb)` reports).
    public let model: GeneralisedLinearModel
    /// The maximum-likelihood shape θ.
    public let theta: Double
    /// θ's standard error from the observed information.
    public let thetaStandardError: Double
    /// The maximised log-likelihood.
    public let logLikelihood: Double
    /// −2 log-likelihood + 2 (rank + 1): θ counts as a parameter.
    public let aic: Double
    /// (θ, log-likelihood) after each alternation.
    public let history: [GLMError.ThetaStep]

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: The N × K design matrix (with a column of ones for an intercept).
    ///   - response: N non-negative counts.
    ///   - columnNames: K names; default `x1`, `x2`...
    ///   - weights: N positive prior weights, or `nil`.
    ///   - offset: N offsets (log exposure), or `nil`.
    ///   - control: Convergence settings for IRLS and the alternation; default R's.
    /// - Throws: ``GLMError/thetaNotConverged(alternations:history:)`` with the history,
    ///   ``GLMError/constantOutcome(column:value:rows:)`` when every count is zero, or any error
    ///   of ``GeneralisedLinearModel``.
    public init(design: Matrix, response: [Double], columnNames: [String]? = nil, weights: [Double]? = nil,
                offset: [Double]? = nil, control: IRLSControl = IRLSControl()) throws {
        let names = columnNames ?? (0 ..< design.columns).map { "x\($0 + 1)" }
        try self.init(design: design, response: response, columnNames: names,
                      columnLabels: names.map { "column '\($0)'" }, outcomeName: "response",
                      weights: weights, offset: offset, control: control)
    }

    init(design: Matrix, response y: [Double], columnNames: [String], columnLabels: [String], outcomeName: String,
         weights: [Double]?, offset: [Double]?, control: IRLSControl) throws {
        if y.allSatisfy({ $0 == 0 }) {
            throw GLMError.constantOutcome(column: outcomeName, value: 0, rows: y.count)
        }
        let w = weights ?? [Double](repeating: 1, count: y.count)
        func fit(_ family: Family, etaStart: [Double]?) throws -> GeneralisedLinearModel {
            try GeneralisedLinearModel(design: design, response: y, columnNames: columnNames, columnLabels: columnLabels,
                                       outcomeName: outcomeName, family: family, weights: weights, offset: offset,
                                       control: control, etaStart: etaStart)
        }
        var model = try fit(.poisson, etaStart: nil)
        var mu = Array(model.fittedValues)
        var estimate = try ThetaEstimate(y: y, mu: mu, weights: w, limit: control.maxIterations)
        let d1 = (2 * Double(max(1, model.residualDegreesOfFreedom))).squareRoot()
        let d2 = 1.0
        var change = 1.0
        var logLikelihood = Self.logLikelihood(y: y, mu: mu, theta: estimate.theta, weights: w)
        var previousLogLikelihood = logLikelihood + 2 * d1
        var history: [GLMError.ThetaStep] = []
        var alternations = 0
        while abs(previousLogLikelihood - logLikelihood) / d1 + abs(change) / d2 > control.tolerance {
            alternations += 1
            guard alternations <= control.maxIterations else {
                throw GLMError.thetaNotConverged(alternations: control.maxIterations, history: history)
            }
            model = try fit(.negativeBinomial(theta: estimate.theta), etaStart: mu.map { log($0) })
            let previousTheta = estimate.theta
            // As glm.nb: θ is re-estimated at the means before this refit.
            estimate = try ThetaEstimate(y: y, mu: mu, weights: w, limit: control.maxIterations)
            mu = Array(model.fittedValues)
            change = previousTheta - estimate.theta
            previousLogLikelihood = logLikelihood
            logLikelihood = Self.logLikelihood(y: y, mu: mu, theta: estimate.theta, weights: w)
            history.append(GLMError.ThetaStep(theta: estimate.theta, logLikelihood: logLikelihood))
        }
        self.model = model
        theta = estimate.theta
        thetaStandardError = estimate.standardError
        self.logLikelihood = logLikelihood
        aic = -2 * logLikelihood + 2 * Double(model.rank) + 2
        self.history = history
    }

    static func logLikelihood(y: [Double], mu: [Double], theta: Double, weights: [Double]) -> Double {
        y.indices.reduce(0.0) { $0 + weights[$1] * negativeBinomialLogDensity(y[$1], mu: mu[$1], theta: theta) }
    }
}

/// θ by Newton's method on its score at fixed means, as `MASS::theta.ml`: start at
/// N / Σ wᵢ(yᵢ/μᵢ − 1)², stop when the step is below ε^¼ or after `limit` − 1 steps.
struct ThetaEstimate {
    let theta: Double
    let standardError: Double

    init(y: [Double], mu: [Double], weights: [Double], limit: Int) throws {
        let total = weights.reduce(0, +)
        var t = total / y.indices.reduce(0.0) { sum, i in
            let r = y[i] / mu[i] - 1
            return sum + weights[i] * r * r
        }
        var step = 1.0
        var information = Double.nan
        var iteration = 0
        let tolerance = pow(Double.ulpOfOne, 0.25)
        while true {
            iteration += 1
            guard iteration < limit && abs(step) > tolerance else { break }
            t = abs(t)
            var score = 0.0
            information = 0
            for i in y.indices {
                let a = t + y[i], b = t + mu[i]
                score += weights[i] * (digamma(a) - digamma(t) + log(t) + 1 - log(b) - a / b)
                information += weights[i] * (-trigamma(a) + trigamma(t) - 1 / t + 2 / b - a / (b * b))
            }
            step = score / information
            t += step
        }
        guard t > 0 && t.isFinite else {
            throw GLMError.setting("the negative binomial shape theta has no positive maximum-likelihood estimate (the counts are not overdispersed enough); use the Poisson family")
        }
        theta = t
        standardError = (1 / information).squareRoot()
    }
}
