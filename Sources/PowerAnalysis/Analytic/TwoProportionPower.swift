import Foundation
import Statistics

/// Power of the test comparing two proportions with n people in each group, and the n, p₁ or p₂
/// that gives a target power: R's `power.prop.test`.
///
/// With d = |p₁ − p₂|, p̄ = (p₁ + p₂) / 2 and z = Φ⁻¹(1 − α/s) (s sides), the power is
/// Φ((√n d − z √(2 p̄ (1 − p̄))) / √(p₁(1 − p₁) + p₂(1 − p₂))); with ``strict`` and a two-sided
/// test the other rejection region Φ̄((√n d + z √(2 p̄ q̄)) / √(v₁ + v₂)) is added. Missing
/// quantities are solved by Brent's method to full precision.
public struct TwoProportionPower: Sendable, Hashable {
    /// People per group.
    public var n: Double?
    /// The first group's proportion.
    public var p1: Double?
    /// The second group's proportion.
    public var p2: Double?
    /// α in (0, 1).
    public var significanceLevel: Double?
    /// The power in (0, 1).
    public var power: Double?
    /// Two-sided (default) or one-sided.
    public var twoSided: Bool
    /// Add the other rejection region of a two-sided test (R's `strict = TRUE`).
    public var strict: Bool

    /// Creates a calculation; leave out exactly one of `n`, `p1`, `p2`, `power`,
    /// `significanceLevel`.
    ///
    /// - Parameters:
    ///   - n: People per group.
    ///   - p1: The first proportion, in (0, 1).
    ///   - p2: The second proportion, in (0, 1).
    ///   - significanceLevel: Default 0.05.
    ///   - power: The power.
    ///   - twoSided: Default `true`.
    ///   - strict: Default `false`.
    public init(n: Double? = nil, p1: Double? = nil, p2: Double? = nil, significanceLevel: Double? = 0.05,
                power: Double? = nil, twoSided: Bool = true, strict: Bool = false) {
        self.n = n
        self.p1 = p1
        self.p2 = p2
        self.significanceLevel = significanceLevel
        self.power = power
        self.twoSided = twoSided
        self.strict = strict
    }

    /// The power for fully given quantities.
    ///
    /// - Parameters:
    ///   - n: People per group.
    ///   - p1: The first proportion.
    ///   - p2: The second proportion.
    ///   - significanceLevel: α.
    ///   - twoSided: Two-sided (default) or one-sided.
    ///   - strict: Add the other rejection region.
    /// - Returns: The power.
    public static func power(n: Double, p1: Double, p2: Double, significanceLevel: Double,
                             twoSided: Bool = true, strict: Bool = false) -> Double {
        let z = Normal.standard.inverseSurvival(significanceLevel / (twoSided ? 2 : 1))
        let difference = abs(p1 - p2)
        let pooled = (p1 + p2) / 2
        let nullScale = (2 * pooled * (1 - pooled)).squareRoot()
        let scale = (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        var power = Normal.standard.cdf((n.squareRoot() * difference - z * nullScale) / scale)
        if strict && twoSided {
            power += Normal.standard.survival((n.squareRoot() * difference + z * nullScale) / scale)
        }
        return power
    }

    /// The calculation with its missing quantity filled in.
    ///
    /// - Returns: A copy with every quantity given.
    /// - Throws: ``PowerAnalysisError`` unless exactly one quantity is missing, for a value out
    ///   of range, or when no value reaches the power.
    public func solved() throws -> TwoProportionPower {
        let quantities: [(String, Double?)] = [("n", n), ("p1", p1), ("p2", p2), ("sig.level", significanceLevel), ("power", power)]
        let missing = quantities.filter { $0.1 == nil }.map(\.0)
        guard missing.count == 1 else {
            throw PowerAnalysisError.unknowns(given: quantities.filter { $0.1 != nil }.map(\.0), missing: missing)
        }
        if let n, !(n > 0 && n.isFinite) { throw PowerAnalysisError.setting("n", value: "\(n)", expected: "positive and finite") }
        for (name, value) in quantities.dropFirst() {
            if let value, !(value > 0 && value < 1) {
                throw PowerAnalysisError.setting(name, value: "\(value)", expected: "strictly between 0 and 1")
            }
        }
        var result = self
        let f = { (n: Double, p1: Double, p2: Double, alpha: Double) in
            Self.power(n: n, p1: p1, p2: p2, significanceLevel: alpha, twoSided: twoSided, strict: strict)
        }
        switch missing[0] {
        case "power":
            result.power = f(n!, p1!, p2!, significanceLevel!)
        case "n":
            guard let root = RootBracket.solve(lower: 1, upper: 10, expandingUpTo: 1e7, { f($0, p1!, p2!, significanceLevel!) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "n", reason: "the power \(power!) needs fewer than 1 or more than 10,000,000 per group")
            }
            result.n = root
        case "p1":
            guard let root = RootBracket.solve(lower: 1e-12, upper: p2!, { f(n!, $0, p2!, significanceLevel!) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "p1", reason: "no p1 below p2 = \(p2!) gives power \(power!)")
            }
            result.p1 = root
        case "p2":
            guard let root = RootBracket.solve(lower: p1!, upper: 1 - 1e-12, { f(n!, p1!, $0, significanceLevel!) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "p2", reason: "no p2 above p1 = \(p1!) gives power \(power!)")
            }
            result.p2 = root
        default:
            guard let root = RootBracket.solve(lower: 1e-10, upper: 1 - 1e-10, { f(n!, p1!, p2!, $0) - power! }) else {
                throw PowerAnalysisError.noSolution(quantity: "sig.level", reason: "no level in (0, 1) gives power \(power!)")
            }
            result.significanceLevel = root
        }
        return result
    }
}
