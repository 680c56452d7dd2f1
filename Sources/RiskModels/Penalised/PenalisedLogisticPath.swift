import Foundation
import LinearAlgebra

/// A path of penalised (ridge, lasso or elastic-net) logistic regressions of a binary outcome
/// on risk factors, one fit per penalty strength λ, from the strongest down.
///
/// Each fit minimises −(1/n) log-likelihood + λ Σⱼ ((1 − α)/2 βⱼ² + α |βⱼ|) over the
/// intercept and coefficients, the factors standardised (mean 0, population standard deviation
/// 1) and the intercept unpenalised: exactly R glmnet's `glmnet(x, y, family = "binomial")`.
/// The generated λ sequence runs from λ_max = maxⱼ |x̃ⱼ'(y − ȳ)|/(n max(α, 0.001)) down to
/// `lambdaMinRatio × λ_max` in equal steps on the log scale; its first point is reported as the
/// intercept-only model, and it stops early as glmnet does: from the fifth λ on, once the
/// fraction of deviance explained exceeds 0.999 or grows by less than 1e-5. Coefficients are
/// reported on the factors' own scale.
///
/// Fitted by cyclic coordinate descent with warm starts, the sequential strong rule and active
/// sets (Friedman, Hastie and Tibshirani 2010; Tibshirani et al. 2012), in covariance-update
/// form. The λ sequence, its length and the deviance ratios match R glmnet 4.1, and coefficients
/// agree with it to 1e-6 (relative to the largest coefficient) when both are converged tightly:
/// on the fixtures in `Tests/RiskModelsTests/Fixtures` (MASS biopsy and Pima.tr, a simulated
/// cohort, and one with more factors than people), `threshold` and glmnet's `thresh` 1e-18 give
/// agreement to 1.2e-7.
public struct PenalisedLogisticPath: Sendable {
    /// The penalty.
    public let penalty: Penalty
    /// The factors' names, in coefficient order.
    public let factorNames: [String]
    /// The λ values fitted, decreasing.
    public let lambdas: [Double]
    /// The intercept at each λ.
    public let intercepts: [Double]
    /// The factors' coefficients at each λ (one array per λ, in factor order), on the factors'
    /// own scale (log odds per unit of the factor).
    public let coefficients: [[Double]]
    /// The fraction of the null deviance explained at each λ (glmnet's `dev.ratio`).
    public let devianceRatios: [Double]
    /// The null deviance (intercept-only model), summed over people.
    public let nullDeviance: Double

