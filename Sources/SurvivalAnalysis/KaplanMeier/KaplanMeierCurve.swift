import Foundation
import Statistics

/// The Kaplan-Meier estimate of the survival function (the share of people still free of the
/// event) of one group, with Greenwood standard errors and pointwise confidence limits.
///
/// There is one ``Step`` per distinct follow-up time, censoring times included, as R survival's
/// `survfit(Surv(time, event) ~ 1)` lists them. Survival, standard errors and limits agree with
/// `survfit` (`conf.type = "log"`, `"log-log"` or `"plain"`) and the median and its limits with
/// `quantile(fit, 0.5)`. With entry times (delayed entry) a person is in the risk set at t only
/// when entry < t ≤ time, as `survfit(Surv(entry, time, event) ~ 1)`.
public struct KaplanMeierCurve: Sendable, Hashable {
    /// The estimate at one distinct follow-up time.
    public struct Step: Sendable, Hashable {
        /// The time.
        public let time: Double
        /// People still followed just before `time` (the risk set).
        public let atRisk: Int
        /// Events at `time`.
        public let events: Int
        /// People censored at `time`.
        public let censored: Int
        /// The estimated share free of the event just after `time`.
        public let survival: Double
        /// Greenwood's standard error of log S(t): sqrt(Σ d / (n (n − d))) (`survfit`'s `std.err`).
        /// Infinite once everyone at risk has had the event.
        public let logStandardError: Double
        /// The lower confidence limit (NaN where the transform is undefined, as R gives `NA`).
        public let lower: Double
        /// The upper confidence limit.
        public let upper: Double

        /// Greenwood's standard error of S(t) itself.
        public var standardError: Double { logStandardError.isFinite ? survival * logStandardError : .nan }
    }

    /// The group's name (an arm, or an arm within a stratum).
    public let group: String
    /// The steps in increasing time.
    public let steps: [Step]
    /// The number of people in the group.
    public let count: Int
    /// The number of events in the group.
    public let eventCount: Int
    /// The confidence level of the limits.
    public let confidenceLevel: Double
    /// The transform the limits are symmetric on.
    public let transform: ConfidenceBandTransform
    /// The median time to the event and its confidence limits (NaN where the curve or the
    /// limit never falls to one half).
    public let median: MedianSurvival

    /// Estimates the curve of one group.
    ///
    /// - Parameters:
    ///   - group: The group's name for reports.
    ///   - times: Follow-up times (finite, not negative).
    ///   - events: Whether each person had the event at their time (else censored).
    ///   - entryTimes: Each person's entry into follow-up, below their time, or `nil` (default)
    ///     when everyone is followed from time zero.
    ///   - confidenceLevel: In (0, 1); default 0.95.
    ///   - transform: Default ``ConfidenceBandTransform/log`` (R survival's default).
    /// - Precondition: `times` and `events` have the same, nonzero length.
    /// - Complexity: O(n log n) for the sort.
    public init(group: String, times: [Double], events: [Bool], entryTimes: [Double]? = nil, confidenceLevel: Double = 0.95,
                transform: ConfidenceBandTransform = .log) {
        precondition(times.count == events.count && !times.isEmpty && (entryTimes?.count ?? times.count) == times.count,
                     "Kaplan-Meier needs one event flag (and entry) per time")
        let entries = (entryTimes ?? []).sorted()
        let order = times.indices.sorted { times[$0] < times[$1] }
        let z = Normal.standard.quantile(1 - (1 - confidenceLevel) / 2)
        var steps: [Step] = []
        var remaining = times.count, survival = 1.0, greenwood = 0.0
        var index = 0
        while index < order.count {
            let t = times[order[index]]
            // Not yet entered at t: entry ≥ t (their times are later, so they are in `remaining`).
            var notEntered = 0
            if !entries.isEmpty {
                var low = 0, high = entries.count
                while low < high {
                    let middle = (low + high) / 2
                    if entries[middle] < t { low = middle + 1 } else { high = middle }
                }
                notEntered = entries.count - low
            }
            let atRisk = remaining - notEntered
            var deaths = 0, censored = 0
            while index < order.count && times[order[index]] == t {
                if events[order[index]] { deaths += 1 } else { censored += 1 }
                index += 1
            }
            if deaths > 0 {
                survival *= Double(atRisk - deaths) / Double(atRisk)
                greenwood += atRisk > deaths
                    ? Double(deaths) / (Double(atRisk) * Double(atRisk - deaths)) : .infinity
            }
            let se = greenwood.squareRoot()
            let (lower, upper) = Self.limits(survival: survival, logStandardError: se, z: z, transform: transform)
            steps.append(Step(time: t, atRisk: atRisk, events: deaths, censored: censored, survival: survival,
                              logStandardError: se, lower: lower, upper: upper))
            remaining -= deaths + censored
        }
        self.group = group
        self.steps = steps
        self.count = times.count
        self.eventCount = events.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.confidenceLevel = confidenceLevel
        self.transform = transform
        self.median = MedianSurvival(steps: steps)
    }

    /// The estimated survival at `time` (1 before the first event).
    ///
    /// - Complexity: O(log steps).
    public func survival(at time: Double) -> Double {
        lastStep(atOrBefore: time).map { steps[$0].survival } ?? 1
    }

    /// The number of people still at risk at `time`: followed up to `time` or longer, as R's
    /// `summary(fit, times =)` counts them.
    ///
    /// - Complexity: O(log steps).
    public func atRisk(at time: Double) -> Int {
        // The first step at or after `time` has the risk set; after the last step nobody is left.
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid].time < time { low = mid + 1 } else { high = mid }
        }
        return low < steps.count ? steps[low].atRisk : 0
    }

    private func lastStep(atOrBefore time: Double) -> Int? {
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid].time <= time { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// Pointwise limits as R survival's `survfit_confint` computes them.
    static func limits(survival p: Double, logStandardError se: Double, z: Double,
                       transform: ConfidenceBandTransform) -> (Double, Double) {
        guard se.isFinite else { return (.nan, .nan) }
        switch transform {
        case .plain:
            let half = z * se * p
            return (max(p - half, 0), min(p + half, 1))
        case .log:
            guard p > 0 else { return (.nan, .nan) }
            return (exp(log(p) - z * se), min(exp(log(p) + z * se), 1))
        case .logLog:
            guard p > 0 && p < 1 else { return (.nan, .nan) }
            let shift = z * se / log(p)
            let centre = log(-log(p))
            return (exp(-exp(centre - shift)), exp(-exp(centre + shift)))
        }
    }
}
