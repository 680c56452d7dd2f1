import TrialAnalysis

/// The JSON form of ``SurvivalEffects``: what `prevent analyse --family survival --format json`
/// prints.
///
/// Keys are snake_case, in the shape of the outcome analysis report (`estimates` holds one
/// object per intervention arm, with `estimate`, `std_error`, `statistic`, `p_value`,
/// `conf_low`, `conf_high` and `p_value_holm`); here the estimate is the log hazard ratio and
/// `hazard_ratio`, `conf_low` and `conf_high` are on the hazard-ratio scale. Non-finite numbers
/// and tests that could not be computed are `null`.
public struct SurvivalReport: Encodable, Sendable {
    struct Test: Encodable, Sendable {
        let statistic: JSONNumber
        let df: Int
        let pValue: JSONNumber
        enum CodingKeys: String, CodingKey { case statistic, df, pValue = "p_value" }
        init(_ test: ChiSquareTest) {
            statistic = JSONNumber(test.statistic)
            df = test.degreesOfFreedom
            pValue = JSONNumber(test.pValue)
        }
    }

    struct Arm: Encodable, Sendable {
        let arm: String
        let n: Int
        let events: Int
        let median: JSONNumber
        let medianConfLow: JSONNumber
        let medianConfHigh: JSONNumber
        let atRisk: [Int]
        enum CodingKeys: String, CodingKey {
            case arm, n, events, median
            case medianConfLow = "median_conf_low", medianConfHigh = "median_conf_high", atRisk = "at_risk"
        }
    }

    struct Estimate: Encodable, Sendable {
        let arm: String
        let n: Int
        let events: Int
        let estimate: JSONNumber
        let hazardRatio: JSONNumber
        let stdError: JSONNumber
        let statistic: JSONNumber
        let pValue: JSONNumber
        let confLow: JSONNumber
        let confHigh: JSONNumber
        let pValueHolm: JSONNumber
        let logrank: Test
        let notEstimable: String?
        enum CodingKeys: String, CodingKey {
            case arm, n, events, estimate, statistic, logrank
            case hazardRatio = "hazard_ratio", stdError = "std_error", pValue = "p_value", confLow = "conf_low"
            case confHigh = "conf_high", pValueHolm = "p_value_holm", notEstimable = "not_estimable"
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(arm, forKey: .arm); try c.encode(n, forKey: .n); try c.encode(events, forKey: .events)
            try c.encode(estimate, forKey: .estimate); try c.encode(hazardRatio, forKey: .hazardRatio)
            try c.encode(stdError, forKey: .stdError); try c.encode(statistic, forKey: .statistic)
            try c.encode(pValue, forKey: .pValue); try c.encode(confLow, forKey: .confLow)
            try c.encode(confHigh, forKey: .confHigh); try c.encode(pValueHolm, forKey: .pValueHolm)
            try c.encode(logrank, forKey: .logrank); try c.encode(notEstimable, forKey: .notEstimable)
        }
    }

    struct ProportionalHazardsRow: Encodable, Sendable {
        let term: String
        let statistic: JSONNumber
        let df: Int
        let pValue: JSONNumber
        enum CodingKeys: String, CodingKey { case term, statistic, df, pValue = "p_value" }
    }

    let outcome: String
    let armColumn: String
    let control: String
    let n: Int
    let nDropped: Int
    let nClusters: Int?
    let strata: String?
    let covariates: [String]
    let ties: String
    let seType: String
    let confType: String
    let level: JSONNumber
    let riskTimes: [JSONNumber]
    let arms: [Arm]
    let estimates: [Estimate]
    let logrank: Test
    let armTest: Test?
    let likelihoodRatioTest: Test?
    let waldTest: Test?
    let scoreTest: Test?
    let robustScoreTest: Test?
    let proportionalHazards: [ProportionalHazardsRow]
    let notes: [String]

    enum CodingKeys: String, CodingKey {
        case outcome, control, n, strata, covariates, ties, level, arms, estimates, logrank, notes
        case armColumn = "arm_column", nDropped = "n_dropped", nClusters = "n_clusters", seType = "se_type"
        case confType = "conf_type", riskTimes = "risk_times", armTest = "arm_test"
        case likelihoodRatioTest = "likelihood_ratio_test", waldTest = "wald_test", scoreTest = "score_test"
        case robustScoreTest = "robust_score_test", proportionalHazards = "proportional_hazards"
    }

