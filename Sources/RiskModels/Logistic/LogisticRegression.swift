import Foundation
import LinearAlgebra
import Statistics

/// Plain (unpenalised) logistic regression of a binary outcome on risk factors, by maximum
/// likelihood: log odds of the event = intercept + Σⱼ βⱼ × factorⱼ.
///
/// Fitted by Newton's method (iteratively reweighted least squares) on LAPACK; standard errors
/// are from the inverse information matrix and Wald z tests use the normal distribution, as R's
/// `summary(glm(y ~ x, family = binomial))`, with which estimates agree to about 1e-8.
public struct LogisticRegression: Sendable {
    /// The factors' names, in coefficient order (after the intercept).
    public let factorNames: [String]
    /// The intercept (log odds of the event when every factor is 0).
    public let intercept: Double
    /// Each factor's coefficient: the change in log odds per unit of the factor.
    public let coefficients: [Double]
    /// The standard error of the intercept.
    public let interceptStandardError: Double
    /// Each factor's standard error, in ``coefficients`` order.
    public let standardErrors: [Double]
    /// The residual deviance.
    public let deviance: Double
    /// The null deviance (intercept only).
    public let nullDeviance: Double
    /// The Newton steps taken.
    public let iterations: Int

    /// Each factor's Wald z statistic, coefficient ÷ standard error.
    public var zStatistics: [Double] {
        zip(coefficients, standardErrors).map { $0 / $1 }
    }

    /// Each factor's two-sided Wald p-value (normal reference distribution).
    public var pValues: [Double] {
        zStatistics.map { 2 * Normal.standard.survival(abs($0)) }
    }

    /// Fits the model.
    ///
    /// - Parameter data: The factors and outcome.
    /// - Throws: ``RiskModelError/perfectSeparation(factor:alone:)`` when the outcome is
    ///   separated by one factor (checked before fitting) or by a combination of factors
    ///   (fitted probabilities reach 0 or 1); ``RiskModelError/collinearFactor(factor:)`` naming
    ///   the first factor that depends on the intercept and the factors before it;
    ///   ``RiskModelError/noConvergence(fit:iterations:)``.
    /// - Complexity: O(n p²) per Newton step.
    public init(data: RiskModelData) throws {
        if let factor = Self.separatingFactor(data) {
            throw RiskModelError.perfectSeparation(factor: factor, alone: true)
        }
        let n = data.count
        let design = Matrix(columns: [[Double](repeating: 1, count: n)] + (0 ..< data.factorCount).map { Array(data.factors.column($0)) })
        let fit: LogisticNewton
        do {
            fit = try LogisticNewton(design: design, outcome: data.outcome)
        } catch LinearAlgebraError.notPositiveDefinite(_, let order) where order >= 2 && order - 2 < data.factorCount {
            // Column order − 1 of the design (the intercept is column 0) depends on those before it.
            throw RiskModelError.collinearFactor(factor: data.factorNames[order - 2])
        }
        // Separation by a combination of factors drives some fitted probabilities to exactly
        // 0 or 1 in double precision (|η| > 36), however the iteration ends.
        let maximumEta = fit.linearPredictors.map(abs).max() ?? 0
        if maximumEta > 36 || !fit.converged {
            if maximumEta > 36 || fit.deviance < 1e-6 {
                throw RiskModelError.perfectSeparation(factor: Self.fastestGrowing(fit, data), alone: false)
            }
            throw RiskModelError.noConvergence(fit: "plain logistic regression", iterations: fit.iterations)
        }
        factorNames = data.factorNames
        intercept = fit.coefficients[0]
        coefficients = Array(fit.coefficients.dropFirst())
        let covariance = fit.covariance!
        interceptStandardError = covariance[0, 0].squareRoot()
        standardErrors = (1 ..< design.columns).map { covariance[$0, $0].squareRoot() }
        deviance = fit.deviance
        let mean = Double(data.eventCount) / Double(n)
        nullDeviance = -2 * Double(n) * (mean * log(mean) + (1 - mean) * log(1 - mean))
        iterations = fit.iterations
    }

    /// The predicted probability of the event for each person.
    ///
    /// - Parameter factors: People by factors, in this model's factor order; another column
    ///   count traps.
    public func probabilities(for factors: Matrix) -> [Double] {
        precondition(factors.columns == coefficients.count,
                     "LogisticRegression: \(factors.columns) factor columns given, the model has \(coefficients.count)")
        return factors.multiplied(by: Vector(coefficients)).map { logistic($0 + intercept) }
    }

    /// The first factor whose values for people with the event and without it do not overlap
    /// (ties allowed): its coefficient's maximum-likelihood estimate is infinite.
    static func separatingFactor(_ data: RiskModelData) -> String? {
        for j in 0 ..< data.factorCount {
            let column = data.factors.column(j)
            var low = (event: Double.infinity, none: Double.infinity)
            var high = (event: -Double.infinity, none: -Double.infinity)
            for (value, y) in zip(column, data.outcome) {
                if y == 1 {
                    low.event = min(low.event, value); high.event = max(high.event, value)
                } else {
                    low.none = min(low.none, value); high.none = max(high.none, value)
                }
            }
            if high.none <= low.event || high.event <= low.none { return data.factorNames[j] }
        }
        return nil
    }

    /// The factor whose standardised coefficient is largest in size: the one running off to
    /// infinity fastest when a combination of factors separates the outcome.
    private static func fastestGrowing(_ fit: LogisticNewton, _ data: RiskModelData) -> String {
        let design = StandardisedFactors(data.factors)
        let sizes = (0 ..< data.factorCount).map { abs(fit.coefficients[$0 + 1]) * design.scales[$0] }
        return data.factorNames[sizes.indices.max { sizes[$0] < sizes[$1] } ?? 0]
    }
}
