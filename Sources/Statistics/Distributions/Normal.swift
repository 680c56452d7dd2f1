import Foundation

/// The normal (Gaussian) distribution with a given mean and standard deviation.
///
/// Accuracy, against mpmath at 50 significant digits on the fixtures in
/// `Tests/StatisticsTests/Fixtures` (tails down to 1e-300, plus random parameters): worst relative
/// error 3e-16 for the cdf, survival function and (log-)density, 3e-15 for quantiles (the rounding
/// of `μ + σz`). The tests assert 1e-12.
public struct Normal: ContinuousDistribution, Hashable {
    /// The mean `μ`.
    public let mean: Double
    /// The standard deviation `σ`.
    public let standardDeviation: Double

    /// The standard normal distribution, with mean 0 and standard deviation 1.
    public static let standard = Normal()

    /// Creates a normal distribution.
    ///
    /// Invalid parameters are programmer errors and trap.
    ///
    /// - Parameters:
    ///   - mean: The mean; finite. Defaults to 0.
    ///   - standardDeviation: The standard deviation; finite and positive. Defaults to 1.
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        precondition(mean.isFinite, "Normal: the mean must be finite, got \(mean)")
        precondition(
            standardDeviation > 0 && standardDeviation.isFinite,
            "Normal: the standard deviation must be finite and positive, got \(standardDeviation)"
        )
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The variance `σ²`.
    public var variance: Double { standardDeviation * standardDeviation }

    private func standardised(_ x: Double) -> Double { (x - mean) / standardDeviation }

    /// `(x − μ) / σ` as a double and its rounding error, so that the tails, which magnify an
    /// error in `z` by about `z²`, see the exact standardised value.
    private func preciselyStandardised(_ x: Double) -> (high: Double, low: Double) {
        if !x.isFinite { return (standardised(x), 0) }
        let difference = DoubleDouble(sum: x, -mean)
        let high = difference.high / standardDeviation
        let low = (difference.high.addingProduct(-high, standardDeviation) + difference.low) / standardDeviation
        return (high, low)
    }

    /// The density `φ((x − μ) / σ) / σ`.
    ///
    /// The square in the exponent is split so that its rounding does not reach the exponential.
    ///
    /// - Parameter x: The point; NaN gives NaN.
    /// - Returns: The density at `x`.
    public func density(_ x: Double) -> Double {
        let z = preciselyStandardised(x)
        return StandardNormal.density(z.high, low: z.low) / standardDeviation
    }

    /// The natural logarithm of the density.
    ///
    /// - Parameter x: The point; NaN gives NaN.
    /// - Returns: `−z² / 2 − log(σ √(2π))` with `z = (x − μ) / σ`.
    public func logDensity(_ x: Double) -> Double {
        StandardNormal.logDensity(standardised(x)) - log(standardDeviation)
    }

    /// The distribution function `P(X ≤ x) = ½ erfc(−z / √2)`.
    ///
    /// Relatively accurate in the lower tail down to the underflow threshold (about z = −38.5).
    ///
    /// - Parameter x: The point; NaN gives NaN.
    /// - Returns: `P(X ≤ x)`.
    public func cdf(_ x: Double) -> Double {
        let z = preciselyStandardised(x)
        return StandardNormal.cdf(z.high, low: z.low)
    }

    /// The survival function `P(X > x)`, computed as the lower tail at the reflected point.
    ///
    /// - Parameter x: The point; NaN gives NaN.
    /// - Returns: `P(X > x)`, relatively accurate down to the underflow threshold.
    public func survival(_ x: Double) -> Double {
        let z = preciselyStandardised(x)
        return StandardNormal.survival(z.high, low: z.low)
    }

    /// The quantile `μ + σ Φ⁻¹(p)`.
    ///
    /// Refines a rational start by Halley's method; near `p = ½` it solves for `p − ½` so that
    /// quantiles near the mean keep their relative accuracy.
    ///
    /// - Parameter p: A probability in `[0, 1]`.
    /// - Returns: The quantile; `−∞` at 0, `+∞` at 1, NaN for `p` outside `[0, 1]` or NaN.
    public func quantile(_ p: Double) -> Double {
        mean + standardDeviation * StandardNormal.quantile(p)
    }

    /// The inverse of the survival function, `μ − σ Φ⁻¹(q)`, exact by symmetry.
    ///
    /// - Parameter q: An upper-tail probability in `[0, 1]`, as small as the least positive double.
    /// - Returns: The `x` with `P(X > x) = q`; `+∞` at 0, `−∞` at 1, NaN outside `[0, 1]` or NaN.
    public func inverseSurvival(_ q: Double) -> Double {
        mean - standardDeviation * StandardNormal.quantile(q)
    }
}