    /// The report of a fitted analysis.
    public init(_ effects: SurvivalEffects) {
        let model = effects.specification
        outcome = model.outcome.name
        armColumn = model.arm
        control = effects.arms[0]
        n = effects.observationCount
        nDropped = effects.droppedCount
        nClusters = effects.clusterCount
        strata = model.strata
        covariates = model.covariates
        ties = model.ties.rawValue
        seType = model.resolvedVariance.rawValue
        confType = model.band.rawValue
        level = JSONNumber(model.confidenceLevel)
        riskTimes = effects.riskTable.times.map(JSONNumber.init)
        arms = effects.curves.enumerated().map { a, curve in
            Arm(arm: curve.group, n: curve.count, events: curve.eventCount, median: JSONNumber(curve.median.estimate),
                medianConfLow: JSONNumber(curve.median.lower), medianConfHigh: JSONNumber(curve.median.upper),
                atRisk: effects.riskTable.atRisk[a])
        }
        estimates = effects.hazardRatios.enumerated().map { a, ratio in
            Estimate(arm: ratio.arm, n: ratio.count, events: ratio.eventCount,
                     estimate: JSONNumber(ratio.logHazardRatio), hazardRatio: JSONNumber(ratio.hazardRatio),
                     stdError: JSONNumber(ratio.standardError), statistic: JSONNumber(ratio.statistic),
                     pValue: JSONNumber(ratio.pValue), confLow: JSONNumber(ratio.lowerBound),
                     confHigh: JSONNumber(ratio.upperBound), pValueHolm: JSONNumber(ratio.holmPValue),
                     logrank: Test(ChiSquareTest(statistic: effects.pairwiseLogRank[a].statistic,
                                                 degreesOfFreedom: effects.pairwiseLogRank[a].degreesOfFreedom)),
                     notEstimable: ratio.notEstimableReason)
        }
        logrank = Test(ChiSquareTest(statistic: effects.logRank.statistic, degreesOfFreedom: effects.logRank.degreesOfFreedom))
        armTest = effects.armTest.map(Test.init)
        likelihoodRatioTest = effects.cox.map { Test($0.likelihoodRatioTest) }
        waldTest = effects.cox.map { Test($0.waldTest) }
        scoreTest = effects.cox.map { Test($0.scoreTest) }
        robustScoreTest = effects.cox?.robustScoreTest.map(Test.init)
        proportionalHazards = effects.proportionalHazards?.rows.map {
            ProportionalHazardsRow(term: $0.term, statistic: JSONNumber($0.test.statistic),
                                   df: $0.test.degreesOfFreedom, pValue: JSONNumber($0.test.pValue))
        } ?? []
        notes = effects.notes
    }

    /// Encodes every key, writing `null` for absent values (the synthesised conformance would
    /// leave the keys out).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome, forKey: .outcome); try c.encode(armColumn, forKey: .armColumn)
        try c.encode(control, forKey: .control); try c.encode(n, forKey: .n)
        try c.encode(nDropped, forKey: .nDropped); try c.encode(nClusters, forKey: .nClusters)
        try c.encode(strata, forKey: .strata); try c.encode(covariates, forKey: .covariates)
        try c.encode(ties, forKey: .ties); try c.encode(seType, forKey: .seType)
        try c.encode(confType, forKey: .confType); try c.encode(level, forKey: .level)
        try c.encode(riskTimes, forKey: .riskTimes); try c.encode(arms, forKey: .arms)
        try c.encode(estimates, forKey: .estimates); try c.encode(logrank, forKey: .logrank)
        try c.encode(armTest, forKey: .armTest); try c.encode(likelihoodRatioTest, forKey: .likelihoodRatioTest)
        try c.encode(waldTest, forKey: .waldTest); try c.encode(scoreTest, forKey: .scoreTest)
        try c.encode(robustScoreTest, forKey: .robustScoreTest)
        try c.encode(proportionalHazards, forKey: .proportionalHazards); try c.encode(notes, forKey: .notes)
    }
}
