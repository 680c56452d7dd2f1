import Foundation

/// Loader's saddle-point building blocks for binomial, Poisson and beta-type densities.
///
/// Writing a density through Stirling's formula splits it into a deviance `bd0`, which carries
/// all the dependence on the point, and a Stirling error `stirlerr`, which is small and smooth.
/// Both are computed without cancellation, so `C(n, k) pᵏ qⁿ⁻ᵏ` keeps full relative accuracy for
/// huge `n`, where differences of `lgamma` values would lose up to `log10(n)` digits.
///
/// Reference: C. Loader (2000), "Fast and accurate computation of binomial probabilities".
enum SaddlePoint {
    private static let logSqrtTwoPi = 0.918_938_533_204_672_741_78

    // MARK: Stirling error

    /// Coefficients `B₂ₖ / (2k (2k − 1))` of the asymptotic series of the Stirling error in `1/n`.
    private static let stirlingSeries: [Double] = [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
        -691.0 / 360_360, 1.0 / 156, -3617.0 / 122_400, 43867.0 / 244_188,
    ]

    /// The error of Stirling's formula, `log Γ(n + 1) − [(n + ½) log n − n + ½ log 2π]`, for real `n > 0`.
    ///
    /// For `n ≥ 10` the asymptotic series (truncation error below 2e-17 relative). Below that the
    /// value is carried up to `n + K ≥ 10` through the exact recurrence
    /// `stirlerr(m) − stirlerr(m + 1) = (m + ½) log(1 + 1/m) − 1`, whose terms are all positive.
    static func stirlingError(_ n: Double) -> Double {
        var m = n
        var sum = 0.0
        while m < 10 {
            sum += stirlingStep(m)
            m += 1
        }
        let r = 1 / m
        let r2 = r * r
        var series = 0.0
        for c in stirlingSeries.reversed() {
            series = series * r2 + c
        }
        return sum + series * r
    }

    /// `(m + ½) log(1 + 1/m) − 1 = Σₖ u²ᵏ / (2k + 1)` with `u = 1 / (2m + 1)`, always positive.
    private static func stirlingStep(_ m: Double) -> Double {
        if m < 0.5 {
            // Little cancellation here: the result is at least a tenth of the leading term.
            return (m + 0.5) * log1p(1 / m) - 1
        }
        let u = 1 / (2 * m + 1)
        let u2 = u * u
        var power = u2
        var sum = 0.0
        var k = 1.0
        while true {
            let next = sum + power / (2 * k + 1)
            if next == sum { return sum }
            sum = next
            power *= u2
            k += 1
        }
    }

    // MARK: Deviance

    /// The deviance `bd0(x, M) = x log(x / M) + M − x ≥ 0`, with the mean `M` given in double-double.
    ///
    /// Near `x = M` the series in `v = (x − M) / (x + M)` is used (for `|v| < ½`, where it has no
    /// cancellation); elsewhere the closed form, with the rounding of `x / M` compensated.
    static func deviance(_ x: Double, mean: DoubleDouble) -> Double {
        let m = mean.high
        if x == 0 { return mean.value }
        if m == 0 { return .infinity }
        if x.isInfinite || m.isInfinite { return .infinity }
        let difference = (x - mean).value
        let total = x + m
        if abs(difference) < 0.5 * total {
            let v = difference / total
            let v2 = v * v
            var sum = difference * v
            var term = 2 * x * v
            var j = 1.0
            while true {
                term *= v2
                let next = sum + term / (2 * j + 1)
                if next == sum { return sum }
                sum = next
                j += 1
            }
        }
        let ratio = x / m
        // x / M = (ratio + residual / m) / (1 + M_low / m), with the residual of the division exact.
        let residual = x.addingProduct(-ratio, m)
        let correction = residual / (ratio * m) - mean.low / m
        return x * (log(ratio) + correction) - difference
    }

    /// `bd0(x, M)` for a mean that is exactly a double.
    static func deviance(_ x: Double, mean: Double) -> Double {
        deviance(x, mean: DoubleDouble(mean))
    }

    // MARK: Binomial term

    /// The natural logarithm of `Γ(a + b + 1) / (Γ(a + 1) Γ(b + 1)) · xᵃ yᵇ` for real `a, b ≥ 0`,
    /// where `y = 1 − x` is passed separately so that neither is formed by cancellation.
    ///
    /// Only the smaller of `x` and `y` is trusted to full relative accuracy; the other is taken as
    /// its exact complement, so the deviations of `a` and `b` from their means are exact negatives.
    static func logBinomialTerm(successes a: Double, failures b: Double, x: Double, y: Double) -> Double {
        if a == 0 { return b == 0 ? 0 : b * logComplement(x: x, y: y) }
        if b == 0 { return a * logComplement(x: y, y: x) }
        if x == 0 || y == 0 { return -.infinity }
        let (exponent, n) = binomialExponent(a, b, x: x, y: y)
        return exponent + 0.5 * log(n / (a * b)) - logSqrtTwoPi
    }

    /// `Γ(a + b + 1) / (Γ(a + 1) Γ(b + 1)) · xᵃ yᵇ` for real `a, b ≥ 0`;
    /// see ``logBinomialTerm(successes:failures:x:y:)``.
    static func binomialTerm(successes a: Double, failures b: Double, x: Double, y: Double) -> Double {
        if a == 0 || b == 0 || x == 0 || y == 0 {
            return exp(logBinomialTerm(successes: a, failures: b, x: x, y: y))
        }
        let (exponent, n) = binomialExponent(a, b, x: x, y: y)
        let scale = (n / (2 * Double.pi * a * b)).squareRoot()
        if exponent < -700 {
            // Keep a large scale from being lost to an underflowed exponential.
            return exp(exponent + log(scale))
        }
        return exp(exponent) * scale
    }

    /// `log y` where `y = 1 − x`, from whichever of the two is the more accurate.
    private static func logComplement(x: Double, y: Double) -> Double {
        y <= 0.5 ? log(y) : log1p(-x)
    }

    private static func binomialExponent(_ a: Double, _ b: Double, x: Double, y: Double) -> (Double, Double) {
        let n = DoubleDouble(sum: a, b)
        let meanA: DoubleDouble
        let meanB: DoubleDouble
        if x <= y {
            meanA = n * x
            meanB = n - meanA
        } else {
            meanB = n * y
            meanA = n - meanB
        }
        let exponent = stirlingError(n.high) - stirlingError(a) - stirlingError(b)
            - deviance(a, mean: meanA) - deviance(b, mean: meanB)
        return (exponent, n.high)
    }

    // MARK: Poisson term

    /// The natural logarithm of `mᵃ e⁻ᵐ / Γ(a + 1)` for real `a ≥ 0` and `m ≥ 0`.
    static func logPoissonTerm(_ a: Double, mean m: Double) -> Double {
        if a == 0 { return -m }
        if m == 0 { return -.infinity }
        return -stirlingError(a) - deviance(a, mean: m) - 0.5 * log(a) - logSqrtTwoPi
    }

    /// `mᵃ e⁻ᵐ / Γ(a + 1)` for real `a ≥ 0` and `m ≥ 0`.
    static func poissonTerm(_ a: Double, mean m: Double) -> Double {
        if a == 0 || m == 0 { return exp(logPoissonTerm(a, mean: m)) }
        let exponent = -stirlingError(a) - deviance(a, mean: m)
        if exponent < -700 {
            return exp(exponent - 0.5 * log(2 * Double.pi * a))
        }
        return exp(exponent) / (2 * Double.pi * a).squareRoot()
    }
}
