import Statistics
import TrialAnalysis

/// The result of ``SurvivalEffectModel/fit(_:)``: Kaplan-Meier curves, log-rank tests, hazard
/// ratios against control and the test of proportional hazards.
public struct SurvivalEffects: Sendable {
    /// The numbers at risk per arm at chosen times.
    public struct RiskTable: Sendable, Hashable {
        /// The times.
        public let times: [Double]
        /// Per arm (control first), the number at risk at each time.
        public let atRisk: [[Int]]
    }

    /// The specification that was fitted.
    public let specification: SurvivalEffectModel
    /// The arms' names, control first.
    public let arms: [String]
    /// People per arm, control first.
    public let armCounts: [Int]
    /// Events per arm, control first.
    public let armEvents: [Int]
    /// Complete rows analysed.
    public let observationCount: Int
    /// Rows dropped for missing values.
    public let droppedCount: Int
    /// The number of clusters, or `nil` without clusters.
    public let clusterCount: Int?
    /// Stated warnings about the data, each with the number of rows affected.
    public let notes: [String]
    /// One Kaplan-Meier curve per arm, control first.
    public let curves: [KaplanMeierCurve]
    /// With strata: per stratum, its name and one curve per arm with people in it.
    public let stratumCurves: [(stratum: String, curves: [KaplanMeierCurve])]
    /// The numbers at risk per arm.
    public let riskTable: RiskTable
    /// The log-rank test across all arms (stratified with strata).
    public let logRank: LogRankTest
    /// The log-rank test of each intervention arm against control, in arm order.
    public let pairwiseLogRank: [LogRankTest]
    /// Each intervention arm's hazard ratio against control, in arm order.
    public let hazardRatios: [HazardRatio]
    /// The Cox model, or `nil` when no arm's hazard ratio is estimable.
    public let cox: CoxProportionalHazards?
    /// The Wald test that every estimable arm's hazard ratio is 1, with the model's variance.
    public let armTest: ChiSquareTest?
    /// The test of proportional hazards, or `nil` without a Cox model.
    public let proportionalHazards: ProportionalHazardsTest?

