import Statistics

/// The log-rank test that several groups have the same hazard: observed against expected
/// events per group, and the k-sample chi-square on k − 1 degrees of freedom; with strata, the
/// observed, expected and variance are summed over strata before the test.
///
/// Agrees with R survival's `survdiff(Surv(time, event) ~ group + strata(block))` (`rho = 0`):
/// groups with no expected events are left out of the test and the degrees of freedom. With entry
/// times (delayed entry) a person is in the risk set at t only when entry < t ≤ time; `survdiff`
/// refuses such data, and the test then equals the score test of `coxph(Surv(entry, time, event)
/// ~ group)` when no event times are tied (with ties it keeps the log-rank's hypergeometric
/// variance).
public struct LogRankTest: Sendable, Hashable {
    /// The groups' names, in the order given.
    public let groups: [String]
    /// People per group.
    public let counts: [Int]
    /// Observed events per group.
    public let observed: [Double]
    /// Expected events per group under equal hazards.
    public let expected: [Double]
    /// The covariance of observed − expected (k × k, row-major).
    public let variance: [Double]
    /// The chi-square statistic.
    public let statistic: Double
    /// Its degrees of freedom: the number of groups with expected events, less one.
    public let degreesOfFreedom: Int
    /// The upper-tail p-value (NaN with fewer than two groups with expected events).
    public let pValue: Double

    /// Tests equal hazards across groups.
    ///
    /// - Parameters:
    ///   - groups: The groups' names; `group` numbers into this.
    ///   - times: Follow-up times.
    ///   - events: Whether each person had the event.
    ///   - group: Each person's group, in `0..<groups.count`.
    ///   - strata: Each person's stratum (any integers), or `nil` for one stratum.
    ///   - entryTimes: Each person's entry into follow-up, below their time, or `nil` (default).
    /// - Precondition: the arrays have equal lengths and groups are in range.
    /// - Complexity: O(n log n + T k²) for T distinct event times.
    public init(groups: [String], times: [Double], events: [Bool], group: [Int], strata: [Int]? = nil, entryTimes: [Double]? = nil) {
        let k = groups.count, n = times.count
        precondition(events.count == n && group.count == n && (strata?.count ?? n) == n && (entryTimes?.count ?? n) == n,
                     "log-rank inputs must have equal lengths")
        var counts = [Int](repeating: 0, count: k)
        for g in group { counts[g] += 1 }
        var observed = [Double](repeating: 0, count: k), expected = observed
        var variance = [Double](repeating: 0, count: k * k)
        let stratumOf = strata ?? [Int](repeating: 0, count: n)
        // Sort by stratum then time descending, so risk sets are built by adding people.
        let order = (0 ..< n).sorted {
            stratumOf[$0] != stratumOf[$1] ? stratumOf[$0] < stratumOf[$1] : times[$0] > times[$1]
        }
        // With entry times: people by stratum then entry descending, taken out of the risk set
        // once the time reaches their entry.
        let leavingOrder = entryTimes.map { entry in
            (0 ..< n).sorted { stratumOf[$0] != stratumOf[$1] ? stratumOf[$0] < stratumOf[$1] : entry[$0] > entry[$1] }
        } ?? []
        var leaving = 0
        var atRisk = [Double](repeating: 0, count: k), deaths = [Double](repeating: 0, count: k)
        var index = 0
        while index < n {
            let s = stratumOf[order[index]]
            for g in 0 ..< k { atRisk[g] = 0 }
            while index < n && stratumOf[order[index]] == s {
                let t = times[order[index]]
                for g in 0 ..< k { deaths[g] = 0 }
                while index < n && stratumOf[order[index]] == s && times[order[index]] == t {
                    let person = order[index]
                    atRisk[group[person]] += 1
                    if events[person] { deaths[group[person]] += 1 }
                    index += 1
                }
                if let entryTimes {
                    while leaving < n && stratumOf[leavingOrder[leaving]] < s { leaving += 1 }
                    while leaving < n && stratumOf[leavingOrder[leaving]] == s && entryTimes[leavingOrder[leaving]] >= t {
                        atRisk[group[leavingOrder[leaving]]] -= 1
                        leaving += 1
                    }
                }
                let d = deaths.reduce(0, +)
                guard d > 0 else { continue }
                let total = atRisk.reduce(0, +)
                let factor = total > 1 ? d * (total - d) / (total * (total - 1)) : 0
                for g in 0 ..< k {
                    observed[g] += deaths[g]
                    expected[g] += d * atRisk[g] / total
                    guard factor > 0 else { continue }
                    for h in 0 ..< k {
                        let delta: Double = g == h ? 1 : 0
                        variance[g * k + h] += factor * atRisk[g] * (delta * total - atRisk[h]) / total
                    }
                }
            }
        }
        self.groups = groups
        self.counts = counts
        self.observed = observed
        self.expected = expected
        self.variance = variance
        let tested = (0 ..< k).filter { expected[$0] > 0 }
        degreesOfFreedom = tested.count - 1
        if tested.count < 2 {
            statistic = 0
            pValue = .nan
        } else {
            let kept = Array(tested.dropFirst())
            let m = kept.count
            let difference = kept.map { observed[$0] - expected[$0] }
            var v = [Double](repeating: 0, count: m * m)
            for (a, g) in kept.enumerated() { for (b, h) in kept.enumerated() { v[a * m + b] = variance[g * k + h] } }
            let solution = SymmetricLDL(v, order: m).solve(difference)
            statistic = zip(solution, difference).reduce(0) { $0 + $1.0 * $1.1 }
            pValue = ChiSquared(degreesOfFreedom: Double(degreesOfFreedom)).survival(statistic)
        }
    }
}
