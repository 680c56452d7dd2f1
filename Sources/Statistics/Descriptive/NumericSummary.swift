/// A summary of a sample of numbers: count, missing values, moments, order statistics and a
/// confidence interval for the mean.
///
/// Missing values (NaN) are counted and left out; infinities are counted as non-finite and also
/// left out, so every statistic describes the finite values alone.
public struct NumericSummary: Sendable, Equatable {
    /// The number of finite values the statistics describe.
    public let count: Int
    /// The number of missing (NaN) values left out.
    public let missingCount: Int
    /// The number of infinite values left out.
    public let nonFiniteCount: Int
    /// The arithmetic mean, or NaN when there are no values.
    public let mean: Double
    /// The sample standard deviation (divisor n - 1), or NaN with fewer than two values.
    public let standardDeviation: Double
    /// The smallest value, or NaN when there are no values.
    public let minimum: Double
    /// The first quartile, median and third quartile (R's default type 7 quantiles).
    public let quartiles: (lower: Double, median: Double, upper: Double)
    /// The largest value, or NaN when there are no values.
    public let maximum: Double
    /// The confidence level of `meanInterval`.
    public let confidenceLevel: Double
    /// The Student t confidence interval for the mean, NaN bounds with fewer than two values.
    public let meanInterval: (lower: Double, upper: Double)

    /// Summarises a sample.
    ///
    /// - Parameters:
    ///   - values: The sample; NaN marks a missing value.
    ///   - confidenceLevel: The level of the interval for the mean, strictly between 0 and 1
    ///     (default 0.95); other values trap.
    /// - Complexity: O(n log n), for the sort behind the quartiles.
    public init(_ values: some Collection<Double>, confidenceLevel: Double = 0.95) {
        precondition(confidenceLevel > 0 && confidenceLevel < 1,
                     "confidence level must lie strictly between 0 and 1, not \(confidenceLevel)")
        var finite: [Double] = []
        finite.reserveCapacity(values.count)
        var missing = 0, nonFinite = 0
        for value in values {
            if value.isNaN { missing += 1 } else if value.isInfinite { nonFinite += 1 } else { finite.append(value) }
        }
        finite.sort()
        let n = finite.count
        self.count = n
        self.missingCount = missing
        self.nonFiniteCount = nonFinite
        self.confidenceLevel = confidenceLevel
        guard n > 0 else {
            (mean, standardDeviation, minimum, maximum) = (.nan, .nan, .nan, .nan)
            quartiles = (.nan, .nan, .nan)
            meanInterval = (.nan, .nan)
            return
        }
        // Two passes: the mean first, then squared deviations from it, which keeps the variance
        // accurate when the mean is large relative to the spread.
        let mean = finite.reduce(0, +) / Double(n)
        let sumOfSquares = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let standardDeviation = n > 1 ? (sumOfSquares / Double(n - 1)).squareRoot() : .nan
        self.mean = mean
        self.standardDeviation = standardDeviation
        minimum = finite[0]
        maximum = finite[n - 1]
        quartiles = (Self.sortedQuantile(finite, 0.25), Self.sortedQuantile(finite, 0.5),
                     Self.sortedQuantile(finite, 0.75))
        if n > 1 {
            let t = StudentT(degreesOfFreedom: Double(n - 1)).quantile((1 + confidenceLevel) / 2)
            let halfWidth = t * standardDeviation / Double(n).squareRoot()
            meanInterval = (mean - halfWidth, mean + halfWidth)
        } else {
            meanInterval = (.nan, .nan)
        }
    }

    /// R's type 7 quantile of sorted values: linear interpolation between order statistics at
    /// position 1 + (n - 1)p, weighted as R weights them so the result matches R to the last bit.
    static func sortedQuantile(_ sorted: [Double], _ probability: Double) -> Double {
        let position = Double(sorted.count - 1) * probability
        let below = Int(position.rounded(.down))
        let fraction = position - Double(below)
        guard fraction > 0, sorted[below + 1] != sorted[below] else { return sorted[below] }
        return (1 - fraction) * sorted[below] + fraction * sorted[below + 1]
    }

    public static func == (lhs: NumericSummary, rhs: NumericSummary) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return lhs.count == rhs.count && lhs.missingCount == rhs.missingCount
            && lhs.nonFiniteCount == rhs.nonFiniteCount && same(lhs.mean, rhs.mean)
            && same(lhs.standardDeviation, rhs.standardDeviation) && same(lhs.minimum, rhs.minimum)
            && same(lhs.quartiles.lower, rhs.quartiles.lower) && same(lhs.quartiles.median, rhs.quartiles.median)
            && same(lhs.quartiles.upper, rhs.quartiles.upper) && same(lhs.maximum, rhs.maximum)
            && lhs.confidenceLevel == rhs.confidenceLevel
            && same(lhs.meanInterval.lower, rhs.meanInterval.lower) && same(lhs.meanInterval.upper, rhs.meanInterval.upper)
    }
}
