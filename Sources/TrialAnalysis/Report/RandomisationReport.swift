import Foundation
import Reporting

/// A randomisation test of an analysis, with what a reader needs to reproduce it: the draws,
/// the seed and sub-stream they came from, and the design they were drawn from.
public struct RandomisationReport: Sendable {
    /// The test's result; its arms are in the order of the analysis's rows.
    public let result: RandomisationInferenceResult
    /// The seed of the study whose sub-stream gave the draws.
    public let seed: UInt64
    /// The label of the sub-stream (for example `randomisation-inference`).
    public let stream: String
    /// The allocation scheme the draws were made from (for example `stratified-blocks`).
    public let scheme: String
    /// The variance named when the analysis's own (CR2) could not studentise, or `nil`.
    public let substitutedVariance: VarianceEstimator?

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - result: The test's result.
    ///   - seed: The study seed.
    ///   - stream: The sub-stream's label.
    ///   - scheme: The allocation scheme's name.
    ///   - substitutedVariance: The analysis's variance when the test studentised with another
    ///     (``RandomisationInferenceResult/variance``); default `nil`.
    public init(result: RandomisationInferenceResult, seed: UInt64, stream: String, scheme: String,
                substitutedVariance: VarianceEstimator? = nil) {
        self.result = result
        self.seed = seed
        self.stream = stream
        self.scheme = scheme
        self.substitutedVariance = substitutedVariance
    }

    /// The statistic in words, e.g. `studentised (HC2 t)` or `estimate (joint: classical Wald)`.
    public var statisticDescription: String {
        switch result.statistic {
        case .estimate: "estimate (joint test: classical Wald)"
        case .studentised: "studentised (\(result.variance) t; joint test: \(result.variance) Wald)"
        }
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
        let waldStatistic: JSONNumber
        let pValueJoint: JSONNumber
        let level: JSONNumber?

        enum CodingKeys: String, CodingKey {
            case draws, seed, stream, scheme, statistic, exact, level
            case seType = "se_type", nonEstimableDraws = "non_estimable_draws", waldStatistic = "wald_statistic"
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
            try container.encode(waldStatistic, forKey: .waldStatistic)
            try container.encode(pValueJoint, forKey: .pValueJoint)
            try container.encode(level, forKey: .level)
        }
    }

    var json: JSON {
        JSON(draws: result.drawCount, seed: seed, stream: stream, scheme: scheme, statistic: result.statistic.rawValue,
             seType: result.statistic == .studentised ? result.variance.rawValue : nil, exact: result.isExact,
             nonEstimableDraws: result.nonEstimableDrawCount, waldStatistic: JSONNumber(result.wald),
             pValueJoint: JSONNumber(result.waldPValue), level: result.intervalLevel.map(JSONNumber.init))
    }
}

extension ArmEffectsReport {
    /// The report of a fitted analysis and its randomisation test: each estimate gains
    /// `ri_p_value` (and `ri_conf_low`, `ri_conf_high` with an interval), and the report an
    /// `ri` object.
    public init(_ effects: ArmEffects, randomisation: RandomisationReport) {
        self.init(effects)
        let result = randomisation.result
        for a in estimates.indices {
            estimates[a].riPValue = JSONNumber(result.pValues[a])
            if !result.intervals.isEmpty {
                estimates[a].riConfLow = JSONNumber(result.intervals[a].lower)
                estimates[a].riConfHigh = JSONNumber(result.intervals[a].upper)
            }
        }
        self.randomisation = randomisation.json
    }
}

