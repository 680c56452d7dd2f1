import Foundation

/// The test of proportional hazards from Schoenfeld residuals: for each term, and globally, the
/// score test that the term's log hazard ratio changes linearly in a transform g(t) of time.
///
/// This is the test of R survival's `cox.zph` (version 3, `transform = "km"` by default): at the
/// fitted β, the score and information of the model extended by x·g(t) give, for a term with
/// columns J, the statistic uᴶᵀ (I⁻¹)ᴶᴶ uᴶ on |J| degrees of freedom. With the "km" transform,
/// g(t) = 1 − KM(t−) from the pooled Kaplan-Meier curve, centred at its mean over the events.
public struct ProportionalHazardsTest: Sendable, Hashable {
    /// The time transform.
    public enum TimeTransform: String, Sendable, Hashable, CaseIterable {
        /// 1 − the pooled Kaplan-Meier estimate just before t (the default).
        case km
        /// The rank of t among all follow-up times (average ranks for ties).
        case rank
        /// t itself.
        case identity
        /// log t (undefined for t = 0).
        case log
    }

    /// One row: a term (a group of columns) or the global test.
    public struct Row: Sendable, Hashable {
        /// The term's name, or `GLOBAL`.
        public let term: String
        /// The test.
        public let test: ChiSquareTest
    }

    /// The transform used.
    public let transform: TimeTransform
    /// One row per term, then the global row.
    public let rows: [Row]

    /// Tests proportional hazards for a fitted model.
    ///
    /// - Parameters:
    ///   - model: The fitted Cox model.
    ///   - terms: Each term's name and its columns in the model (every column in exactly one).
    ///   - transform: Default ``TimeTransform/km``.
    /// - Complexity: O(n log n + n p²).
    public init(model: CoxProportionalHazards, terms: [(name: String, columns: [Int])], transform: TimeTransform = .km) {
        let sets = model.riskSets
        let p = model.coefficients.count
        let transformed = Self.transformedTimes(sets, transform: transform)
        var eventSum = 0.0, eventCount = 0
        for i in 0 ..< sets.count where sets.event[i] { eventSum += transformed[i]; eventCount += 1 }
        let mean = eventSum / Double(max(eventCount, 1))
        let g = transformed.map { $0 - mean }
        let extended = sets.derivatives(model.internalCoefficients, timeWeights: g)
        let q = 2 * p

        func statistic(_ extra: [Int]) -> ChiSquareTest {
            let kept = Array(0 ..< p) + extra.map { p + $0 }
            let m = kept.count
            var matrix = [Double](repeating: 0, count: m * m)
            for (a, i) in kept.enumerated() { for (b, j) in kept.enumerated() { matrix[a * m + b] = extended.information[i * q + j] } }
            let u = [Double](repeating: 0, count: p) + extra.map { extended.score[p + $0] }
            let solution = SymmetricLDL(matrix, order: m).solve(u)
            return ChiSquareTest(statistic: zip(solution, u).reduce(0) { $0 + $1.0 * $1.1 }, degreesOfFreedom: extra.count)
        }
        rows = terms.map { Row(term: $0.name, test: statistic($0.columns)) }
            + [Row(term: "GLOBAL", test: statistic(Array(0 ..< p)))]
        self.transform = transform
    }

    /// g(t) for each sorted person before centring.
    private static func transformedTimes(_ sets: CoxRiskSets, transform: TimeTransform) -> [Double] {
        switch transform {
        case .identity:
            return sets.time
        case .log:
            return sets.time.map { Foundation.log($0) }
        case .rank:
            let order = sets.time.indices.sorted { sets.time[$0] < sets.time[$1] }
            var ranks = [Double](repeating: 0, count: sets.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && sets.time[order[j + 1]] == sets.time[order[i]] { j += 1 }
                let average = Double(i + j + 2) / 2
                for k in i ... j { ranks[order[k]] = average }
                i = j + 1
            }
            return ranks
        case .km:
            if let entry = sets.entry { return oneMinusSurvivalBefore(exit: sets.time, entry: entry, event: sets.event) }
            // The pooled curve ignores strata, as cox.zph does; S(t−) is the value before t.
            let curve = KaplanMeierCurve(group: "all", times: sets.time, events: sets.event)
            var before = [Double: Double]()
            var previous = 1.0
            for step in curve.steps {
                before[step.time] = previous
                previous = step.survival
            }
            return sets.time.map { 1 - before[$0]! }
        }
    }

    /// 1 − S(t−) at each row's exit time t from the pooled, unweighted Kaplan-Meier curve of
    /// counting-process data, whose risk set at t holds the rows with entry < t ≤ exit (as
    /// R survival's `survfitKM` on `Surv(start, stop, event)`).
    private static func oneMinusSurvivalBefore(exit: [Double], entry: [Double], event: [Bool]) -> [Double] {
        let exits = exit.sorted(), entries = entry.sorted()
        var deaths: [Double: Int] = [:]
        for (t, e) in zip(exit, event) where e { deaths[t, default: 0] += 1 }
        var survivalAfter: [(time: Double, survival: Double)] = []
        var survival = 1.0
        for t in deaths.keys.sorted() {
            // At risk: exit ≥ t minus entry ≥ t (a row with entry ≥ t has exit > t too).
            let atRisk = (exits.count - lowerBound(exits, t)) - (entries.count - lowerBound(entries, t))
            survival *= 1 - Double(deaths[t]!) / Double(atRisk)
            survivalAfter.append((t, survival))
        }
        let times = survivalAfter.map(\.time)
        return exit.map { t in
            let before = lowerBound(times, t)
            return before == 0 ? 0 : 1 - survivalAfter[before - 1].survival
        }
    }

    /// The first index of sorted `values` not below `value`.
    private static func lowerBound(_ values: [Double], _ value: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
