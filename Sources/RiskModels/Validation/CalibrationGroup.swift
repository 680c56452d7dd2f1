/// One group of a calibration table: people whose predicted risk lies in one decile band.
public struct CalibrationGroup: Hashable, Sendable {
    /// The lowest predicted risk in the band's definition (its lower quantile).
    public let lowerBound: Double
    /// The highest predicted risk in the band's definition (its upper quantile).
    public let upperBound: Double
    /// The number of people in the group.
    public let count: Int
    /// The number of them with the event.
    public let events: Int
    /// Their mean predicted risk.
    public let meanPredicted: Double

    /// The observed event rate, events ÷ count.
    public var observedRate: Double { Double(events) / Double(count) }
}

extension CalibrationGroup {
    /// The calibration table by quantile group of predicted risk: cut-points at the
    /// `groups`-quantiles of the predictions (R's type 7), repeated cut-points merged, each
    /// group closed on the right and the first also on the left; empty groups are left out.
    /// Agrees with R's `cut(p, unique(quantile(p, 0:10/10)), include.lowest = TRUE)`.
    ///
    /// - Parameters:
    ///   - outcome: 0 or 1 per person.
    ///   - predictions: One predicted risk per person, finite.
    ///   - groups: The number of quantile groups; 10 for deciles.
    /// - Returns: The groups from the lowest predicted risk up.
    /// - Complexity: O(n log n).
    static func table(outcome: [Double], predictions: [Double], groups: Int) -> [CalibrationGroup] {
        let sorted = predictions.sorted()
        let n = sorted.count
        var cuts: [Double] = []
        for k in 0 ... groups {
            let position = Double(n - 1) * Double(k) / Double(groups)
            let low = Int(position.rounded(.down)), high = min(low + 1, n - 1)
            let value = sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
            if cuts.last != value { cuts.append(value) }
        }
        if cuts.count == 1 { cuts.append(cuts[0]) }
        let bands = cuts.count - 1
        var counts = [Int](repeating: 0, count: bands), events = counts
        var sums = [Double](repeating: 0, count: bands)
        for (p, y) in zip(predictions, outcome) {
            // The first band whose upper cut-point is at or above p.
            var low = 0, high = bands - 1
            while low < high {
                let middle = (low + high) / 2
                if cuts[middle + 1] >= p { high = middle } else { low = middle + 1 }
            }
            counts[low] += 1; sums[low] += p
            if y == 1 { events[low] += 1 }
        }
        return (0 ..< bands).filter { counts[$0] > 0 }.map { b in
            CalibrationGroup(lowerBound: cuts[b], upperBound: cuts[b + 1], count: counts[b], events: events[b],
                             meanPredicted: sums[b] / Double(counts[b]))
        }
    }
}
