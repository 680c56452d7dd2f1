import Foundation

/// The data-generating model of a simulated trial's outcome.
public enum SimulatedOutcome: Sendable, Hashable {
    /// A normal outcome: control mean μ, standard deviation σ in every arm. With covariate R²,
    /// q standard normal covariates xⱼ explain that share of the variance:
    /// y = μ + τₐ + σ (√(R²/q) Σⱼ xⱼ + √(1 − R²) ε), ε standard normal.
    case normal(controlMean: Double, standardDeviation: Double)
    /// A 0/1 outcome (reoffended or not): control proportion p₀, arm a's proportion p₀ + τₐ.
    /// Covariates, if any, are drawn but unrelated to the outcome (R² must be 0).
    case binary(controlProportion: Double)
}

/// PreventKit's normal draws for simulation: the Marsaglia polar method on
/// ``Randomisation/Xoshiro256StarStar`` uniforms, so that a seed gives the same trials on every
/// machine (up to the last bit of the C library's `log`).
struct NormalDraws {
    private var spare: Double? = nil

    mutating func next(using generator: inout some RandomNumberGenerator) -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        while true {
            let u = 2 * Double(generator.next() >> 11) * 0x1.0p-53 - 1
            let v = 2 * Double(generator.next() >> 11) * 0x1.0p-53 - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * Foundation.log(s) / s).squareRoot()
                spare = v * factor
                return u * factor
            }
        }
    }
}
