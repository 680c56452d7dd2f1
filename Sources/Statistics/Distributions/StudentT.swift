import Foundation

/// Student's t distribution with a given (possibly non-integer) number of degrees of freedom.
///
/// Accuracy, against mpmath at 50 significant digits on the fixtures in
/// `Tests/StatisticsTests/Fixtures` (`ν` from 1 to 1e6 including 2.5, tails down to 1e-300, plus
/// random `ν` up to 1e7): worst relative error 1.1e-13 for the cdf and survival function, 9e-14 for
/// the density and quantiles. Errors grow with `|log p|` (about `|log p|` ulps); the tests assert 1e-12.
public struct StudentT: ContinuousDistribution, Hashable {
    /// The degrees of freedom `ν`.
    public let degreesOfFreedom: Double

    /// `log` of the density at zero times `√(2π)`, in Loader's form
    /// `stirlerr((ν + 1)/2) − stirlerr(ν/2) − bd0(ν/2, (ν + 1)/2)`.
    private let logCentralFactor: Double

    /// Creates a t distribution.
    ///
    /// Invalid parameters are programmer errors and trap.
    ///
    /// - Parameter degreesOfFreedom: `ν`, finite and positive; need not be an integer.
    public init(degreesOfFreedom: Double) {
        precondition(
            degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
            "StudentT: the degrees of freedom must be finite and positive, got \(degreesOfFreedom)"
        )
        self.degreesOfFreedom = degreesOfFreedom
        let a = degreesOfFreedom / 2
        let b = a + 0.5
        logCentralFactor = SaddlePoint.stirlingError(b) - SaddlePoint.stirlingError(a)
            - SaddlePoint.deviance(a, mean: DoubleDouble(sum: a, 0.5))
    }

    /// The mean: 0 for `ν > 1`, otherwise undefined (NaN).
    public var mean: Double { degreesOfFreedom > 1 ? 0 : .nan }

    /// The variance: `ν / (ν − 2)` for `ν > 2`, `+∞` for `1 < ν ≤ 2`, otherwise undefined (NaN).
    public var variance: Double {
        if degreesOfFreedom > 2 { return degreesOfFreedom / (degreesOfFreedom - 2) }
        return degreesOfFreedom > 1 ? .infinity : .nan
    }

    /// The density, in Loader's form
    /// `exp(stirlerr((ν+1)/2) − stirlerr(ν/2) − bd0(ν/2, (ν+1)/2)) (1 + t²/ν)^(−(ν+1)/2) / √(2π)`,
    /// which stays accurate for huge `ν` where ratios of gamma functions would not.
    ///
    /// - Parameter t: The point; NaN gives NaN.
    /// - Returns: The density at `t`.
    public func density(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let exponent = logCentralFactor - (degreesOfFreedom + 1) / 2 * log1pSquareOverDF(t)
        return exp(exponent) * 0.398_942_280_401_432_677_94
    }

    /// The natural logarithm of the density.
    ///
    /// - Parameter t: The point; NaN gives NaN.
    /// - Returns: `log f(t)`, finite for every finite `t`.
    public func logDensity(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        return logCentralFactor - (degreesOfFreedom + 1) / 2 * log1pSquareOverDF(t) - 0.918_938_533_204_672_741_78
    }

    /// `log(1 + t²/ν)`, without overflow for huge `|t|`.
    private func log1pSquareOverDF(_ t: Double) -> Double {
        let s = abs(t)
        if s < 1e150 { return log1p(s * s / degreesOfFreedom) }
        return 2 * log(s) - log(degreesOfFreedom)
            + log1p(degreesOfFreedom / s / s)
    }