    /// The number of non-zero coefficients at each λ.
    public var nonzeroCounts: [Int] { coefficients.map { $0.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } } }

    /// Fits the path.
    ///
    /// - Parameters:
    ///   - data: The factors and outcome.
    ///   - penalty: Ridge, lasso or elastic net.
    ///   - settings: The λ sequence and convergence settings; glmnet's defaults by default.
    /// - Throws: ``RiskModelError/invalidSetting(setting:value:reason:)`` for a setting out of
    ///   range; ``RiskModelError/noConvergence(fit:iterations:)`` when the passes run out.
    /// - Complexity: O(n k²) per reweighting step for k factors in the working set, plus
    ///   O(k²) per pass of coordinate descent.
    public init(data: RiskModelData, penalty: Penalty, settings: PathSettings = PathSettings()) throws {
        try penalty.validate()
        try settings.validate()
        let design = StandardisedFactors(data.factors)
        var solver = LogisticCoordinateDescent(
            design: design, outcome: data.outcome, alpha: penalty.alpha,
            threshold: settings.threshold, maximumPasses: settings.maximumPasses)
        let generated = settings.lambdas == nil
        let sequence: [Double]
        if let lambdas = settings.lambdas {
            sequence = lambdas
        } else {
            let ratio = settings.lambdaMinRatio ?? (data.count < data.factorCount ? 0.01 : 1e-4)
            let count = settings.lambdaCount
            sequence = (0 ..< count).map { k in
                count == 1 ? solver.lambdaMax : solver.lambdaMax * pow(ratio, Double(k) / Double(count - 1))
            }
        }
        var lambdas: [Double] = [], intercepts: [Double] = [], coefficients: [[Double]] = [], ratios: [Double] = []
        var previous = sequence[0]
        for (index, lambda) in sequence.enumerated() {
            // glmnet reports the null model at the first generated λ (for α < 1 its λ_max is
            // only nominal, so the fit there would not be null); a given sequence is fitted
            // at every λ.
            if !(generated && index == 0) { try solver.fit(lambda: lambda, previousLambda: previous) }
            previous = lambda
            let solution = solver.solution
            let original = design.originalScale(intercept: solution.intercept, coefficients: solution.coefficients)
            let ratio = 1 - solution.deviance / solver.nullDeviance
            lambdas.append(lambda)
            intercepts.append(original.intercept)
            coefficients.append(original.coefficients)
            ratios.append(ratio)
            // glmnet's early stop (fdev = 1e-5, devmax = 0.999, mnlam = 5), for generated λ only.
            if generated && ratios.count >= 5 && (ratio > 0.999 || ratio - ratios[ratios.count - 2] < 1e-5) { break }
        }
        self.penalty = penalty
        self.factorNames = data.factorNames
        self.lambdas = lambdas
        self.intercepts = intercepts
        self.coefficients = coefficients
        self.devianceRatios = ratios
        self.nullDeviance = solver.nullDeviance * Double(data.count)
    }

    /// The linear predictors (log odds) of people at every λ.
    ///
    /// - Parameter factors: People by factors, in this path's factor order; a column count
    ///   different from the path's traps.
    /// - Returns: People by λ.
    /// - Complexity: O(people × factors × λ count), one `dgemm`.
    public func linearPredictors(for factors: Matrix) -> Matrix {
        precondition(factors.columns == factorNames.count,
                     "PenalisedLogisticPath: \(factors.columns) factor columns given, the path has \(factorNames.count)")
        var product = factors.multiplied(by: Matrix(columns: coefficients))
        let n = factors.rows
        product.withUnsafeMutableBufferPointer { eta in
            for (l, intercept) in intercepts.enumerated() {
                for i in 0 ..< n { eta[l * n + i] += intercept }
            }
        }
        return product
    }

    /// The intercept and coefficients at any λ, as glmnet's `predict(fit, s = lambda)`:
    /// linear interpolation in λ between the two fitted λ either side, and the end of the path
    /// for a λ beyond it.
    ///
    /// - Parameter lambda: The penalty strength; finite and at least 0.
    /// - Complexity: O(log(λ count) + factors).
    public func coefficients(atLambda lambda: Double) -> (intercept: Double, coefficients: [Double]) {
        let last = lambdas.count - 1
        let s = min(max(lambda, lambdas[last]), lambdas[0])
        // The first index whose λ is at or below s (λ decreases along the path).
        var low = 0, high = last
        while low < high {
            let middle = (low + high) / 2
            if lambdas[middle] <= s { high = middle } else { low = middle + 1 }
        }
        let right = low
        if lambdas[right] == s || right == 0 { return (intercepts[right], coefficients[right]) }
        let left = right - 1
        let share = (s - lambdas[right]) / (lambdas[left] - lambdas[right])
        let blended = zip(coefficients[left], coefficients[right]).map { share * $0 + (1 - share) * $1 }
        return (share * intercepts[left] + (1 - share) * intercepts[right], blended)
    }

    /// The linear predictors (log odds) of people at the given λ values, each interpolated as
    /// ``coefficients(atLambda:)``.
    ///
    /// - Parameters:
    ///   - factors: People by factors, in this path's factor order.
    ///   - lambdas: The penalty strengths.
    /// - Returns: People by λ.
    /// - Complexity: O(people × factors × λ count), one `dgemm`.
    public func linearPredictors(for factors: Matrix, atLambdas lambdas: [Double]) -> Matrix {
        precondition(factors.columns == factorNames.count,
                     "PenalisedLogisticPath: \(factors.columns) factor columns given, the path has \(factorNames.count)")
        let points = lambdas.map { coefficients(atLambda: $0) }
        var product = factors.multiplied(by: Matrix(columns: points.map(\.coefficients)))
        let n = factors.rows
        product.withUnsafeMutableBufferPointer { eta in
            for (l, point) in points.enumerated() {
                for i in 0 ..< n { eta[l * n + i] += point.intercept }
            }
        }
        return product
    }

    /// The predicted probabilities of people at the λ of index `index`.
    ///
    /// - Parameters:
    ///   - factors: People by factors, in this path's factor order.
    ///   - index: An index into ``lambdas``.
    /// - Returns: One probability per person.
    public func probabilities(for factors: Matrix, at index: Int) -> [Double] {
        let eta = factors.multiplied(by: Vector(coefficients[index]))
        return eta.map { logistic($0 + intercepts[index]) }
    }
}
