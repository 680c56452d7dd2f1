/// The median time to the event of a Kaplan-Meier curve, with confidence limits read from the
/// curve's confidence limits (Brookmeyer and Crowley's method, as R survival's
/// `quantile.survfit`).
///
/// The median is the first time the curve is at or below one half; where the curve is flat at
/// exactly one half (within √ε) it is the midpoint of that flat stretch. The lower limit is the
/// same time read from the lower confidence curve, the upper limit from the upper one. A value
/// the curve never reaches is NaN ("not reached").
public struct MedianSurvival: Sendable, Hashable {
    /// The median, or NaN when survival stays above one half.
    public let estimate: Double
    /// The lower confidence limit, or NaN.
    public let lower: Double
    /// The upper confidence limit, or NaN when the upper curve stays above one half.
    public let upper: Double

    init(steps: [KaplanMeierCurve.Step]) {
        let times = steps.map(\.time)
        estimate = Self.quantile(times: times, survival: steps.map(\.survival))
        lower = Self.quantile(times: times, survival: steps.map(\.lower))
        upper = Self.quantile(times: times, survival: steps.map(\.upper))
    }

    /// The time at which the cumulative failure 1 − S first reaches `p`, with R's tie rule.
    ///
    /// Undefined survival values (NaN) are skipped, as R's `approx` drops `NA`.
    static func quantile(times: [Double], survival: [Double], p: Double = 0.5) -> Double {
        let tolerance = Double.ulpOfOne.squareRoot()
        // Failure curve starting at (0, 0); keep the first point of each distinct failure value.
        var x: [Double] = [0], y: [Double] = [0]
        var seen: Set<Double> = [0]
        var seenNaN = false
        for (t, s) in zip(times, survival) {
            let failure = 1 - s
            if failure.isNaN {
                if seenNaN { continue }
                seenNaN = true
            } else if seen.contains(failure) {
                continue
            } else {
                seen.insert(failure)
            }
            x.append(t)
            y.append(failure)
        }
        guard let largest = y.filter({ !$0.isNaN }).max(), largest >= p else { return .nan }
        let lastTime = times.last ?? 0
        func firstIndex(shift: Double) -> Int? {
            y.indices.first { !y[$0].isNaN && y[$0] + shift >= p }
        }
        // The first point within tolerance above p, and the first clearly above it.
        guard let first = firstIndex(shift: tolerance) else { return .nan }
        if let last = y.last, !last.isNaN, abs(p - last) < tolerance {
            return (x[first] + lastTime) / 2
        }
        guard let second = firstIndex(shift: -tolerance) else { return .nan }
        return (x[first] + x[second]) / 2
    }
}
