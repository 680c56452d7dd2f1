import TrialAnalysis

/// A randomisation test of an outcome analysis, with what a reader needs to reproduce it: the
/// statistic, the draws, the seed and sub-stream they came from, and the design they were drawn
/// from.
public struct OutcomeRandomisationReport: Sendable {
    /// Per intervention arm, the p-value of the sharp null (arms in the order of the analysis).
    public let pValues: [Double]
    /// The joint p-value that no arm has any effect.
    public let jointPValue: Double
    /// The observed joint statistic (Wald for the risk difference, the score statistic for ratios).
    public let jointStatistic: Double
    /// The number of draws.
    public let drawCount: Int
    /// Draws that left an arm not estimable (or without information), counted as extreme.
    public let nonEstimableDrawCount: Int
    /// Whether the p-values are exact proportions over an enumerated design.
    public let isExact: Bool
    /// The confidence level of ``intervals``, or `nil`.
    public let intervalLevel: Double?
    /// Per arm, the interval by test inversion (risk difference only), or empty.
    public let intervals: [RandomisationInterval]
    /// The statistic's short name: `estimate`, `studentised` or `score`.
    public let statisticName: String
    /// The statistic in words.
    public let statisticDescription: String
    /// The standard error or variance that studentises, or `nil` for the raw estimate.
    public let standardErrorName: String?
    /// Sentences a reader needs beside the numbers (substituted variances, the score model).
    public let notes: [String]
    /// The seed of the study whose sub-stream gave the draws.
    public let seed: UInt64
    /// The label of the sub-stream.
    public let stream: String
    /// The allocation scheme the draws were made from.
    public let scheme: String

    /// The report of a risk difference's test by the linear model.
    ///
    /// - Parameter report: The linear model's randomisation report.
    public init(_ report: RandomisationReport) {
        let result = report.result
        pValues = result.pValues
        jointPValue = result.waldPValue
        jointStatistic = result.wald
        drawCount = result.drawCount
        nonEstimableDrawCount = result.nonEstimableDrawCount
        isExact = result.isExact
        intervalLevel = result.intervalLevel
        intervals = result.intervals
        statisticName = result.statistic.rawValue
        statisticDescription = report.statisticDescription
        standardErrorName = result.statistic == .studentised ? result.variance.rawValue : nil
        var notes: [String] = []
        if let substituted = report.substitutedVariance {
            notes.append("The studentised statistic uses \(result.variance) standard errors: \(substituted) cannot be recomputed draw by draw (the test stays exact)")
        }
        self.notes = notes
        seed = report.seed
        stream = report.stream
        scheme = report.scheme
    }

    /// The report of a ratio's score test.
    ///
    /// - Parameters:
    ///   - result: The score test's result.
    ///   - seed: The study seed.
    ///   - stream: The sub-stream's label.
    ///   - scheme: The allocation scheme's name.
    public init(score result: ScoreRandomisationResult, seed: UInt64, stream: String, scheme: String) {
        pValues = result.pValues
        jointPValue = result.jointPValue
        jointStatistic = result.jointStatistic
        drawCount = result.drawCount
        nonEstimableDrawCount = result.nonEstimableDrawCount
        isExact = result.isExact
        intervalLevel = nil
        intervals = []
        statisticName = "score"
        statisticDescription = "score (each arm's score under the \(result.nullModel) model without arms, "
            + "studentised by its model-based variance; joint test: the score statistic)"
        standardErrorName = "model"
        var note = "The score statistic needs no refit per draw: the model without arms is fitted once "
            + "(it is fixed under the sharp null); its p-values differ from those of refitting the ratio on every draw, "
            + "and both give an exact test"
        if let theta = result.theta {
            note += "; negative binomial theta of the model without arms: \(OutcomeEffects.plain(theta, digits: 6))"
        }
        notes = [note]
        self.seed = seed
        self.stream = stream
        self.scheme = scheme
    }

    /// The `ri` object of the JSON report.
    public struct JSON: Encodable, Sendable {
        let draws: Int
        let seed: UInt64
        let stream: String
        let scheme: String
        let statistic: String
        let seType: String?
        let exact: Bool
        let nonEstimableDraws: Int
        let jointStatistic: ReportNumber
        let pValueJoint: ReportNumber
        let level: ReportNumber

        enum CodingKeys: String, CodingKey {
            case draws, seed, stream, scheme, statistic, exact, level
            case seType = "se_type", nonEstimableDraws = "non_estimable_draws", jointStatistic = "joint_statistic"
            case pValueJoint = "p_value_joint"
        }

        /// Encodes every key, `null` for an absent level or standard error.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(draws, forKey: .draws)
            try container.encode(seed, forKey: .seed)
            try container.encode(stream, forKey: .stream)
            try container.encode(scheme, forKey: .scheme)
            try container.encode(statistic, forKey: .statistic)
            try container.encode(seType, forKey: .seType)
            try container.encode(exact, forKey: .exact)
            try container.encode(nonEstimableDraws, forKey: .nonEstimableDraws)
            try container.encode(jointStatistic, forKey: .jointStatistic)
            try container.encode(pValueJoint, forKey: .pValueJoint)
            try container.encode(level, forKey: .level)
        }
    }

    var json: JSON {
        JSON(draws: drawCount, seed: seed, stream: stream, scheme: scheme, statistic: statisticName, seType: standardErrorName,
             exact: isExact, nonEstimableDraws: nonEstimableDrawCount, jointStatistic: ReportNumber(jointStatistic),
             pValueJoint: ReportNumber(jointPValue), level: ReportNumber(intervalLevel))
    }
}
