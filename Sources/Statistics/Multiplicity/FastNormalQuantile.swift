import Foundation

/// The standard normal quantile for the inner loop of the Genz–Bretz integrand: Acklam's
/// rational approximation (relative error below 1.2e-9) refined by one Halley step on
/// `Φ(z) = p`, which brings it to about 1e-15 with one `erfc` and one `exp` and no iteration.
/// ``StandardNormal/quantile(_:)`` is as accurate in the far tails but iterates.
enum FastNormalQuantile {
    private static let central: (numerator: [Double], denominator: [Double]) = (
        [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
         1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00],
        [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
         6.680131188771972e+01, -1.328068155288572e+01, 1]
    )
    private static let tail: (numerator: [Double], denominator: [Double]) = (
        [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
         -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00],
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1]
    )
    private static let lowTail = 0.02425
    private static let sqrtTwoPi = 2.506_628_274_631_000_5

    /// The `z` with `Φ(z) = p`; `∓∞` at 0 and 1, NaN outside `[0, 1]`.
    static func quantile(_ p: Double) -> Double {
        if !(p > 0 && p < 1) {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        var z: Double
        if p < lowTail {
            z = lowerTail(p)
        } else if p > 1 - lowTail {
            z = -lowerTail(1 - p)
        } else {
            let q = p - 0.5
            let r = q * q
            z = q * polynomial(central.numerator, r) / polynomial(central.denominator, r)
        }
        // One Halley step on Φ(z) − p, working on the tail that holds p accurately.
        let error = p < 0.5 ? StandardNormal.cdf(z) - p : (1 - p) - StandardNormal.survival(z)
        let u = error * sqrtTwoPi * exp(0.5 * z * z)
        if u.isFinite { z -= u / (1 + 0.5 * z * u) }
        return z
    }

    private static func lowerTail(_ p: Double) -> Double {
        let q = (-2 * log(p)).squareRoot()
        return polynomial(tail.numerator, q) / polynomial(tail.denominator, q)
    }

    private static func polynomial(_ coefficients: [Double], _ x: Double) -> Double {
        coefficients.reduce(0) { $0 * x + $1 }
    }
}
