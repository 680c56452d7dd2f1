import Foundation

/// Which way an intervention is expected to move the outcome, for the minimum detectable effect.
public enum EffectDirection: String, Sendable, Hashable, CaseIterable {
    /// The outcome goes down (less reoffending, fewer offences): the usual aim of a Prevent trial.
    case decrease
    /// The outcome goes up.
    case increase
}

/// A solved analytic power calculation: the power, the total sample size or the minimum
/// detectable effect, with everything it was computed from.
public struct PowerCalculation: Sendable, Hashable {
    /// The quantity that was solved for.
    public enum Unknown: String, Sendable, Hashable, CaseIterable {
        /// The power, from the sample size and the effect.
        case power
        /// The total sample size, from the power and the effect.
        case sampleSize = "sample-size"
        /// The minimum detectable effect, from the sample size and the power.
        case effect
    }

    /// The settings.
    public let design: TrialPowerDesign
    /// What was solved for.
    public let solvedFor: Unknown
    /// The total number of people N (not rounded when solved for).
    public let totalSize: Double
    /// Each arm's effect against control: a difference, or a rate ratio.
    public let effect: Double
    /// Each arm's power.
    public let power: Double
    /// The standard error of each arm's comparison.
    public let standardError: Double
    /// The degrees of freedom of the t reference, or `nil` for the normal.
    public let degreesOfFreedom: Double?
    /// The critical value of |T| after the multiplicity adjustment.
    public let criticalValue: Double

    /// People in control, N r / (r + k).
    public var controlSize: Double { totalSize * design.shares.control }
    /// People in each intervention arm, N / (r + k).
    public var armSize: Double { totalSize * design.shares.arm }
    /// Whole people per arm to recruit: control and each arm rounded up (and to whole clusters).
    public var recruitment: (control: Int, arm: Int, total: Int) {
        let m = design.clusterSize
        func whole(_ x: Double) -> Int { Int((((x / m) * (1 - 1e-12)).rounded(.up) * m).rounded(.up)) }
        let control = whole(controlSize), arm = whole(armSize)
        return (control, arm, control + arm * design.interventionArms)
    }
}

extension TrialPowerDesign {
    /// Each arm's power for N people when every arm has the same effect.
    ///
    /// - Parameters:
    ///   - totalSize: N, enough for a positive degree of freedom.
    ///   - effect: Each arm's effect: a difference in means or proportions, or a rate ratio.
    /// - Returns: The calculation.
    /// - Throws: ``PowerAnalysisError`` for a bad setting, a size too small or an impossible effect.
    public func power(totalSize: Double, effect: Double) throws -> PowerCalculation {
        try validate()
        try checkSize(totalSize)
        try checkEffect(effect)
        let result = evaluate(totalSize: totalSize, effect: effect)
        return PowerCalculation(design: self, solvedFor: .power, totalSize: totalSize, effect: effect, power: result.power,
                                standardError: result.standardError, degreesOfFreedom: result.degreesOfFreedom,
                                criticalValue: result.critical)
    }

    /// The total sample size N at which each arm reaches `power` when every arm has the same effect.
    ///
    /// - Parameters:
    ///   - power: The target power in (0, 1).
    ///   - effect: Each arm's effect.
    /// - Returns: The calculation; N is not rounded (see ``PowerCalculation/recruitment``). When
    ///   the smallest analysable trial already has the power, N is that size.
    /// - Throws: ``PowerAnalysisError`` for a bad setting, or when no N up to 10⁹ suffices.
    public func sampleSize(power target: Double, effect: Double) throws -> PowerCalculation {
        try validate()
        try checkPower(target)
        try checkEffect(effect)
        if outcome.testScale(effect) == outcome.testScale(outcome.nullEffect) {
            throw PowerAnalysisError.noSolution(quantity: "sample size", reason: "an effect of \(effect) is no difference at all")
        }
        let smallest = minimumSize
        let total: Double
        if evaluate(totalSize: smallest, effect: effect).power >= target {
            total = smallest
        } else {
            guard let root = RootBracket.solve(lower: smallest, upper: smallest * 2, expandingUpTo: 1e9, {
                evaluate(totalSize: $0, effect: effect).power - target
            }) else {
                throw PowerAnalysisError.noSolution(quantity: "sample size", reason: "more than 1,000,000,000 people would be needed")
            }
            total = root
        }
        return try self.power(totalSize: total, effect: effect).solved(for: .sampleSize)
    }

