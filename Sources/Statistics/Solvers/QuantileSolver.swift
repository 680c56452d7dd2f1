import Foundation

/// The one safeguarded root finder behind every continuous quantile.
///
/// It solves `probability(x) = target` on `(0, ∞)`, where `probability` is a monotone tail
/// probability (a cdf, a survival function, or a probability between zero and `x`) and `density`
/// its derivative in absolute value. Newton's method runs on `log probability` against `log x`,
/// which is nearly linear for the power-law and exponential tails met here, so it converges in a
/// few steps from a rough start. Each evaluation also narrows a bracket; a step that leaves the
/// bracket, or that cannot be taken because a value underflowed, is replaced by bisection of the
/// bracket in `log x`.
///
/// Because it matches the target in relative terms, the quantile is as accurate as the tail
/// probability is (times its condition number `F / (x f)`), even for targets near 1e-300.
enum QuantileSolver {
    enum Monotonicity {
        case increasing
        case decreasing
    }

    /// Solves `probability(x) = target` for `x > 0`.
    ///
    /// - Parameters:
    ///   - target: The probability to match, in `(0, 1)`; the caller passes the tail that holds
    ///     it exactly (so `1 − p` rather than a rounded `p` near 1).
    ///   - start: A first guess; any positive value works, a good one saves iterations.
    ///   - monotonicity: Whether `probability` increases (a cdf) or decreases (a survival function).
    ///   - probability: The tail probability.
    ///   - density: The absolute value of its derivative.
    /// - Returns: The root, 0 if it lies below the least normal double, `+∞` above the greatest.
    /// - Complexity: A handful of evaluations from a good start; at most 400.
    static func solve(
        target: Double,
        start: Double,
        _ monotonicity: Monotonicity,
        probability: (Double) -> Double,
        density: (Double) -> Double
    ) -> Double {
        let sign: Double = monotonicity == .increasing ? 1 : -1
        let logTarget = log(target)
        var lower = 0.0
        var upper = Double.infinity
        var x = start.isFinite && start > 0 ? start : 1
        for _ in 0..<400 {
            let value = probability(x)
            if value == target { return x }
            if (value < target) == (monotonicity == .increasing) {
                lower = x
            } else {
                upper = x
            }
            if upper <= lower.nextUp { return closer(lower, upper, target: target, probability) }

            var next = Double.nan
            let slope = sign * x * density(x) / value
            if value > 0 && slope.isFinite && slope != 0 {
                let logStep = -logRatio(value, target, logTarget: logTarget) / slope
                let clamped = min(max(logStep, -100), 100)
                next = x * exp(clamped)
                if abs(clamped) <= 2 * Double.ulpOfOne { return next }
            }
            if !(next > lower && next < upper) {
                next = bisect(lower, upper)
            }
            if next < Double.leastNormalMagnitude { return 0 }
            if next > Double.greatestFiniteMagnitude { return .infinity }
            x = next
        }
        return x
    }

    /// `log(value / target)`, without cancellation when the two are close.
    static func logRatio(_ value: Double, _ target: Double, logTarget: Double) -> Double {
        let ratio = value / target
        if ratio > 0.5 && ratio < 2 {
            return log1p((value - target) / target)
        }
        return log(value) - logTarget
    }

    /// The candidate start whose probability is nearest the target on a log scale.
    static func bestStart(
        _ candidates: [Double], target: Double, probability: (Double) -> Double, fallback: Double
    ) -> Double {
        var best = fallback
        var bestDistance = Double.infinity
        for candidate in candidates where candidate.isFinite && candidate > 0 {
            let distance = abs(log(probability(candidate) / target))
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    private static func bisect(_ lower: Double, _ upper: Double) -> Double {
        if lower == 0 { return upper.isFinite ? upper * 1e-8 : 1 }
        if upper.isInfinite { return lower * 1e8 }
        if upper < 4 * lower { return lower + 0.5 * (upper - lower) }
        return exp(0.5 * (log(lower) + log(upper)))
    }

    private static func closer(_ a: Double, _ b: Double, target: Double, _ probability: (Double) -> Double) -> Double {
        abs(probability(a) - target) <= abs(probability(b) - target) ? a : b
    }
}
