import Foundation

/// The regularised incomplete gamma functions `P(a, x)` and `Q(a, x) = 1 − P(a, x)`.
enum IncompleteGamma {
    /// Both tails of the regularised incomplete gamma function.
    ///
    /// Below `x = a + 1`, `P` is summed from its power series
    /// `P = xᵃ e⁻ˣ / Γ(a + 1) · Σₙ xⁿ / ((a + 1)⋯(a + n))`, whose terms are all positive; above it,
    /// `Q` comes from Legendre's continued fraction evaluated by the modified Lentz method. The
    /// prefactor `xᵃ e⁻ˣ / Γ(a + 1)` is Loader's saddle-point Poisson term, accurate for large `a`.
    /// The tail computed directly keeps full relative accuracy; the other is its complement.
    ///
    /// - Parameters:
    ///   - a: The shape, `a > 0`.
    ///   - x: The point, `x ≥ 0`.
    /// - Returns: `(lower: P(a, x), upper: Q(a, x))`.
    static func regularized(a: Double, x: Double) -> (lower: Double, upper: Double) {
        if a.isNaN || x.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        if x < a + 1 {
            let lower = lowerSeries(a, x)
            return (lower, 1 - lower)
        }
        let upper = upperContinuedFraction(a, x)
        return (1 - upper, upper)
    }

    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        let front = SaddlePoint.poissonTerm(a, mean: x)
        if front == 0 { return 0 }
        var sum = 1.0
        var term = 1.0
        var n = 1.0
        while true {
            term *= x / (a + n)
            let next = sum + term
            if next == sum { break }
            sum = next
            n += 1
        }
        return front * sum
    }

    /// Legendre's continued fraction
    /// `Q(a, x) = xᵃ e⁻ˣ / Γ(a) · 1 / (x + 1 − a − 1(1 − a) / (x + 3 − a − 2(2 − a) / (x + 5 − a − …)))`.
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let front = a * SaddlePoint.poissonTerm(a, mean: x)
        if front == 0 { return 0 }
        let tiny = 1e-300
        var beta = x + 1 - a
        var f = beta
        var c = f
        var d = 0.0
        var n = 1.0
        while n < 1e7 {
            let alpha = -n * (n - a)
            beta += 2
            d = beta + alpha * d
            if d == 0 { d = tiny }
            d = 1 / d
            c = beta + alpha / c
            if c == 0 { c = tiny }
            let delta = c * d
            f *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
            n += 1
        }
        return front / f
    }
}