    init(model: SurvivalEffectModel, sample: SurvivalSample) throws {
        let k = sample.armNames.count
        specification = model
        arms = sample.armNames
        var counts = [Int](repeating: 0, count: k), events = counts
        for (a, e) in zip(sample.arm, sample.event) { counts[a] += 1; if e { events[a] += 1 } }
        armCounts = counts
        armEvents = events
        observationCount = sample.count
        droppedCount = sample.droppedCount
        clusterCount = sample.clusterCount
        var notes = sample.notes
        if let weights = model.weights {
            notes.append("weights '\(weights)' are used by the Cox model only; the Kaplan-Meier curves and log-rank tests are unweighted")
        }

        func curve(_ name: String, _ rows: [Int]) -> KaplanMeierCurve {
            KaplanMeierCurve(group: name, times: rows.map { sample.time[$0] }, events: rows.map { sample.event[$0] },
                             entryTimes: sample.entry.map { entry in rows.map { entry[$0] } }, confidenceLevel: model.confidenceLevel, transform: model.band)
        }
        let rowsByArm = (0 ..< k).map { a in sample.arm.indices.filter { sample.arm[$0] == a } }
        curves = (0 ..< k).map { curve(sample.armNames[$0], rowsByArm[$0]) }
        if let stratum = sample.stratum {
            stratumCurves = sample.strataNames.enumerated().map { s, name in
                (name, (0 ..< k).compactMap { a -> KaplanMeierCurve? in
                    let rows = rowsByArm[a].filter { stratum[$0] == s }
                    return rows.isEmpty ? nil : curve(sample.armNames[a], rows)
                })
            }
        } else {
            stratumCurves = []
        }
        let longest = sample.time.max() ?? 0
        let times = model.riskTimes.isEmpty
            ? KaplanMeierPlot.ticks(upTo: longest > 0 ? longest : 1).filter { $0 <= longest } : model.riskTimes.sorted()
        riskTable = RiskTable(times: times, atRisk: curves.map { c in times.map { c.atRisk(at: $0) } })

        logRank = LogRankTest(groups: sample.armNames, times: sample.time, events: sample.event,
                              group: sample.arm, strata: sample.stratum, entryTimes: sample.entry)
        pairwiseLogRank = (1 ..< k).map { a in
            let rows = sample.arm.indices.filter { sample.arm[$0] == 0 || sample.arm[$0] == a }
            return LogRankTest(groups: [sample.armNames[0], sample.armNames[a]], times: rows.map { sample.time[$0] },
                               events: rows.map { sample.event[$0] }, group: rows.map { sample.arm[$0] == 0 ? 0 : 1 },
                               strata: sample.stratum.map { s in rows.map { s[$0] } },
                               entryTimes: sample.entry.map { entry in rows.map { entry[$0] } })
        }

        // Arms without events have an infinite log hazard ratio: leave their people out of the Cox model.
        let estimableArms = (1 ..< k).filter { events[$0] > 0 }
        var reasons = [String?](repeating: nil, count: k)
        if events[0] == 0 {
            for a in 1 ..< k { reasons[a] = "control '\(sample.armNames[0])' has no events, so no hazard ratio against it is finite" }
        } else {
            for a in 1 ..< k where events[a] == 0 {
                reasons[a] = "the arm has no events, so its hazard ratio is 0 and its log is not finite; its people are left out of the Cox model"
            }
        }
        let coxArms = events[0] == 0 ? [] : estimableArms
        if !coxArms.isEmpty {
            let left = (1 ..< k).filter { !coxArms.contains($0) }
            if !left.isEmpty {
                notes.append("Cox model: arms with no events (\(left.map { sample.armNames[$0] }.joined(separator: ", "))) left out")
            }
            let rows = sample.arm.indices.filter { sample.arm[$0] == 0 || coxArms.contains(sample.arm[$0]) }
            var columns = coxArms.map { a in rows.map { sample.arm[$0] == a ? 1.0 : 0.0 } }
            columns += sample.covariates.map { column in rows.map { column[$0] } }
            let names = coxArms.map { model.arm + sample.armNames[$0] } + model.covariates
            let fit = try CoxProportionalHazards(
                times: rows.map { sample.time[$0] }, entryTimes: sample.entry.map { entry in rows.map { entry[$0] } },
                events: rows.map { sample.event[$0] }, covariates: columns, columnNames: names,
                weights: sample.weights.map { w in rows.map { w[$0] } }, strata: sample.stratum.map { s in rows.map { s[$0] } },
                clusters: sample.cluster.map { c in rows.map { c[$0] } }, ties: model.ties, variance: model.resolvedVariance)
            let errors = fit.standardErrors
            let armColumns = Array(0 ..< coxArms.count)
            let holm = holmAdjusted(armColumns.map { j in 2 * Normal.standard.survival(abs(fit.coefficients[j] / errors[j])) })
            hazardRatios = (1 ..< k).map { a in
                if let j = coxArms.firstIndex(of: a) {
                    return HazardRatio(arm: sample.armNames[a], count: counts[a], eventCount: events[a],
                                       estimate: fit.coefficients[j], standardError: errors[j],
                                       level: model.confidenceLevel, holmPValue: holm[j])
                }
                return HazardRatio(arm: sample.armNames[a], count: counts[a], eventCount: events[a], notEstimable: reasons[a]!)
            }
            let p = fit.coefficients.count
            var armCovariance = [Double](repeating: 0, count: coxArms.count * coxArms.count)
            for i in armColumns { for j in armColumns { armCovariance[i * coxArms.count + j] = fit.covariance[i * p + j] } }
            armTest = ChiSquareTest.wald(Array(fit.coefficients.prefix(coxArms.count)), covariance: armCovariance)
            let terms = [(name: model.arm, columns: armColumns)]
                + model.covariates.enumerated().map { (name: $1, columns: [coxArms.count + $0]) }
            proportionalHazards = ProportionalHazardsTest(model: fit, terms: terms, transform: model.proportionalHazardsTransform)
            cox = fit
        } else {
            hazardRatios = (1 ..< k).map { a in
                HazardRatio(arm: sample.armNames[a], count: counts[a], eventCount: events[a],
                            notEstimable: reasons[a] ?? "no arm has events")
            }
            armTest = nil
            proportionalHazards = nil
            cox = nil
        }
        self.notes = notes
    }
}
