import Foundation

/// The error distribution and link of a generalised linear model.
///
/// Each family uses its canonical or conventional link, with the numerical safeguards of R's
/// `binomial()`, `poisson()` and `MASS::negative.binomial()`, so that fits agree with R's `glm`
/// and `MASS::glm.nb` to rounding.
public enum Family: Sendable, Hashable, CustomStringConvertible {
    /// Binary (or proportion) outcomes, logit link: log(μ / (1 − μ)) = η. Dispersion 1.
    case binomial
    /// Counts, log link: log μ = η, variance μ. Dispersion 1.
    case poisson
    /// Counts, log link, variance μ + μ²/θ (NB2) with a fixed shape θ > 0. Dispersion 1.
    case negativeBinomial(theta: Double)

    /// The family's name as R prints it (`binomial`, `poisson`, `Negative Binomial(θ)`).
    public var description: String {
        switch self {
        case .binomial: "binomial"
        case .poisson: "poisson"
        case .negativeBinomial(let theta): "Negative Binomial(\(String(format: "%.4g", theta)))"
        }
    }

    /// The short family name used in reports: `binomial`, `poisson` or `negative-binomial`.
    public var name: String {
        switch self {
        case .binomial: "binomial"
        case .poisson: "poisson"
        case .negativeBinomial: "negative-binomial"
        }
    }

    /// The link function's name: `logit` or `log`.
    public var linkName: String {
        switch self {
        case .binomial: "logit"
        case .poisson, .negativeBinomial: "log"
        }
    }
}

/// The per-observation functions that IRLS needs, specialised per family so the row loops
/// compile without dynamic dispatch.
protocol FamilyKernel: Sendable {
    /// The inverse link μ(η).
    func mean(_ eta: Double) -> Double
    /// dμ/dη at η.
    func meanDerivative(_ eta: Double) -> Double
    /// The variance function V(μ).
    func variance(_ mu: Double) -> Double
    /// The link g(μ).
    func link(_ mu: Double) -> Double
    /// The prior-weighted unit deviance, R's `dev.resids`.
    func deviance(_ y: Double, _ mu: Double, _ weight: Double) -> Double
    /// Whether μ is inside the family's parameter space, R's `validmu`.
    func isValidMean(_ mu: Double) -> Bool
    /// R's `mustart` from the family's `initialize`.
    func initialMean(_ y: Double, _ weight: Double) -> Double
    /// μ(η) and dμ/dη at η together: the same values as ``mean(_:)`` and
    /// ``meanDerivative(_:)``, sharing their work where a family can.
    func meanAndDerivative(_ eta: Double) -> (mean: Double, derivative: Double)
}

extension FamilyKernel {
    func meanAndDerivative(_ eta: Double) -> (mean: Double, derivative: Double) {
        (mean(eta), meanDerivative(eta))
    }
}

/// Logit link with the thresholds of R's C code (`logit_linkinv`, `logit_mu_eta`).
struct BinomialLogitKernel: FamilyKernel {
    private static let threshold = 30.0
    private static let epsilon = Double.ulpOfOne

    func mean(_ eta: Double) -> Double {
        let e = eta < -Self.threshold ? Self.epsilon : (eta > Self.threshold ? 1 / Self.epsilon : exp(eta))
        return e / (1 + e)
    }

    func meanDerivative(_ eta: Double) -> Double {
        let e = exp(eta)
        return abs(eta) > Self.threshold ? Self.epsilon : e / ((1 + e) * (1 + e))
    }

    /// One exponential for both: the same values as ``mean(_:)`` and ``meanDerivative(_:)``.
    func meanAndDerivative(_ eta: Double) -> (mean: Double, derivative: Double) {
        let e = exp(eta)
        let clipped = eta < -Self.threshold ? Self.epsilon : (eta > Self.threshold ? 1 / Self.epsilon : e)
        return (clipped / (1 + clipped), abs(eta) > Self.threshold ? Self.epsilon : e / ((1 + e) * (1 + e)))
    }

    func variance(_ mu: Double) -> Double { mu * (1 - mu) }

    func link(_ mu: Double) -> Double { log(mu / (1 - mu)) }

    func deviance(_ y: Double, _ mu: Double, _ weight: Double) -> Double {
        let a = y > 0 ? y * log(y / mu) : 0
        let b = y < 1 ? (1 - y) * log((1 - y) / (1 - mu)) : 0
        return 2 * weight * (a + b)
    }

    func isValidMean(_ mu: Double) -> Bool { mu.isFinite && mu > 0 && mu < 1 }

    func initialMean(_ y: Double, _ weight: Double) -> Double { (weight * y + 0.5) / (weight + 1) }
}

/// Log link with R's floor of μ and dμ/dη at machine epsilon.
struct PoissonLogKernel: FamilyKernel {
    func mean(_ eta: Double) -> Double { max(exp(eta), .ulpOfOne) }

    func meanDerivative(_ eta: Double) -> Double { max(exp(eta), .ulpOfOne) }

    func variance(_ mu: Double) -> Double { mu }

    func link(_ mu: Double) -> Double { log(mu) }

    func deviance(_ y: Double, _ mu: Double, _ weight: Double) -> Double {
        y > 0 ? 2 * weight * (y * log(y / mu) - (y - mu)) : 2 * weight * mu
    }

    func isValidMean(_ mu: Double) -> Bool { mu.isFinite && mu > 0 }

    func initialMean(_ y: Double, _ weight: Double) -> Double { y + 0.1 }
}

/// NB2 with a fixed θ and log link, as `MASS::negative.binomial(theta)`.
struct NegativeBinomialLogKernel: FamilyKernel {
    let theta: Double

    func mean(_ eta: Double) -> Double { max(exp(eta), .ulpOfOne) }

    func meanDerivative(_ eta: Double) -> Double { max(exp(eta), .ulpOfOne) }

    func variance(_ mu: Double) -> Double { mu + mu * mu / theta }

    func link(_ mu: Double) -> Double { log(mu) }

    func deviance(_ y: Double, _ mu: Double, _ weight: Double) -> Double {
        2 * weight * (y * log(max(1, y) / mu) - (y + theta) * log((y + theta) / (mu + theta)))
    }

    func isValidMean(_ mu: Double) -> Bool { mu.isFinite && mu > 0 }

    func initialMean(_ y: Double, _ weight: Double) -> Double { y + (y == 0 ? 1.0 / 6 : 0) }
}
