import Foundation

/// The regularised incomplete beta function `I_x(a, b)` and its complement.
///
/// `I_x(a, b) = ∫₀ˣ tᵃ⁻¹ (1 − t)ᵇ⁻¹ dt / B(a, b)`. Callers pass both `x` and `y = 1 − x`, each
/// computed directly from their own inputs, so that neither tail is formed by cancellation.
enum IncompleteBeta {
    /// Both tails of the regularised incomplete beta function.
    ///
    /// The lower tail is `front · F`, where `front = xᵃ yᵇ / (a B(a, b))` comes from Loader's
    /// saddle-point binomial term and `F` is the even part of the classical continued fraction,
    /// rewritten in terms of `λ = a − (a + b) x` so that its partial denominators do not cancel
    /// when `x` is close to 1 (large `a`, small `b`). It is evaluated by the modified Lentz method
    /// where it converges fastest, below the mean `x < (a + 1) / (a + b + 2)`; otherwise the
    /// symmetry `I_x(a, b) = 1 − I_y(b, a)` is used. The tail that is computed directly keeps full
    /// relative accuracy; the other is its complement and so is accurate whenever it is not small.
    ///
    /// - Parameters:
    ///   - a: The first shape, `a > 0`.
    ///   - b: The second shape, `b > 0`.
    ///   - x: The point, `0 ≤ x ≤ 1`.
    ///   - y: `1 − x`, computed by the caller without cancellation.
    /// - Returns: `(lower: I_x(a, b), upper: 1 − I_x(a, b))`.
    static func regularized(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        if a.isNaN || b.isNaN || x.isNaN || y.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let belowMean = x <= y ? x * (a + b + 2) < a + 1 : y * (a + b + 2) > b + 1
        if belowMean {
            let lower = lowerTail(a, b, x: x, y: y)
            return (lower, 1 - lower)
        }
        let upper = lowerTail(b, a, x: y, y: x)
        return (1 - upper, upper)
    }

    /// `I_x(a, b)` for `x` below the mean, where the continued fraction converges.
    private static func lowerTail(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        let front = b / (a + b) * SaddlePoint.binomialTerm(successes: a, failures: b, x: x, y: y)
        if front == 0 { return 0 }
        return front * continuedFraction(a, b, x: x, y: y)
    }

    /// `1 / (β₀ + α₁ / (β₁ + α₂ / (β₂ + …)))`, the even contraction of the continued fraction
    /// `1 / (1 + d₁ / (1 + d₂ / (1 + …)))` with
    /// `d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))` and `d₂ₘ = m (b − m) x / ((a + 2m − 1)(a + 2m))`.
    private static func continuedFraction(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        // λ = a − (a + b) x = (a + b) y − b, from whichever of x and y is exact.
        let n = DoubleDouble(sum: a, b)
        let lambda = x <= y ? (a - n * x).value : (n * y + (-b)).value
        let sum = n.high
        let tiny = 1e-300
        var f = (lambda + 1) / (a + 1)
        if f == 0 { f = tiny }
        var c = f
        var d = 0.0
        var m = 1.0
        while m < 1e7 {
            let twoM = 2 * m
            let alpha = m * (b - m) * (a + m - 1) * (sum + m - 1) * x * x
                / ((a + twoM) * (a + twoM - 2) * (a + twoM - 1) * (a + twoM - 1))
            let numerator = lambda * (sum * (a - 1) + twoM * (a + m))
                + a * (a * (twoM + 1) + b * (2 * twoM + 1) + twoM * m - 1)
                + b * (twoM * twoM - 1)
            let beta = numerator / (sum * (a + twoM - 1) * (a + twoM + 1))
            d = beta + alpha * d
            if d == 0 { d = tiny }
            d = 1 / d
            c = beta + alpha / c
            if c == 0 { c = tiny }
            let delta = c * d
            f *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
            m += 1
        }
        return 1 / f
    }
}
