import Foundation
import Statistics

/// Power of a t test for a difference in means, and the sample size, effect, standard
/// deviation or significance level that gives a target power: R's `power.t.test`.
///
/// The power is P(T > t₁₋α/s) for T noncentral t with ν = (n − 1) × g degrees of freedom
/// (g = 2 for two samples, 1 for one sample or pairs) and noncentrality δ √(n / g) / σ, s the
/// number of sides; with ``strict`` and a two-sided test the lower rejection region
/// P(T < −t₁₋α/2) is added, as `strict = TRUE` does. The missing quantity is solved by Brent's
/// method to full precision (R's `uniroot` stops at a tolerance of about 1e-4, so R's solved
/// values differ from these in the fifth digit; the test fixtures solve R's equation with
/// `tol = 1e-12`).
public struct TTestPower: Sendable, Hashable {
    /// Which t test.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Two independent groups of n each.
        case twoSample = "two.sample"
        /// One group of n.
        case oneSample = "one.sample"
        /// n pairs (the standard deviation is that of the differences).
        case paired
    }

    /// The number of people per group (pairs for ``Kind/paired``), at least 2.
    public var n: Double?
    /// The true difference in means.
    public var delta: Double?
    /// The standard deviation (of the outcome, or of the differences for pairs).
    public var standardDeviation: Double?
    /// The significance level α in (0, 1).
    public var significanceLevel: Double?
    /// The power in (0, 1).
    public var power: Double?
    /// Which t test; default two samples.
    public var kind: Kind
    /// Whether the test is two-sided (the default) or one-sided.
    public var twoSided: Bool
    /// Whether a two-sided test counts both rejection regions (R's `strict = TRUE`).
    public var strict: Bool

    /// Creates a calculation; leave out (pass `nil` for) exactly one quantity to solve for.
    ///
    /// - Parameters:
    ///   - n: People per group.
    ///   - delta: The difference in means.
    ///   - standardDeviation: Default 1.
    ///   - significanceLevel: Default 0.05.
    ///   - power: The power.
    ///   - kind: Default ``Kind/twoSample``.
    ///   - twoSided: Default `true`.
    ///   - strict: Default `false`, as R.
    public init(n: Double? = nil, delta: Double? = nil, standardDeviation: Double? = 1, significanceLevel: Double? = 0.05,
                power: Double? = nil, kind: Kind = .twoSample, twoSided: Bool = true, strict: Bool = false) {
        self.n = n
        self.delta = delta
        self.standardDeviation = standardDeviation
        self.significanceLevel = significanceLevel
        self.power = power
        self.kind = kind
        self.twoSided = twoSided
        self.strict = strict
    }

    /// The power for fully given quantities.
    ///
    /// - Parameters:
    ///   - n: People per group, above 1.
    ///   - delta: The difference in means (its sign does not matter two-sided).
    ///   - standardDeviation: Positive.
    ///   - significanceLevel: α in (0, 1).
    ///   - kind: Which t test.
    ///   - twoSided: Two-sided (default) or one-sided.
    ///   - strict: Add the other rejection region of a two-sided test.
    /// - Returns: The power.
    public static func power(n: Double, delta: Double, standardDeviation: Double, significanceLevel: Double,
                             kind: Kind = .twoSample, twoSided: Bool = true, strict: Bool = false) -> Double {
        let groups: Double = kind == .twoSample ? 2 : 1
        let nu = (n - 1) * groups
        let sides: Double = twoSided ? 2 : 1
        let critical = StudentT(degreesOfFreedom: nu).inverseSurvival(significanceLevel / sides)
        let distribution = NoncentralStudentT(degreesOfFreedom: nu, noncentrality: (n / groups).squareRoot() * delta / standardDeviation)
        var power = distribution.survival(critical)
        if strict && twoSided { power += distribution.cdf(-critical) }
        return power
    }

    /// The calculation with its missing quantity filled in.
    ///
    /// - Returns: A copy with every quantity given.
    /// - Throws: ``PowerAnalysisError/unknowns(given:missing:)`` unless exactly one quantity is
    ///   missing, ``PowerAnalysisError/setting(_:value:expected:)`` for a value out of range,
    ///   ``PowerAnalysisError/noSolution(quantity:reason:)`` when no value reaches the power.
    public func solved() throws -> TTestPower {
        let quantities: [(String, Double?)] = [("n", n), ("delta", delta), ("sd", standardDeviation),
                                                ("sig.level", significanceLevel), ("power", power)]
        let missing = quantities.filter { $0.1 == nil }.map(\.0)
        guard missing.count == 1 else {
            throw PowerAnalysisError.unknowns(given: quantities.filter { $0.1 != nil }.map(\.0), missing: missing)
        }
        if let n, !(n > 1 && n.isFinite) { throw PowerAnalysisError.setting("n", value: "\(n)", expected: "a finite number above 1") }
        if let standardDeviation, !(standardDeviation > 0 && standardDeviation.isFinite) {
            throw PowerAnalysisError.setting("sd", value: "\(standardDeviation)", expected: "positive and finite")
        }
        if let delta, !delta.isFinite { throw PowerAnalysisError.setting("delta", value: "\(delta)", expected: "finite") }
        for (name, value) in [("sig.level", significanceLevel), ("power", power)] {
            if let value, !(value > 0 && value < 1) {
                throw PowerAnalysisError.setting(name, value: "\(value)", expected: "strictly between 0 and 1")
            }
        }
        var result = self
        let f = { (n: Double, delta: Double, sd: Double, alpha: Double) in
            Self.power(n: n, delta: delta, standardDeviation: sd, significanceLevel: alpha,
                       kind: kind, twoSided: twoSided, strict: strict)
        }
        switch missing[0] {
        case "power":
            result.power = f(n!, delta!, standardDeviation!, significanceLevel!)
        case "n":
            guard let root = RootBracket.solve(lower: 2, upper: 10, expandingUpTo: 1e7, { f($0, delta!, standardDeviation!, significanceLevel!) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "n", reason: "the power at n = 2 is already above \(power!), or n would exceed 10,000,000")
            }
            result.n = root
        case "delta":
            let sd = standardDeviation!
            guard let root = RootBracket.solve(lower: sd * 1e-7, upper: sd * 1e7, { f(n!, $0, sd, significanceLevel!) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "delta", reason: "the power \(power!) is not reached between 1e-7 and 1e7 standard deviations")
            }
            result.delta = root
        case "sd":
            let d = abs(delta!)
            guard let root = RootBracket.solve(lower: d * 1e-7, upper: d * 1e7, { f(n!, d, $0, significanceLevel!) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "sd", reason: "the power \(power!) is not reached between 1e-7 and 1e7 times delta")
            }
            result.standardDeviation = root
        default:
            guard let root = RootBracket.solve(lower: 1e-10, upper: 1 - 1e-10, { f(n!, delta!, standardDeviation!, $0) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "sig.level", reason: "no level in (0, 1) gives power \(power!)")
            }
            result.significanceLevel = root
        }
        return result
    }
}
