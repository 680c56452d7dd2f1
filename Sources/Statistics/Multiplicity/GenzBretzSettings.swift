/// How the Genz–Bretz method integrates a multivariate normal or t probability: its error
/// target, its budget and the seed of its randomised lattice rules.
///
/// The method (Genz 1992; Genz and Bretz 2002, 2009) is randomised quasi-Monte Carlo: each
/// estimate averages `shiftCount` copies of a rank-1 Korobov lattice rule, each copy shifted by
/// a uniform random vector. The spread of the copies gives the error estimate, reported as 3.5
/// standard errors (a coverage above 99.9% for a normal spread). The rules grow by about 1.5
/// times per round, and the rounds are pooled with inverse-variance weights, until the error
/// estimate is at most ``absoluteError`` or ``maximumEvaluations`` would be exceeded.
///
/// The shifts come from SplitMix64 started at ``seed``, so a probability is a deterministic
/// function of its arguments and these settings, the same on every machine and in every
/// release.
public struct GenzBretzSettings: Sendable, Hashable {
    /// The absolute error to reach, as 3.5 standard errors of the estimate.
    public var absoluteError: Double
    /// The largest number of integrand evaluations to spend on one probability.
    public var maximumEvaluations: Int
    /// The number of randomly shifted copies of each lattice rule; at least 2.
    public var shiftCount: Int
    /// The seed of the random shifts.
    public var seed: UInt64

    /// The seed used unless another is given: the date the method was added, 2026-11-21.
    public static let defaultSeed: UInt64 = 20_261_121

    /// Creates settings.
    ///
    /// Invalid settings are programmer errors and trap.
    ///
    /// - Parameters:
    ///   - absoluteError: The error target, positive; default 1e-6, enough for p-values
    ///     reported to four significant digits down to about 1e-3.
    ///   - maximumEvaluations: The budget, positive; default 50 million (seconds at most).
    ///   - shiftCount: Shifted copies per rule, at least 2; default 12.
    ///   - seed: The seed of the shifts; default ``defaultSeed``.
    public init(absoluteError: Double = 1e-6, maximumEvaluations: Int = 50_000_000, shiftCount: Int = 12,
                seed: UInt64 = GenzBretzSettings.defaultSeed) {
        precondition(absoluteError > 0, "GenzBretzSettings: the absolute error must be positive, got \(absoluteError)")
        precondition(maximumEvaluations > 0, "GenzBretzSettings: the evaluation budget must be positive, got \(maximumEvaluations)")
        precondition(shiftCount >= 2, "GenzBretzSettings: at least 2 shifts are needed for an error estimate, got \(shiftCount)")
        self.absoluteError = absoluteError
        self.maximumEvaluations = maximumEvaluations
        self.shiftCount = shiftCount
        self.seed = seed
    }
}

/// A probability computed numerically, with an estimate of its absolute error.
public struct ProbabilityEstimate: Sendable, Hashable {
    /// The probability.
    public let value: Double
    /// The estimated absolute error: 3.5 standard errors for the randomised Genz–Bretz method,
    /// the quadrature's target for deterministic methods, 0 when the value is exact up to
    /// rounding.
    public let absoluteError: Double
    /// The number of integrand evaluations spent (0 for closed forms).
    public let evaluations: Int

    /// Creates an estimate.
    ///
    /// - Parameters:
    ///   - value: The probability.
    ///   - absoluteError: Its estimated absolute error, at least 0.
    ///   - evaluations: The integrand evaluations spent.
    public init(value: Double, absoluteError: Double, evaluations: Int) {
        self.value = value
        self.absoluteError = absoluteError
        self.evaluations = evaluations
    }
}
