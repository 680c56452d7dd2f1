import Foundation
import Randomisation

extension RandomNumberGenerator {
    /// A standard normal draw by the Box-Muller transform, from two ``unitInterval()`` draws.
    ///
    /// - Complexity: O(1).
    mutating func standardNormal() -> Double {
        let u1 = 1 - unitInterval()  // in (0, 1], so the logarithm is finite
        let u2 = unitInterval()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// An exponential draw with the given rate (per unit time), by inversion.
    ///
    /// - Precondition: `rate > 0`.
    mutating func exponential(rate: Double) -> Double {
        precondition(rate > 0, "the rate must be positive")
        return -Foundation.log(1 - unitInterval()) / rate
    }

    /// A gamma draw with the given shape and scale, by Marsaglia and Tsang's method (2000), with
    /// the shape raised by one and a power of a uniform for shapes below one.
    ///
    /// - Precondition: `shape > 0`, `scale > 0`.
    mutating func gamma(shape: Double, scale: Double) -> Double {
        precondition(shape > 0 && scale > 0, "the shape and scale must be positive")
        if shape < 1 {
            let boost = Foundation.pow(1 - unitInterval(), 1 / shape)
            return gamma(shape: shape + 1, scale: scale) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = standardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = 1 - unitInterval()
            if Foundation.log(u) < 0.5 * x * x + d - d * v + d * Foundation.log(v) {
                return d * v * scale
            }
        }
    }

    /// True with probability `p`.
    mutating func bernoulli(_ p: Double) -> Bool {
        unitInterval() < p
    }
}

/// The logistic function 1 / (1 + e^-x).
func logistic(_ x: Double) -> Double {
    1 / (1 + Foundation.exp(-x))
}
