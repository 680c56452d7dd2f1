import Foundation

// The digamma and trigamma functions, for the negative binomial shape's score and information.
// Arguments are shifted up to at least 10 by the recurrences ψ(x) = ψ(x + 1) − 1/x and
// ψ₁(x) = ψ₁(x + 1) + 1/x², then the asymptotic (Bernoulli) series is summed; the first
// omitted term is below 1e-16 relative there.

/// ψ(x) = d/dx log Γ(x), for x > 0.
func digamma(_ x: Double) -> Double {
    precondition(x > 0, "digamma: \(x) is not positive")
    var x = x, shift = 0.0
    while x < 10 {
        shift -= 1 / x
        x += 1
    }
    let r = 1 / (x * x)
    let series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132 - r * (691.0 / 32760 - r / 12))))))
    return shift + log(x) - 0.5 / x - series
}

/// ψ₁(x) = d²/dx² log Γ(x), for x > 0.
func trigamma(_ x: Double) -> Double {
    precondition(x > 0, "trigamma: \(x) is not positive")
    var x = x, shift = 0.0
    while x < 10 {
        shift += 1 / (x * x)
        x += 1
    }
    let r = 1 / (x * x)
    let series = 1 / x + r / 2 + (1 / x) * r * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * (5.0 / 66 - r * (691.0 / 2730 - r * 7.0 / 6))))))
    return shift + series
}
