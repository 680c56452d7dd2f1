import Foundation

/// The standard normal distribution's functions, shared by ``Normal`` and by the starting values
/// of other quantile solvers.
enum StandardNormal {
    private static let logSqrtTwoPi = 0.918_938_533_204_672_741_78
    private static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
    private static let twoOverSqrtPi = 1.128_379_167_095_512_573_9
    /// 1/√2 split into a double and the double nearest its rounding error.
    private static let inverseSqrtTwoHigh = 0.707_106_781_186_547_57
    private static let inverseSqrtTwoLow = -4.833_646_656_726_457e-17

    /// `P(Z ≤ z + zLow) = ½ erfc(−(z + zLow) / √2)`, where `zLow` is an optional low-order part.
    ///
    /// `erfc` is relatively accurate in both tails; the only loss would come from rounding the
    /// argument, which `erfc` magnifies by about `z²`, so the rounding error of `z / √2` (and the
    /// caller's `zLow`) is carried separately and applied as a first-order correction.
    static func cdf(_ z: Double, low zLow: Double = 0) -> Double {
        if z.isNaN { return .nan }
        if z.isInfinite { return z > 0 ? 1 : 0 }
        let u = -z * inverseSqrtTwoHigh
        let residual = (-u).addingProduct(-z, inverseSqrtTwoHigh) - z * inverseSqrtTwoLow - zLow * inverseSqrtTwoHigh
        let tail = erfc(u)
        return 0.5 * (tail - residual * twoOverSqrtPi * exp(-u * u))
    }

    /// `P(Z > z + zLow)`, equal to `cdf(−z, low: −zLow)` exactly.
    static func survival(_ z: Double, low zLow: Double = 0) -> Double { cdf(-z, low: -zLow) }

    /// `P(0 < Z < z) = ½ erf(z / √2)` (negative for `z < 0`), accurate in relative terms near zero.
    static func centralProbability(_ z: Double) -> Double {
        0.5 * erf(z * inverseSqrtTwoHigh)
    }

    static func logDensity(_ z: Double) -> Double {
        -0.5 * z * z - logSqrtTwoPi
    }

    /// `φ(z + zLow)`, with `z²` split so that its rounding does not reach the exponential.
    static func density(_ z: Double, low zLow: Double = 0) -> Double {
        if z.isNaN { return .nan }
        if abs(z) > 40 { return 0 }
        let high = (z * 65536).rounded() / 65536
        let low = z - high
        return inverseSqrtTwoPi * exp(-0.5 * high * high) * exp(-0.5 * low * (z + high) - z * zLow)
    }

    /// The quantile: the `z` with `P(Z ≤ z) = p`, or NaN for `p` outside `[0, 1]`.
    ///
    /// A start from Hastings' rational approximation (error below 4.5e-4) is refined by Halley's
    /// method: on `½ erf(z / √2) = p − ½` for `¼ < p < ¾`, so that quantiles near zero keep their
    /// relative accuracy, and on `log Φ(z) = log p` in the tails.
    static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.25 && p < 0.75 {
            return centralQuantile(p - 0.5)
        }
        return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p)
    }

    /// Solves `½ erf(z / √2) = r` for `|r| < ¼`.
    private static func centralQuantile(_ r: Double) -> Double {
        // Series of √2 erf⁻¹(2r) to w⁷; relative error below 2e-4 for |r| < ¼.
        let w = 2 * r
        let w2 = w * w
        let pi = Double.pi
        var z = (pi / 2).squareRoot() * w
            * (1 + w2 * (pi / 12 + w2 * (7 * pi * pi / 480 + w2 * 127 * pi * pi * pi / 40320)))
        for _ in 0..<8 {
            let g = centralProbability(z) - r
            let slope = density(z)
            let t = g / slope
            let step = t / (1 + 0.5 * z * t)
            z -= step
            if abs(step) <= 2 * Double.ulpOfOne * abs(z) { break }
        }
        return z
    }

    /// Solves `Φ(z) = p` for `0 < p ≤ ¼`.
    private static func lowerQuantile(_ p: Double) -> Double {
        // Hastings' approximation (Abramowitz and Stegun 26.2.23).
        let t = (-2 * log(p)).squareRoot()
        var z = -(t - (2.515517 + t * (0.802853 + t * 0.010328))
            / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))))
        let logP = log(p)
        for _ in 0..<8 {
            let probability = cdf(z)
            if probability == 0 { break }
            // Halley's step on g(z) = log Φ(z) − log p, with g' = h = φ/Φ and g'' = −h (z + h).
            let g = QuantileSolver.logRatio(probability, p, logTarget: logP)
            let h = density(z) / probability
            let step = (g / h) / (1 + 0.5 * g * (z + h) / h)
            z -= step
            if abs(step) <= 2 * Double.ulpOfOne * abs(z) { break }
        }
        return z
    }
}