    /// The smallest effect each arm can have and be found with `power`, for N people.
    ///
    /// - Parameters:
    ///   - totalSize: N.
    ///   - power: The target power in (0, 1).
    ///   - direction: Whether the effect lowers (default) or raises the outcome.
    /// - Returns: The calculation, with the effect signed by the direction (a rate ratio below 1
    ///   for a decrease).
    /// - Throws: ``PowerAnalysisError`` for a bad setting, or when even the largest possible
    ///   effect falls short of the power.
    public func minimumDetectableEffect(totalSize: Double, power target: Double,
                                        direction: EffectDirection = .decrease) throws -> PowerCalculation {
        try validate()
        try checkSize(totalSize)
        try checkPower(target)
        let sign: Double = direction == .decrease ? -1 : 1
        let effectOfMagnitude: (Double) -> Double
        let largest: Double
        switch outcome {
        case let .means(sd):
            effectOfMagnitude = { sign * $0 }
            largest = sd * 1e7
        case let .proportions(p0):
            effectOfMagnitude = { sign * $0 }
            largest = (direction == .decrease ? p0 : 1 - p0) * (1 - 1e-12)
        case .rates:
            effectOfMagnitude = { exp(sign * $0) }
            largest = 20
        }
        // Power need not rise all the way to the largest effect (a rate ratio near 0 has a huge
        // variance), so the first crossing of the target is bracketed on a logarithmic grid.
        let shortfall = { (magnitude: Double) in evaluate(totalSize: totalSize, effect: effectOfMagnitude(magnitude)).power - target }
        let smallest = largest * 1e-12
        let steps = 72
        var previous = smallest
        var bracket: (Double, Double)? = nil
        for step in 1 ... steps {
            let magnitude = smallest * pow(largest / smallest, Double(step) / Double(steps))
            if shortfall(magnitude) >= 0 {
                bracket = (previous, magnitude)
                break
            }
            previous = magnitude
        }
        guard let bracket, let magnitude = RootBracket.solve(lower: bracket.0, upper: bracket.1, shortfall) else {
            throw PowerAnalysisError.noSolution(quantity: "effect", reason: "with \(Self.plain(totalSize)) people even the largest possible \(direction) has power below \(target)")
        }
        return try power(totalSize: totalSize, effect: effectOfMagnitude(magnitude)).solved(for: .effect)
    }

    /// Solves for whichever of N, the effect and the power is `nil`.
    ///
    /// - Parameters:
    ///   - totalSize: N, or `nil` to solve for it.
    ///   - effect: Each arm's effect, or `nil` to solve for the minimum detectable effect.
    ///   - power: The power, or `nil` to solve for it.
    ///   - direction: The direction of a minimum detectable effect.
    /// - Returns: The calculation.
    /// - Throws: ``PowerAnalysisError/unknowns(given:missing:)`` unless exactly one is `nil`, or
    ///   what the chosen calculation throws.
    public func solve(totalSize: Double?, effect: Double?, power: Double?,
                      direction: EffectDirection = .decrease) throws -> PowerCalculation {
        let named: [(String, Double?)] = [("sample size", totalSize), ("effect", effect), ("power", power)]
        let missing = named.filter { $0.1 == nil }.map(\.0)
        guard missing.count == 1 else {
            throw PowerAnalysisError.unknowns(given: named.filter { $0.1 != nil }.map(\.0), missing: missing)
        }
        if let totalSize, let effect { return try self.power(totalSize: totalSize, effect: effect) }
        if let effect, let power { return try sampleSize(power: power, effect: effect) }
        return try minimumDetectableEffect(totalSize: totalSize!, power: power!, direction: direction)
    }

    /// The smallest N that leaves a degree of freedom (t) or one person per arm (normal).
    var minimumSize: Double {
        let perArm = 1 / shares.arm, perControl = 1 / shares.control
        let normalMinimum = max(perArm, perControl) * clusterSize
        guard outcome.usesStudentT else { return normalMinimum }
        return max(normalMinimum, (Double(coefficientCount) + 1) * clusterSize)
    }

    private func checkSize(_ n: Double) throws {
        guard n.isFinite && n >= minimumSize else {
            throw PowerAnalysisError.setting("the total sample size", value: Self.plain(n),
                                             expected: "at least \(Self.plain(minimumSize)) for this design")
        }
    }

    private func checkPower(_ power: Double) throws {
        guard power > 0 && power < 1 else {
            throw PowerAnalysisError.setting("the power", value: "\(power)", expected: "strictly between 0 and 1")
        }
    }

    private func checkEffect(_ effect: Double) throws {
        guard outcome.admits(effect) else {
            let expected: String
            switch outcome {
            case .means: expected = "finite"
            case let .proportions(p0): expected = "such that the arm's proportion \(p0) + effect lies strictly between 0 and 1"
            case .rates: expected = "a positive rate ratio"
            }
            throw PowerAnalysisError.setting("the effect", value: "\(effect)", expected: expected)
        }
    }

    static func plain(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.6g", x)
    }
}

extension PowerCalculation {
    fileprivate func solved(for unknown: Unknown) -> PowerCalculation {
        PowerCalculation(design: design, solvedFor: unknown, totalSize: totalSize, effect: effect, power: power,
                         standardError: standardError, degreesOfFreedom: degreesOfFreedom, criticalValue: criticalValue)
    }
}
