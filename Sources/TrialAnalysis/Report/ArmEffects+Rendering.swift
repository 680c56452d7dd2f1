import Foundation
import Reporting

extension ArmEffects {
    /// The output formats of an outcome analysis.
    public enum Format: String, Sendable, CaseIterable {
        /// An aligned plain-text table for a terminal, with the sample, joint test and dropped
        /// columns above and below it.
        case text
        /// One CSV row per intervention arm; every row repeats `n` and `n_dropped`.
        case csv
        /// One JSON object (see ``ArmEffectsReport``), keys sorted.
        case json
        /// Markdown: a summary list and a table of effects.
        case markdown
    }

    /// The analysis in `format`, ending with a newline.
    ///
    /// - Parameter format: The output format.
    /// - Returns: The text to print or save. Every format states the number of rows analysed
    ///   and dropped; non-finite numbers are `-` in text and Markdown, `NA` in CSV and `null`
    ///   in JSON.
    public func rendered(as format: Format) -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// The analysis as one JSON object with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        // Linux's JSONEncoder does not keep declaration order, so sort for stable output.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try! encoder.encode(ArmEffectsReport(self)) // Every field is a string, number or null.
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Lines of the summary shared by text and Markdown.
    private var summaryLines: [String] {
        let specification = self.specification
        var lines = [
            "Outcome: \(specification.outcome); arm column: \(specification.arm); control: \(control) (n = \(controlCount))",
            "Rows analysed: \(observationCount); rows dropped for missing values: \(droppedCount)",
            "Adjustment: \(adjustment)"
                + (specification.covariates.isEmpty ? "" : " (\(specification.covariates.joined(separator: ", ")))")
                + "; standard errors: \(estimator)"
                + (clusterCount.map { " with \(specification.cluster ?? "") clusters (\($0))" } ?? "")
                + (specification.blocks.map { "; block fixed effects: \($0)" } ?? "")
                + (specification.weights.map { "; weights: \($0)" } ?? ""),
        ]
        if let jointTest {
            lines.append("Joint test that every arm equals control: F(\(Self.plain(jointTest.numeratorDegreesOfFreedom, digits: 4)), "
                         + "\(Self.plain(jointTest.denominatorDegreesOfFreedom, digits: 4))) = \(Self.plain(jointTest.statistic, digits: 4)), "
                         + "p = \(Self.plain(jointTest.pValue, digits: 4))")
        } else {
            lines.append("Joint test that every arm equals control: not available (the arms' covariance is singular)")
        }
        lines.append(dunnettLine)
        lines.append("Dropped collinear columns: " + (droppedColumns.isEmpty ? "none" : droppedColumns.joined(separator: ", ")))
        return lines
    }

    private var levelPercent: String {
        let percent = specification.confidenceLevel * 100
        return percent == percent.rounded() ? "\(Int(percent))%" : Self.plain(percent, digits: 4) + "%"
    }

    private var tableHeader: [String] {
        ["arm", "n", "estimate", "std. error", "t", "df", "p", "\(levelPercent) CI low", "\(levelPercent) CI high", "p (Holm)",
         "p (Dunnett)", "simultaneous low", "simultaneous high"]
    }

    /// The summary line of Dunnett's adjustment.
    private var dunnettLine: String {
        guard let method = dunnett.method else {
            return "Dunnett adjustment: not available (no arm has a defined statistic)"
        }
        let how = switch method {
        case .oneFactor: "one-factor quadrature"
        case .genzBretz: "Genz-Bretz, absolute error 1e-6"
        }
        return "Dunnett adjustment (many-to-one, single-step): critical value \(Self.plain(dunnett.criticalValue, digits: 5)) "
            + "on \(Self.plain(dunnett.degreesOfFreedom, digits: 4)) df (\(how)); simultaneous \(levelPercent) intervals"
    }

    private var tableRows: [[String]] {
        effects.map { effect in
            [effect.arm, "\(effect.observationCount)", Self.plain(effect.estimate, digits: 4),
             Self.plain(effect.standardError, digits: 4), Self.plain(effect.statistic, digits: 4),
             Self.plain(effect.degreesOfFreedom, digits: 4), Self.plain(effect.pValue, digits: 4),
             Self.plain(effect.lowerBound, digits: 4), Self.plain(effect.upperBound, digits: 4),
             Self.plain(effect.holmPValue, digits: 4), Self.plain(effect.dunnettPValue, digits: 4),
             Self.plain(effect.simultaneousLowerBound, digits: 4), Self.plain(effect.simultaneousUpperBound, digits: 4)]
        }
    }

    private func text() -> String {
        summaryLines.prefix(3).joined(separator: "\n") + "\n\n"
            + TextTable(header: tableHeader, rows: tableRows).plainText()
            + "\n" + summaryLines.dropFirst(3).joined(separator: "\n") + "\n"
    }

    private func markdown() -> String {
        "### Effects on \(specification.outcome) against \(control)\n\n"
            + summaryLines.map { "- " + Self.markdownCell($0) }.joined(separator: "\n") + "\n\n"
            + TextTable(header: tableHeader, rows: tableRows).markdown()
    }

    /// The CSV rows, with `extraHeader` columns appended and `extraFields[a]` to arm a's row.
    func csv(extraHeader: [String] = [], extraFields: [[String]] = []) -> String {
        let header = ["outcome", "arm", "control", "n_arm", "estimate", "std_error", "statistic", "df", "p_value",
                      "conf_low", "conf_high", "p_value_holm", "p_value_dunnett", "conf_low_simultaneous",
                      "conf_high_simultaneous", "level", "n", "n_dropped", "se_type", "adjustment"] + extraHeader
        var out = header.joined(separator: ",") + "\n"
        for (a, effect) in effects.enumerated() {
            let fields = [specification.outcome, effect.arm, control, "\(effect.observationCount)",
                          Self.exact(effect.estimate), Self.exact(effect.standardError), Self.exact(effect.statistic),
                          Self.exact(effect.degreesOfFreedom), Self.exact(effect.pValue), Self.exact(effect.lowerBound),
                          Self.exact(effect.upperBound), Self.exact(effect.holmPValue), Self.exact(effect.dunnettPValue),
                          Self.exact(effect.simultaneousLowerBound), Self.exact(effect.simultaneousUpperBound),
                          Self.exact(specification.confidenceLevel), "\(observationCount)", "\(droppedCount)",
                          estimator.rawValue, adjustment.rawValue] + (extraFields.isEmpty ? [] : extraFields[a])
            out += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `digits` significant digits, `-` for a non-finite value.
    static func plain(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.\(digits)g", value)
    }

    /// The shortest text that reads back as the same `Double`; `NA` (as R writes) if not finite.
    static func exact(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "NA"
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    private static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
