import Statistics

/// A chi-square test: its statistic, degrees of freedom and upper-tail p-value.
public struct ChiSquareTest: Sendable, Hashable {
    /// The statistic.
    public let statistic: Double
    /// The degrees of freedom.
    public let degreesOfFreedom: Int
    /// P(χ² ≥ statistic); NaN when the statistic is not finite or there are no degrees of freedom.
    public let pValue: Double

    /// Creates a test and computes its p-value.
    public init(statistic: Double, degreesOfFreedom: Int) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        pValue = statistic.isFinite && degreesOfFreedom > 0
            ? ChiSquared(degreesOfFreedom: Double(degreesOfFreedom)).survival(max(statistic, 0)) : .nan
    }

    /// The Wald test that `coefficients` are all zero given their covariance (row-major).
    static func wald(_ coefficients: [Double], covariance: [Double]) -> ChiSquareTest {
        let factor = SymmetricLDL(covariance, order: coefficients.count)
        let solution = factor.solve(coefficients)
        let statistic = zip(solution, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
        return ChiSquareTest(statistic: statistic, degreesOfFreedom: factor.rank)
    }
}
