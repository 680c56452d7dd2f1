/// The JSON form of an ``OutcomeEffects``, keys in snake_case as ``TrialAnalysis/ArmEffectsReport``.
///
/// ```json
/// {"outcome": "reoffended", "estimand": "odds-ratio", "family": "binomial", "link": "logit",
///  "n": 800, "n_dropped": 3, "se_type": "model", "theta": null,
///  "estimates": [{"arm": "police", "estimate": 0.71, "coefficient": -0.34, "std_error": 0.2, ...}],
///  "joint_test": {"statistic": 4.1, "df1": 3, "df2": null, "p_value": 0.25, "distribution": "chi-squared"}}
/// ```
///
/// `estimate`, `conf_low` and `conf_high` are on the reported scale (a ratio, or the risk
/// difference); `coefficient` and `std_error` on the regression's scale (the log ratio). Each
/// estimate also carries `p_value_dunnett`, `simultaneous_conf_low` and `simultaneous_conf_high`,
/// and the report a `dunnett` object (`critical_value`, `df`: `null` for the multivariate normal,
/// `method`); with a randomisation test each estimate gains `ri_p_value` (and `ri_conf_low`,
/// `ri_conf_high` with an interval) and the report an `ri` object.
/// Non-finite numbers and absent values are `null`.
public struct OutcomeEffectsReport: Encodable, Sendable {
    /// One intervention arm's row.
    public struct Estimate: Encodable, Sendable {
        let arm: String
        let n: Int
        let total: ReportNumber
        let estimate: ReportNumber
        let coefficient: ReportNumber
        let stdError: ReportNumber
        let statistic: ReportNumber
        let df: ReportNumber
        let pValue: ReportNumber
        let confLow: ReportNumber
        let confHigh: ReportNumber
        let pValueHolm: ReportNumber
        let pValueDunnett: ReportNumber
        let simultaneousConfLow: ReportNumber
        let simultaneousConfHigh: ReportNumber
        var riPValue: ReportNumber?
        var riConfLow: ReportNumber?
        var riConfHigh: ReportNumber?

        enum CodingKeys: String, CodingKey {
            case arm, n, total, estimate, coefficient, statistic, df
            case stdError = "std_error", pValue = "p_value", confLow = "conf_low", confHigh = "conf_high"
            case pValueHolm = "p_value_holm", pValueDunnett = "p_value_dunnett"
            case simultaneousConfLow = "simultaneous_conf_low", simultaneousConfHigh = "simultaneous_conf_high"
            case riPValue = "ri_p_value", riConfLow = "ri_conf_low", riConfHigh = "ri_conf_high"
        }
    }

    /// The joint Wald test.
    public struct JointTest: Encodable, Sendable {
        let statistic: ReportNumber
        let df1: ReportNumber
        let df2: ReportNumber
        let pValue: ReportNumber
        let distribution: String

        enum CodingKeys: String, CodingKey {
            case statistic, df1, df2, distribution
            case pValue = "p_value"
        }
    }

    let outcome: String
    let armColumn: String
    let control: String
    let nControl: Int
    let totalControl: ReportNumber
    let n: Int
    let nDropped: Int
    let nClusters: Int?
    let family: String
    let link: String
    let estimand: String
    let seType: String
    let adjustment: String
    let covariates: [String]
    let exposure: String?
    let level: ReportNumber
    let theta: ReportNumber
    let thetaStdError: ReportNumber
    let deviance: ReportNumber
    let aic: ReportNumber
    let pearsonDispersion: ReportNumber
    var estimates: [Estimate]
    let jointTest: JointTest?
    let dunnett: Dunnett
    let droppedColumns: [String]
    var randomisation: OutcomeRandomisationReport.JSON?

    /// Dunnett's adjustment: its critical value, the degrees of freedom (`null`: multivariate
    /// normal) and the method.
    public struct Dunnett: Encodable, Sendable {
        let criticalValue: ReportNumber
        let df: ReportNumber
        let method: String?

        enum CodingKeys: String, CodingKey {
            case df, method
            case criticalValue = "critical_value"
        }

