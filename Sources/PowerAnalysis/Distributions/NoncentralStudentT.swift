import Foundation
import Statistics

/// The noncentral Student t distribution: the law of (Z + δ) / √(χ²_ν / ν) with Z standard
/// normal independent of χ²_ν. It is the distribution of a t statistic when the true effect is
/// δ standard errors from zero, so power is one of its tails.
///
/// The distribution function is Lenth's (1989, Applied Statistics algorithm AS 243) series: with
/// x = t² / (t² + ν), for t ≥ 0
///
///     P(T ≤ t) = Φ(−δ) + ½ Σⱼ [ pⱼ I_x(j + ½, ν/2) + qⱼ I_x(j + 1, ν/2) ],
///
/// pⱼ = e^(−δ²/2) (δ²/2)ʲ / j!, qⱼ = δ e^(−δ²/2) (δ²/2)ʲ / (√2 Γ(j + 3/2)). The incomplete beta
/// functions are found by a two-term recurrence from I_x(½, ν/2) = P(|T_ν| < t) (the central t
/// of ``StudentT``) and I_x(1, ν/2) = 1 − (1 − x)^(ν/2). The series stops when the Poisson
/// weights left bound the remaining error by 1e-12 (at most 1,000 terms). For t < 0,
/// P(T ≤ t; δ) = 1 − P(T ≤ −t; −δ). This is the method of R's `pt(q, df, ncp)`, and the values
/// agree with R 4.2 to 1e-10 absolute on the fixtures in `Tests/PowerAnalysisTests/Fixtures`.
///
/// For |δ| above √(2 · 1022 · log 2) ≈ 37.6, where e^(−δ²/2) underflows, R (and this type) uses
/// the normal approximation of Abramowitz and Stegun 26.7.10; power is then 1 to many digits.
public struct NoncentralStudentT: Sendable, Hashable {
    /// The degrees of freedom ν > 0.
    public let degreesOfFreedom: Double
    /// The noncentrality δ (finite).
    public let noncentrality: Double

    /// Creates the distribution.
    ///
    /// - Parameters:
    ///   - degreesOfFreedom: ν > 0, not necessarily an integer; `+∞` gives the normal N(δ, 1).
    ///   - noncentrality: δ, any finite number; 0 gives the central t.
    public init(degreesOfFreedom: Double, noncentrality: Double) {
        precondition(degreesOfFreedom > 0, "NoncentralStudentT: degrees of freedom must be positive, got \(degreesOfFreedom)")
        precondition(noncentrality.isFinite, "NoncentralStudentT: the noncentrality must be finite")
        self.degreesOfFreedom = degreesOfFreedom
        self.noncentrality = noncentrality
    }

    /// The distribution function P(T ≤ t).
    ///
    /// - Parameter t: The point; NaN gives NaN, ±∞ give 1 and 0.
    /// - Returns: P(T ≤ t), to about 1e-12 absolute.
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        if degreesOfFreedom.isInfinite { return Normal.standard.cdf(t - noncentrality) }
        if t >= 0 { return Self.lowerTail(t, nu: degreesOfFreedom, delta: noncentrality) }
        return min(1, max(0, 1 - Self.lowerTail(-t, nu: degreesOfFreedom, delta: -noncentrality)))
    }

    /// The survival function P(T > t) = 1 − P(T ≤ t).
    ///
    /// - Parameter t: The point; NaN gives NaN.
    /// - Returns: P(T > t), to about 1e-12 absolute.
    public func survival(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        return min(1, max(0, 1 - cdf(t)))
    }

    /// The largest |δ| for which the series' first Poisson weight e^(−δ²/2) is a normal double.
    static let seriesLimit = (2 * Double(-Double.leastNormalMagnitude.exponent) * M_LN2).squareRoot()

    /// P(T ≤ t) for t ≥ 0 by the series; clamped to [0, 1].
    private static func lowerTail(_ t: Double, nu: Double, delta: Double) -> Double {
        if delta > seriesLimit {
            // Abramowitz and Stegun 26.7.10.
            let s = 1 / (4 * nu)
            return Normal(mean: delta, standardDeviation: (1 + t * t * 2 * s).squareRoot()).cdf(t * (1 - s))
        }
        if t == 0 { return Normal.standard.cdf(-delta) }
        let x = t * t / (t * t + nu)
        let lambda = delta * delta
        let b = nu / 2

        // Poisson weights (halved) of the even and odd terms at j = 0.
        var evenWeight = 0.5 * exp(-0.5 * lambda)
        var oddWeight = (2 / Double.pi).squareRoot() * evenWeight * delta
        // Weight not yet summed, which bounds the truncation error.
        var remaining = 0.5 - evenWeight

        var a = 0.5
        // I_x(j + ½, b), I_x(j + 1, b) and the recurrence steps Γ(a + b) / (Γ(a + 1) Γ(b)) xᵃ (1 − x)ᵇ.
        var halfIntegerBeta = 1 - 2 * StudentT(degreesOfFreedom: nu).survival(t)
        let powerOneMinusX = exp(b * log1p(-x))
        let logBetaHalf = 0.5 * log(Double.pi) + lgamma(b) - lgamma(0.5 + b)
        var halfIntegerStep = 2 * powerOneMinusX * exp(a * log(x) - logBetaHalf)
        var integerBeta = b * x < Double.ulpOfOne ? b * x : -expm1(b * log1p(-x))
        var integerStep = b * x * powerOneMinusX
        var sum = evenWeight * halfIntegerBeta + oddWeight * integerBeta

        for j in 1 ... 1000 {
            a += 1
            halfIntegerBeta -= halfIntegerStep
            integerBeta -= integerStep
            halfIntegerStep *= x * (a + b - 1) / a
            integerStep *= x * (a + b - 0.5) / (a + 0.5)
            evenWeight *= lambda / Double(2 * j)
            oddWeight *= lambda / Double(2 * j + 1)
            sum += evenWeight * halfIntegerBeta + oddWeight * integerBeta
            remaining -= evenWeight
            if remaining <= 0 && j > 1 { break }
            let bound = 2 * remaining * (halfIntegerBeta - halfIntegerStep)
            if abs(bound) < 1e-12 && j > 1 { break }
        }
        return min(1, max(0, sum + Normal.standard.cdf(-delta)))
    }
}
