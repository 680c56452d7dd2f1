import Foundation

/// PreventKit's gamma and Poisson draws for simulating counts, on the toolkit's seeded
/// generators so that a seed gives the same trials on every machine (up to the last bit of the C
/// library's `log` and `exp`).
///
/// Gamma draws use Marsaglia and Tsang's squeeze method (shape below 1 by the boost
/// G(a) = G(a + 1) U^(1/a)); Poisson draws use inversion by sequential search for means below 10
/// and Hörmann's transformed rejection with squeeze (PTRS) above.
struct CountDraws {
    private var normal = NormalDraws()

    /// A uniform draw in (0, 1).
    private func uniform(using generator: inout some RandomNumberGenerator) -> Double {
        (Double(generator.next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A gamma draw with shape `shape` > 0 and scale `scale` > 0 (mean shape × scale).
    mutating func gamma(shape: Double, scale: Double, using generator: inout some RandomNumberGenerator) -> Double {
        if shape < 1 {
            let boosted = gamma(shape: shape + 1, scale: 1, using: &generator)
            return boosted * Foundation.pow(uniform(using: &generator), 1 / shape) * scale
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = normal.next(using: &generator)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform(using: &generator)
            if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v * scale }
        }
    }

    /// A Poisson draw with mean `mean` ≥ 0.
    mutating func poisson(mean: Double, using generator: inout some RandomNumberGenerator) -> Double {
        guard mean > 0 else { return 0 }
        if mean < 10 {
            // Inversion: walk up the cumulative distribution.
            var k = 0.0, probability = Foundation.exp(-mean), cumulative = probability
            let u = uniform(using: &generator)
            while u > cumulative && probability > 0 {
                k += 1
                probability *= mean / k
                cumulative += probability
            }
            return k
        }
        // PTRS (Hörmann 1993), valid for means of 10 or more.
        let logMean = Foundation.log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform(using: &generator) - 0.5
            let v = uniform(using: &generator)
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Foundation.log(v * inverseAlpha / (a / (us * us) + b)) <= -mean + k * logMean - Foundation.lgamma(k + 1) {
                return k
            }
        }
    }
}
