import Foundation

/// The data-generating model of a simulated trial's outcome.
public enum SimulatedOutcome: Sendable, Hashable {
    /// A normal outcome: control mean μ, standard deviation σ in every arm. With covariate R²,
    /// q standard normal covariates xⱼ explain that share of the variance:
    /// y = μ + τₐ + σ (√(R²/q) Σⱼ xⱼ + √(1 − R²) ε), ε standard normal. In a cluster design
    /// ε = √ρ u + √(1 − ρ) e with u shared by the cluster's members, so ρ is the intracluster
    /// correlation of the outcome given the covariates.
    case normal(controlMean: Double, standardDeviation: Double)
    /// A 0/1 outcome (reoffended or not): control proportion p₀, arm a's proportion p₀ + τₐ.
    /// Covariates, if any, are drawn but unrelated to the outcome (R² must be 0). In a cluster
    /// design each cluster's proportion is drawn from a beta distribution with the arm's mean
    /// and the intracluster correlation ρ (beta-binomial), so the variance stays p(1 − p).
    case binary(controlProportion: Double)
    /// A count of events (offences, arrests) over each person's follow-up time T: control rate
    /// λ₀ events per unit of time and arm a's rate λ₀ θₐ, so the arms' effects are rate ratios
    /// θₐ. Poisson when `dispersion` is `nil`; otherwise negative binomial (NB2) with variance
    /// μ + μ²/k for dispersion k, drawn as a Poisson count with a gamma-distributed rate.
    /// Covariates are not drawn (the count analysis is unadjusted). In a cluster design each
    /// cluster's rates are multiplied by a gamma frailty with mean 1 and the variance that makes
    /// ρ the intracluster correlation of control's counts.
    case counts(controlRate: Double, followUp: Double, dispersion: Double?)

    /// Whether effects are rate ratios, estimated and summarised on the log scale.
    var isRatio: Bool {
        if case .counts = self { return true }
        return false
    }
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
