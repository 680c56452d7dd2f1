import LinearAlgebra
import Statistics

/// A t test and confidence interval for one coefficient.
public struct CoefficientInference: Sendable, Hashable {
    /// The estimate.
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// The t statistic, estimate / standard error.
    public let statistic: Double
    /// The degrees of freedom of the reference Student t distribution.
    public let degreesOfFreedom: Double
    /// The two-sided p-value, 2 P(T > |t|).
    public let pValue: Double
    /// The lower end of the confidence interval.
    public let lowerBound: Double
    /// The upper end of the confidence interval.
    public let upperBound: Double

    /// Tests estimate = 0 against a Student t with `degreesOfFreedom` and builds the
    /// equal-tailed interval estimate ± t₁₋α/₂ × standard error, as `lm_robust` does.
    ///
    /// - Parameters:
    ///   - estimate: The estimate.
    ///   - standardError: Its standard error (positive).
    ///   - degreesOfFreedom: Positive degrees of freedom (may be fractional).
    ///   - level: The confidence level, in (0, 1).
    public init(estimate: Double, standardError: Double, degreesOfFreedom: Double, level: Double) {
        precondition(level > 0 && level < 1, "CoefficientInference: level \(level) is not in (0, 1)")
        self.estimate = estimate
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        statistic = estimate / standardError
        let t = StudentT(degreesOfFreedom: degreesOfFreedom)
        let twoSided = 2 * t.survival(abs(statistic))
        // `min` would turn an undefined p-value (a NaN standard error) into 1.
        pValue = twoSided.isNaN ? .nan : Swift.min(1, twoSided)
        let critical = t.quantile(1 - (1 - level) / 2)
        lowerBound = estimate - critical * standardError
        upperBound = estimate + critical * standardError
    }
}

/// A Wald test that several coefficients are all zero, referred to an F distribution.
public struct WaldTest: Sendable, Hashable {
    /// F = β̂ᵣᵀ V̂ᵣ⁻¹ β̂ᵣ / q for the q tested coefficients β̂ᵣ and their covariance V̂ᵣ.
    public let statistic: Double
    /// q, the number of restrictions.
    public let numeratorDegreesOfFreedom: Double
    /// The denominator degrees of freedom.
    public let denominatorDegreesOfFreedom: Double
    /// P(F(q, d) > statistic).
    public let pValue: Double

    /// Computes the test from estimates and their covariance (solved by Cholesky, never
    /// inverted).
    ///
    /// - Parameters:
    ///   - estimates: The q tested estimates.
    ///   - covariance: Their q × q covariance (a mismatch traps).
    ///   - denominatorDegreesOfFreedom: Positive denominator degrees of freedom.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` if the covariance is singular.
    public init(estimates: Vector, covariance: Matrix, denominatorDegreesOfFreedom: Double) throws {
        precondition(covariance.rows == estimates.count && covariance.isSquare, "WaldTest: shapes do not match")
        let q = Double(estimates.count)
        let solved = try Cholesky(covariance).solve(estimates)
        statistic = estimates.dot(solved) / q
        numeratorDegreesOfFreedom = q
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
        pValue = FDistribution(numeratorDegreesOfFreedom: q, denominatorDegreesOfFreedom: denominatorDegreesOfFreedom)
            .survival(statistic)
    }
}

/// Holm's (1979) step-down adjustment of p-values for multiple comparisons, as R's
/// `p.adjust(p, method = "holm")`: it controls the family-wise error rate under any dependence.
///
/// - Parameter pValues: The unadjusted p-values, in any order. A NaN (undefined) p-value stays NaN
///   and, as in R, does not count towards the number of comparisons.
/// - Returns: The adjusted p-values, in the same order.
/// - Complexity: O(m log m).
public func holmAdjusted(_ pValues: [Double]) -> [Double] {
    let defined = pValues.indices.filter { !pValues[$0].isNaN }
    let m = defined.count
    let order = defined.sorted { pValues[$0] < pValues[$1] }
    var adjusted = [Double](repeating: .nan, count: pValues.count)
    var running = 0.0
    for (rank, index) in order.enumerated() {
        running = max(running, min(1, Double(m - rank) * pValues[index]))
        adjusted[index] = running
    }
    return adjusted
}

extension RobustLinearModel {
    /// The t test and confidence interval of design column `column`, or `nil` if it was dropped.
    ///
    /// - Parameters:
    ///   - column: A design column index (out of range traps).
    ///   - level: The confidence level in (0, 1); defaults to 0.95.
    public func inference(forColumn column: Int, level: Double = 0.95) -> CoefficientInference? {
        guard !coefficients[column].isNaN else { return nil }
        return CoefficientInference(estimate: coefficients[column], standardError: standardErrors[column],
                                    degreesOfFreedom: degreesOfFreedom[column], level: level)
    }

    /// The Wald F test that the coefficients of `columns` are all zero, with this model's
    /// covariance and ``jointTestDegreesOfFreedom``.
    ///
    /// - Parameter columns: Kept design column indices (a dropped one traps).
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` if their covariance is singular.
    public func waldTest(columns: [Int]) throws -> WaldTest {
        let positions = columns.map { column in
            guard let position = keptColumns.firstIndex(of: column) else {
                preconditionFailure("waldTest: column \(column) was dropped")
            }
            return position
        }
        var sub = Matrix(rows: positions.count, columns: positions.count)
        for (a, i) in positions.enumerated() {
            for (b, j) in positions.enumerated() { sub[a, b] = covariance[i, j] }
        }
        return try WaldTest(estimates: Vector(columns.map { coefficients[$0] }), covariance: sub,
                            denominatorDegreesOfFreedom: jointTestDegreesOfFreedom)
    }
}
