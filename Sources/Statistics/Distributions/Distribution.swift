/// A probability distribution on the real line with a density.
///
/// Every conforming type in this module computes its lower and upper tails separately, so
/// `survival(x)` keeps full relative accuracy where `1 − cdf(x)` would round to zero, and
/// `inverseSurvival(q)` resolves upper-tail probabilities far below the spacing of doubles near 1.
public protocol ContinuousDistribution: Sendable {
    /// The mean, NaN where it does not exist and `+∞` where it diverges.
    var mean: Double { get }
    /// The variance, NaN where it does not exist and `+∞` where it diverges.
    var variance: Double { get }
    /// The density `f(x)`.
    func density(_ x: Double) -> Double
    /// The natural logarithm of the density, finite far beyond where `density(_:)` underflows.
    func logDensity(_ x: Double) -> Double
    /// The distribution function `P(X ≤ x)`.
    func cdf(_ x: Double) -> Double
    /// The survival function `P(X > x)`, computed directly rather than as `1 − cdf(x)`.
    func survival(_ x: Double) -> Double
    /// The `x` with `cdf(x) = p`, or NaN for `p` outside `[0, 1]`.
    func quantile(_ p: Double) -> Double
    /// The `x` with `survival(x) = q`, or NaN for `q` outside `[0, 1]`.
    func inverseSurvival(_ q: Double) -> Double
}

/// A probability distribution on the integers.
///
/// As for ``ContinuousDistribution``, both tails are computed directly.
public protocol DiscreteDistribution: Sendable {
    /// The mean.
    var mean: Double { get }
    /// The variance.
    var variance: Double { get }
    /// The probability mass `P(X = k)`.
    func probability(_ k: Int) -> Double
    /// The natural logarithm of `P(X = k)`, finite far beyond where `probability(_:)` underflows.
    func logProbability(_ k: Int) -> Double
    /// The distribution function `P(X ≤ k)`.
    func cdf(_ k: Int) -> Double
    /// The survival function `P(X > k)`, computed directly rather than as `1 − cdf(k)`.
    func survival(_ k: Int) -> Double
    /// The smallest `k` with `cdf(k) ≥ p`, as a `Double` (it can be `+∞`), or NaN for `p` outside `[0, 1]`.
    func quantile(_ p: Double) -> Double
    /// The smallest `k` with `survival(k) ≤ q`, as a `Double` (it can be `+∞`), or NaN for `q` outside `[0, 1]`.
    func inverseSurvival(_ q: Double) -> Double
}
