/// The JSON form of an ``ArmEffects``: what `prevent analyse --format json` prints.
///
/// Keys are snake_case as in R estimatr's `tidy()` output. Non-finite numbers, and a joint
/// test that could not be computed, are `null`.
///
/// ```json
/// {"outcome": "reoffended", "n": 800, "n_dropped": 3, "se_type": "HC2", "adjustment": "lin",
///  "estimates": [{"arm": "mentoring", "estimate": -0.08, "std_error": 0.03, ...}],
///  "joint_test": {"statistic": 4.1, "df1": 2, "df2": 790, "p_value": 0.017},
///  "dropped_columns": []}
/// ```
public struct ArmEffectsReport: Encodable, Sendable {
    /// One intervention arm's row.
    public struct Estimate: Encodable, Sendable {
        let arm: String
        let n: Int
        let estimate: JSONNumber
        let stdError: JSONNumber
        let statistic: JSONNumber
        let df: JSONNumber
        let pValue: JSONNumber
        let confLow: JSONNumber
        let confHigh: JSONNumber
        let pValueHolm: JSONNumber
        let pValueDunnett: JSONNumber
        let confLowSimultaneous: JSONNumber
        let confHighSimultaneous: JSONNumber
        /// Randomisation inference, present only when it was run.
        var riPValue: JSONNumber? = nil
        var riConfLow: JSONNumber? = nil
        var riConfHigh: JSONNumber? = nil

        enum CodingKeys: String, CodingKey {
            case arm, n, estimate, statistic, df
            case stdError = "std_error", pValue = "p_value", confLow = "conf_low", confHigh = "conf_high"
            case pValueHolm = "p_value_holm"
            case pValueDunnett = "p_value_dunnett", confLowSimultaneous = "conf_low_simultaneous"
            case confHighSimultaneous = "conf_high_simultaneous"
            case riPValue = "ri_p_value", riConfLow = "ri_conf_low", riConfHigh = "ri_conf_high"
        }
    }

    /// Dunnett's many-to-one adjustment: the simultaneous critical value, the degrees of freedom
    /// of the multivariate t (`null` for the normal) and the method (`one-factor` quadrature or
    /// `genz-bretz`).
    public struct Dunnett: Encodable, Sendable {
        let criticalValue: JSONNumber
        let df: JSONNumber
        let method: String?

        enum CodingKeys: String, CodingKey {
            case df, method
            case criticalValue = "critical_value"
        }

        /// Encodes every key, writing `null` for a missing method.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(criticalValue, forKey: .criticalValue)
            try container.encode(df, forKey: .df)
            try container.encode(method, forKey: .method)
        }
    }

    /// The Wald F test that every arm equals control.
    public struct JointTest: Encodable, Sendable {
        let statistic: JSONNumber
        let df1: JSONNumber
        let df2: JSONNumber
        let pValue: JSONNumber

        enum CodingKeys: String, CodingKey {
            case statistic, df1, df2
            case pValue = "p_value"
        }
    }

    let outcome: String
    let armColumn: String
    let control: String
    let nControl: Int
    let n: Int
    let nDropped: Int
    let nClusters: Int?
    let seType: String
    let adjustment: String
    let covariates: [String]
    let level: JSONNumber
    var estimates: [Estimate]
    let jointTest: JointTest?
    /// Randomisation inference (`ri`), present only when it was run.
    var randomisation: RandomisationReport.JSON? = nil
    let dunnett: Dunnett
    let droppedColumns: [String]

    enum CodingKeys: String, CodingKey {
        case outcome, control, n, adjustment, covariates, level, estimates
        case armColumn = "arm_column", nControl = "n_control", nDropped = "n_dropped", nClusters = "n_clusters"
        case seType = "se_type", jointTest = "joint_test", droppedColumns = "dropped_columns"
        case dunnett
        case randomisation = "ri"
    }

    /// The report of a fitted analysis.
    public init(_ effects: ArmEffects) {
        outcome = effects.specification.outcome
        armColumn = effects.specification.arm
        control = effects.control
        nControl = effects.controlCount
        n = effects.observationCount
        nDropped = effects.droppedCount
        nClusters = effects.clusterCount
        seType = effects.estimator.rawValue
        adjustment = effects.adjustment.rawValue
        covariates = effects.specification.covariates
        level = JSONNumber(effects.specification.confidenceLevel)
        estimates = effects.effects.map { effect in
            Estimate(arm: effect.arm, n: effect.observationCount, estimate: JSONNumber(effect.estimate),
                     stdError: JSONNumber(effect.standardError), statistic: JSONNumber(effect.statistic),
                     df: JSONNumber(effect.degreesOfFreedom), pValue: JSONNumber(effect.pValue),
                     confLow: JSONNumber(effect.lowerBound), confHigh: JSONNumber(effect.upperBound),
                     pValueHolm: JSONNumber(effect.holmPValue), pValueDunnett: JSONNumber(effect.dunnettPValue),
                     confLowSimultaneous: JSONNumber(effect.simultaneousLowerBound),
                     confHighSimultaneous: JSONNumber(effect.simultaneousUpperBound))
        }
        jointTest = effects.jointTest.map { test in
            JointTest(statistic: JSONNumber(test.statistic), df1: JSONNumber(test.numeratorDegreesOfFreedom),
                      df2: JSONNumber(test.denominatorDegreesOfFreedom), pValue: JSONNumber(test.pValue))
        }
        droppedColumns = effects.droppedColumns
        dunnett = Dunnett(criticalValue: JSONNumber(effects.dunnett.criticalValue),
                          df: JSONNumber(effects.dunnett.degreesOfFreedom),
                          method: effects.dunnett.method.map { method in
                              switch method {
                              case .oneFactor: "one-factor"
                              case .genzBretz: "genz-bretz"
                              }
                          })
    }

    /// Encodes every key, writing `null` for a missing cluster count or joint test (the
    /// synthesised conformance would leave the keys out).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(armColumn, forKey: .armColumn)
        try container.encode(control, forKey: .control)
        try container.encode(nControl, forKey: .nControl)
        try container.encode(n, forKey: .n)
        try container.encode(nDropped, forKey: .nDropped)
        try container.encode(nClusters, forKey: .nClusters)
        try container.encode(seType, forKey: .seType)
        try container.encode(adjustment, forKey: .adjustment)
        try container.encode(covariates, forKey: .covariates)
        try container.encode(level, forKey: .level)
        try container.encode(estimates, forKey: .estimates)
        try container.encode(jointTest, forKey: .jointTest)
        try container.encode(dunnett, forKey: .dunnett)
        try container.encodeIfPresent(randomisation, forKey: .randomisation)
        try container.encode(droppedColumns, forKey: .droppedColumns)
    }
}

/// A number that encodes as JSON `null` when it is not finite (JSON has no NaN or infinity).
///
/// Package-visible so that every outcome module's JSON report writes non-finite numbers the same way.
package struct JSONNumber: Encodable, Sendable {
    package let value: Double

    package init(_ value: Double) { self.value = value }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}