    /// The distribution function `P(T ≤ t)`.
    ///
    /// Uses `P(|T| > |t|) = I_x(ν/2, ½)` with `x = ν / (ν + t²)` and `1 − x` computed separately;
    /// for `|t|` so large that `x` would underflow, the leading term `xᵃ / (a B(a, ½))` in logs.
    ///
    /// - Parameter t: The point; NaN gives NaN.
    /// - Returns: `P(T ≤ t)`, relatively accurate in the lower tail.
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let (outer, inner) = tails(t)
        return t < 0 ? 0.5 * outer : 0.5 + 0.5 * inner
    }

    /// The survival function `P(T > t) = cdf(−t)`.
    ///
    /// - Parameter t: The point; NaN gives NaN.
    /// - Returns: `P(T > t)`, relatively accurate in the upper tail.
    public func survival(_ t: Double) -> Double {
        cdf(-t)
    }

    /// `P(0 < T < t)` for `t ≥ 0`, accurate in relative terms near zero.
    private func centralProbability(_ t: Double) -> Double {
        0.5 * tails(t).inner
    }

    /// `(P(|T| > |t|), P(|T| < |t|))`.
    private func tails(_ t: Double) -> (outer: Double, inner: Double) {
        let s = abs(t)
        if s == 0 { return (1, 0) }
        if s.isInfinite { return (0, 1) }
        let nu = degreesOfFreedom
        let a = nu / 2
        let x: Double
        let y: Double
        if s * s < nu {
            let u = s * s / nu
            x = 1 / (1 + u)
            y = u / (1 + u)
        } else {
            let r = nu / s / s
            if r < 1e-280 {
                // I_x(a, ½) = xᵃ / (a B(a, ½)) · (1 + O(x)).
                let logX = log(nu) - 2 * log(s)
                let logBeta = GammaFunction.logGamma(a) + GammaFunction.logGamma(0.5) - GammaFunction.logGamma(a + 0.5)
                let outer = exp(a * logX - log(a) - logBeta)
                return (outer, 1 - outer)
            }
            x = r / (1 + r)
            y = 1 / (1 + r)
        }
        let (lower, upper) = IncompleteBeta.regularized(a: a, b: 0.5, x: x, y: y)
        return (lower, upper)
    }

    /// The quantile: the `t` with `P(T ≤ t) = p`.
    ///
    /// Solved with ``QuantileSolver`` on `P(0 < T < t) = |p − ½|` for `¼ < p < ¾` (so quantiles
    /// near zero keep their relative accuracy) and on the tail nearer `p` otherwise, so that
    /// `p` close to 1 is never rounded.
    ///
    /// - Parameter p: A probability in `[0, 1]`.
    /// - Returns: The quantile; `−∞` at 0, `+∞` at 1, NaN for `p` outside `[0, 1]` or NaN.
    public func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.25 && p < 0.75 {
            let r = p - 0.5
            let start = hillStart(StandardNormal.quantile(0.5 + abs(r)))
            let root = QuantileSolver.solve(
                target: abs(r), start: start, .increasing,
                probability: centralProbability, density: density
            )
            return r < 0 ? -root : root
        }
        return p < 0.5 ? -upperQuantile(p) : upperQuantile(1 - p)
    }

    /// The inverse survival function, `−quantile(q)` by symmetry.
    ///
    /// - Parameter q: An upper-tail probability in `[0, 1]`, down to the least positive double.
    /// - Returns: The `t` with `P(T > t) = q`; `+∞` at 0, `−∞` at 1, NaN outside `[0, 1]` or NaN.
    public func inverseSurvival(_ q: Double) -> Double {
        -quantile(q)
    }

    /// The `t > 0` with `P(T > t) = q` for `0 < q ≤ ¼`.
    private func upperQuantile(_ q: Double) -> Double {
        let nu = degreesOfFreedom
        let hill = hillStart(-StandardNormal.quantile(q))
        // Power-law tail: P(T > t) ≈ K t^(−ν) / ν.
        let a = nu / 2
        let logRatio: Double = GammaFunction.logGamma(a + 0.5) - GammaFunction.logGamma(a)
        let logK: Double = logRatio - 0.5 * log(nu * Double.pi) + (a + 0.5) * log(nu)
        let tail = exp((logK - log(nu) - log(q)) / nu)
        let start = QuantileSolver.bestStart([hill, tail], target: q, probability: survival, fallback: 1)
        return QuantileSolver.solve(
            target: q, start: start, .decreasing, probability: survival, density: density
        )
    }

    /// Hill's expansion of the t quantile about the normal quantile `z`, to order `1/ν²`.
    private func hillStart(_ z: Double) -> Double {
        let nu = degreesOfFreedom
        let z2 = z * z
        return z + z * (z2 + 1) / (4 * nu) + z * (5 * z2 * z2 + 16 * z2 + 3) / (96 * nu * nu)
    }
}