extension ArmEffects {
    /// The analysis and its randomisation test in `format`, ending with a newline.
    ///
    /// Text and Markdown add a section after the analysis; CSV adds the columns `ri_p_value`,
    /// `ri_conf_low`, `ri_conf_high` (`NA` without an interval), `ri_p_value_joint`, `ri_draws`,
    /// `ri_statistic` and `ri_seed` to every row; JSON adds `ri_p_value` (and the interval) to
    /// each estimate and an `ri` object.
    ///
    /// - Parameters:
    ///   - format: The output format.
    ///   - randomisation: The randomisation test of this analysis (arms in the same order).
    public func rendered(as format: Format, randomisation: RandomisationReport) -> String {
        let result = randomisation.result
        precondition(result.pValues.count == effects.count, "rendered: the test has \(result.pValues.count) arms, the analysis \(effects.count)")
        switch format {
        case .text:
            let lines = randomisationLines(randomisation)
            let table = TextTable(header: randomisationHeader(randomisation), rows: randomisationRows(randomisation)).plainText()
            let section: String = lines[0] + "\n\n" + table + "\n" + lines.dropFirst().joined(separator: "\n") + "\n"
            return rendered(as: .text) + "\n" + section
        case .markdown:
            let lines: [String] = randomisationLines(randomisation).map { "- " + $0.replacingOccurrences(of: "|", with: "\\|") }
            let table = TextTable(header: randomisationHeader(randomisation), rows: randomisationRows(randomisation)).markdown()
            return rendered(as: .markdown) + "\n#### Randomisation inference\n\n" + lines.joined(separator: "\n") + "\n\n" + table
        case .csv:
            let extra = effects.indices.map { a in
                [Self.exact(result.pValues[a]),
                 result.intervals.isEmpty ? "NA" : Self.exact(result.intervals[a].lower),
                 result.intervals.isEmpty ? "NA" : Self.exact(result.intervals[a].upper),
                 Self.exact(result.waldPValue), "\(result.drawCount)", result.statistic.rawValue, "\(randomisation.seed)"]
            }
            return csv(extraHeader: ["ri_p_value", "ri_conf_low", "ri_conf_high", "ri_p_value_joint", "ri_draws",
                                     "ri_statistic", "ri_seed"], extraFields: extra)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try! encoder.encode(ArmEffectsReport(self, randomisation: randomisation)) // Strings, numbers and null only.
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    /// The summary line, then the joint test and any note.
    private func randomisationLines(_ report: RandomisationReport) -> [String] {
        let result = report.result
        let kind = result.isExact ? "every assignment of the design (exact)" : "\(result.drawCount) draws from the study's design"
        var lines = ["Randomisation inference: \(kind) (\(report.scheme), seed \(report.seed), sub-stream \(report.stream)); "
                     + "sharp null of no effect; statistic: \(report.statisticDescription)"]
        lines.append("Joint randomisation test that every arm equals control: p = \(Self.plain(result.waldPValue, digits: 4))")
        if let substituted = report.substitutedVariance {
            lines.append("The studentised statistic uses \(result.variance) standard errors: \(substituted) cannot be recomputed draw by draw (the test stays exact)")
        }
        if result.nonEstimableDrawCount > 0 {
            lines.append("Draws that left an arm not estimable, counted as at least as extreme: \(result.nonEstimableDrawCount)")
        }
        if let level = result.intervalLevel {
            lines.append("Randomisation intervals: \(Self.plain(level * 100, digits: 4))% by test inversion under a constant effect for each arm, "
                         + "the other arms held at their estimates (so an interval can exclude 0 while the p-value of the sharp null, "
                         + "under which no arm has any effect, is large)")
        }
        return lines
    }

    private func randomisationHeader(_ report: RandomisationReport) -> [String] {
        guard let level = report.result.intervalLevel else { return ["arm", "estimate", "RI p"] }
        let percent = Self.plain(level * 100, digits: 4) + "%"
        return ["arm", "estimate", "RI p", "\(percent) RI low", "\(percent) RI high"]
    }

    private func randomisationRows(_ report: RandomisationReport) -> [[String]] {
        let result = report.result
        return effects.indices.map { a in
            var row = [effects[a].arm, Self.plain(effects[a].estimate, digits: 4), Self.plain(result.pValues[a], digits: 4)]
            if !result.intervals.isEmpty {
                row += [Self.plain(result.intervals[a].lower, digits: 4), Self.plain(result.intervals[a].upper, digits: 4)]
            }
            return row
        }
    }
}
