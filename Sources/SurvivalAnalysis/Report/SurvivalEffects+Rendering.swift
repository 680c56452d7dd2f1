import Foundation
import Reporting
import TrialAnalysis

extension SurvivalEffects {
    /// The output formats, shared with the other outcome analyses: text, CSV, JSON and Markdown.
    public typealias Format = ArmEffects.Format

    /// The analysis in `format`, ending with a newline.
    ///
    /// - Parameter format: The output format.
    /// - Returns: The text to print or save. Every format states the rows analysed and dropped;
    ///   non-finite numbers are `-` in text and Markdown, `NA` in CSV and `null` in JSON. CSV has
    ///   one row per intervention arm, as the other outcome analyses.
    public func rendered(as format: Format) -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// The analysis as one JSON object with sorted keys (see ``SurvivalReport``).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try! encoder.encode(SurvivalReport(self)) // Every field is a string, number or null.
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private var levelPercent: String {
        let percent = specification.confidenceLevel * 100
        return percent == percent.rounded() ? "\(Int(percent))%" : Self.plain(percent) + "%"
    }

    private var headerLines: [String] {
        let model = specification
        let source: String
        switch model.outcome {
        case let .times(time, event): source = "time column '\(time)', event column '\(event)'"
        case let .dates(start, event, end, lost):
            let endText: String
            switch end {
            case .column(let name): endText = "end of follow-up '\(name)'"
            case .date(let day): endText = "end of follow-up \(day)"
            }
            source = "days from '\(start)' to '\(event)', censored at \(endText)" + (lost.map { " or loss to follow-up '\($0)'" } ?? "")
        }
        var cox = "Cox model: \(model.ties.rawValue == "efron" ? "Efron" : "Breslow") ties; standard errors: "
            + (model.resolvedVariance == .robust ? "robust" : "model-based")
            + (clusterCount.map { " with \(model.cluster ?? "") clusters (\($0))" } ?? "")
        if let strata = model.strata { cox += "; strata: \(strata)" }
        if !model.covariates.isEmpty { cox += "; covariates: \(model.covariates.joined(separator: ", "))" }
        return [
            "Outcome: time to event (\(source)); arm column: \(model.arm); control: \(arms[0]) (n = \(armCounts[0]), events = \(armEvents[0]))",
            "Rows analysed: \(observationCount); rows dropped for missing values: \(droppedCount)",
            cox,
        ]
    }

    private var curveTable: TextTable {
        let header = ["arm", "n", "events", "median", "\(levelPercent) CI low", "\(levelPercent) CI high"]
            + riskTable.times.map { "at risk t=\(Self.plain($0))" }
        let rows = curves.enumerated().map { a, curve in
            [curve.group, "\(curve.count)", "\(curve.eventCount)", Self.plain(curve.median.estimate),
             Self.plain(curve.median.lower), Self.plain(curve.median.upper)] + riskTable.atRisk[a].map(String.init)
        }
        return TextTable(header: header, rows: rows)
    }

    private var effectTable: TextTable {
        let header = ["arm", "n", "events", "hazard ratio", "log HR", "std. error", "z", "p",
                      "\(levelPercent) CI low", "\(levelPercent) CI high", "p (Holm)", "log-rank chi2", "log-rank p"]
        let rows = hazardRatios.enumerated().map { a, ratio in
            [ratio.arm, "\(ratio.count)", "\(ratio.eventCount)", Self.plain(ratio.hazardRatio), Self.plain(ratio.logHazardRatio),
             Self.plain(ratio.standardError), Self.plain(ratio.statistic), Self.plain(ratio.pValue),
             Self.plain(ratio.lowerBound), Self.plain(ratio.upperBound), Self.plain(ratio.holmPValue),
             Self.plain(pairwiseLogRank[a].statistic), Self.plain(pairwiseLogRank[a].pValue)]
        }
        return TextTable(header: header, rows: rows)
    }

    private var testLines: [String] {
        var lines = ["Log-rank test across arms" + (specification.strata.map { " (stratified by \($0))" } ?? "")
                     + ": " + Self.describe(ChiSquareTest(statistic: logRank.statistic, degreesOfFreedom: logRank.degreesOfFreedom))]
        if let armTest {
            lines.append("Wald test that every arm's hazard ratio is 1: " + Self.describe(armTest))
        }
        if let cox {
            lines.append("Cox model tests: likelihood ratio \(Self.describe(cox.likelihoodRatioTest)); Wald \(Self.describe(cox.waldTest)); score \(Self.describe(cox.scoreTest))"
                         + (cox.robustScoreTest.map { "; robust score \(Self.describe($0))" } ?? ""))
        }
        if let proportionalHazards {
            let terms = proportionalHazards.rows.map { "\($0.term) \(Self.describe($0.test))" }
            lines.append("Proportional hazards (Schoenfeld residuals, \(proportionalHazards.transform.rawValue) time): " + terms.joined(separator: "; "))
        }
        for ratio in hazardRatios {
            if let reason = ratio.notEstimableReason { lines.append("Hazard ratio of \(ratio.arm) not estimable: \(reason)") }
        }
        for note in notes { lines.append("Note: \(note)") }
        return lines
    }

    private func text() -> String {
        headerLines.joined(separator: "\n") + "\n\nKaplan-Meier (\(specification.band.rawValue) confidence limits):\n"
            + curveTable.plainText() + "\nHazard ratios against \(arms[0]):\n" + effectTable.plainText()
            + "\n" + testLines.joined(separator: "\n") + "\n"
    }

    private func markdown() -> String {
        "### Time to event against \(arms[0])\n\n"
            + (headerLines + testLines).map { "- " + $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: "\n")
            + "\n\n#### Kaplan-Meier\n\n" + curveTable.markdown() + "\n#### Hazard ratios\n\n" + effectTable.markdown()
    }

    private func csv() -> String {
        let header = ["outcome", "arm", "control", "n_arm", "events_arm", "estimate", "hazard_ratio", "std_error", "statistic",
                      "p_value", "conf_low", "conf_high", "p_value_holm", "logrank_chisq", "logrank_p_value",
                      "median_arm", "median_control", "level", "n", "n_dropped", "se_type", "ties", "not_estimable"]
        var out = header.joined(separator: ",") + "\n"
        for (a, ratio) in hazardRatios.enumerated() {
            let fields = [specification.outcome.name, ratio.arm, arms[0], "\(ratio.count)", "\(ratio.eventCount)",
                          Self.exact(ratio.logHazardRatio), Self.exact(ratio.hazardRatio), Self.exact(ratio.standardError),
                          Self.exact(ratio.statistic), Self.exact(ratio.pValue), Self.exact(ratio.lowerBound),
                          Self.exact(ratio.upperBound), Self.exact(ratio.holmPValue),
                          Self.exact(pairwiseLogRank[a].statistic), Self.exact(pairwiseLogRank[a].pValue),
                          Self.exact(curves[a + 1].median.estimate), Self.exact(curves[0].median.estimate),
                          Self.exact(specification.confidenceLevel), "\(observationCount)", "\(droppedCount)",
                          specification.resolvedVariance.rawValue, specification.ties.rawValue,
                          ratio.notEstimableReason ?? ""]
            out += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func describe(_ test: ChiSquareTest) -> String {
        "chi2(\(test.degreesOfFreedom)) = \(plain(test.statistic)), p = \(plain(test.pValue))"
    }

    /// Four significant digits, `-` for a non-finite value.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.4g", value)
    }

    /// The shortest text that reads back as the same `Double`; `NA` if not finite.
    static func exact(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "NA"
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