        /// Encodes every key, `null` where absent.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(criticalValue, forKey: .criticalValue)
            try container.encode(df, forKey: .df)
            try container.encode(method, forKey: .method)
        }
    }

    enum CodingKeys: String, CodingKey {
        case outcome, control, n, family, link, estimand, adjustment, covariates, exposure, level, theta, deviance, aic
        case estimates, dunnett
        case randomisation = "ri"
        case armColumn = "arm_column", nControl = "n_control", totalControl = "total_control"
        case nDropped = "n_dropped", nClusters = "n_clusters", seType = "se_type", thetaStdError = "theta_std_error"
        case pearsonDispersion = "pearson_dispersion", jointTest = "joint_test", droppedColumns = "dropped_columns"
    }

    /// The report of a fitted analysis.
    public init(_ effects: OutcomeEffects) {
        let specification = effects.specification
        outcome = specification.outcome
        armColumn = specification.arm
        control = effects.control
        nControl = effects.controlCount
        totalControl = ReportNumber(effects.controlTotal)
        n = effects.observationCount
        nDropped = effects.droppedCount
        nClusters = effects.clusterCount
        family = effects.familyName
        link = effects.linkName
        estimand = effects.estimand.rawValue
        seType = effects.variance.rawValue
        adjustment = effects.adjustment
        covariates = specification.covariates
        exposure = specification.exposure
        level = ReportNumber(specification.confidenceLevel)
        theta = ReportNumber(effects.theta)
        thetaStdError = ReportNumber(effects.thetaStandardError)
        deviance = ReportNumber(effects.deviance)
        aic = ReportNumber(effects.aic)
        pearsonDispersion = ReportNumber(effects.pearsonDispersion)
        estimates = effects.effects.map { effect in
            Estimate(arm: effect.arm, n: effect.observationCount, total: ReportNumber(effect.outcomeTotal),
                     estimate: ReportNumber(effect.estimate), coefficient: ReportNumber(effect.coefficient),
                     stdError: ReportNumber(effect.standardError), statistic: ReportNumber(effect.statistic),
                     df: ReportNumber(effect.degreesOfFreedom), pValue: ReportNumber(effect.pValue),
                     confLow: ReportNumber(effect.lowerBound), confHigh: ReportNumber(effect.upperBound),
                     pValueHolm: ReportNumber(effect.holmPValue), pValueDunnett: ReportNumber(effect.dunnettPValue),
                     simultaneousConfLow: ReportNumber(effect.simultaneousLowerBound),
                     simultaneousConfHigh: ReportNumber(effect.simultaneousUpperBound))
        }
        jointTest = effects.jointTest.map { test in
            JointTest(statistic: ReportNumber(test.statistic), df1: ReportNumber(test.degreesOfFreedom),
                      df2: ReportNumber(test.denominatorDegreesOfFreedom), pValue: ReportNumber(test.pValue),
                      distribution: test.denominatorDegreesOfFreedom == nil ? "chi-squared" : "F")
        }
        droppedColumns = effects.droppedColumns
        let method: String? = switch effects.dunnett.method {
        case .oneFactor?: "one-factor"
        case .genzBretz?: "genz-bretz"
        case nil: nil
        }
        dunnett = Dunnett(criticalValue: ReportNumber(effects.dunnett.criticalValue),
                          df: ReportNumber(effects.dunnett.degreesOfFreedom), method: method)
    }

    /// Encodes every key, writing `null` for absent values (the synthesised conformance would
    /// leave the keys out).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(armColumn, forKey: .armColumn)
        try container.encode(control, forKey: .control)
        try container.encode(nControl, forKey: .nControl)
        try container.encode(totalControl, forKey: .totalControl)
        try container.encode(n, forKey: .n)
        try container.encode(nDropped, forKey: .nDropped)
        try container.encode(nClusters, forKey: .nClusters)
        try container.encode(family, forKey: .family)
        try container.encode(link, forKey: .link)
        try container.encode(estimand, forKey: .estimand)
        try container.encode(seType, forKey: .seType)
        try container.encode(adjustment, forKey: .adjustment)
        try container.encode(covariates, forKey: .covariates)
        try container.encode(exposure, forKey: .exposure)
        try container.encode(level, forKey: .level)
        try container.encode(theta, forKey: .theta)
        try container.encode(thetaStdError, forKey: .thetaStdError)
        try container.encode(deviance, forKey: .deviance)
        try container.encode(aic, forKey: .aic)
        try container.encode(pearsonDispersion, forKey: .pearsonDispersion)
        try container.encode(estimates, forKey: .estimates)
        try container.encode(jointTest, forKey: .jointTest)
        try container.encode(dunnett, forKey: .dunnett)
        try container.encode(droppedColumns, forKey: .droppedColumns)
        try container.encodeIfPresent(randomisation, forKey: .randomisation)
    }
}

/// A number that encodes as JSON `null` when absent or not finite (JSON has no NaN or infinity).
struct ReportNumber: Encodable, Sendable {
    let value: Double?

    init(_ value: Double?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value, value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}
