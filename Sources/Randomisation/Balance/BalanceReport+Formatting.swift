import Foundation
import Reporting

extension BalanceReport {
    /// The output formats of a balance report.
    public enum Format: String, Sendable, CaseIterable {
        /// Aligned plain-text tables for a terminal.
        case text
        /// One CSV row per comparison, then per test, then per arm and stratum (a `section` column says which).
        case csv
        /// A JSON object with `arms`, `control`, `counts`, `strata`, `comparisons` and `tests`.
        case json
        /// Markdown tables.
        case markdown
    }

    /// The report in `format`.
    public func rendered(as format: Format) -> String {
        switch format {
        case .text: return tables().map { Self.plain($0) }.joined(separator: "\n")
        case .markdown: return tables().map { Self.markdown($0) }.joined(separator: "\n")
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// Four significant digits, `-` for not a number.
    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.4g", value)
    }

    /// (title, header, rows) of each table.
    private func tables() -> [(String, [String], [[String]])] {
        let comparisonRows = comparisons.map { c in
            [c.label, c.arm, "\(c.count)", "\(c.controlCount)", Self.format(c.mean), Self.format(c.controlMean),
             Self.format(c.difference), c.isBinary ? "difference in proportions" : "SMD", Self.format(c.varianceRatio)]
        }
        let testRows = tests.map { t in
            [t.covariate, t.kind.rawValue, Self.format(t.statistic), t.degreesOfFreedom.map { Self.format($0) }.joined(separator: ", "),
             Self.format(t.pValue)]
        }
        var result: [(String, [String], [[String]])] = [
            ("Units per arm", arms, [armCounts.map(String.init)]),
            ("Balance against \(control)", ["covariate", "arm", "n", "n \(control)", "mean", "mean \(control)", "difference", "measure", "variance ratio"], comparisonRows),
            ("Omnibus test of arm on each covariate", ["covariate", "test", "statistic", "df", "p"], testRows),
        ]
        if !strata.isEmpty {
            result.append(("Units per stratum and arm", ["stratum"] + arms, strata.map { [$0.stratum] + $0.counts.map(String.init) }))
        }
        return result
    }

    private static func plain(_ table: (String, [String], [[String]])) -> String {
        let (title, header, rows) = table
        return title + "\n" + TextTable(header: header, rows: rows).plainText()
    }

    private static func markdown(_ table: (String, [String], [[String]])) -> String {
        let (title, header, rows) = table
        return "### \(title)\n\n" + TextTable(header: header, rows: rows).markdown()
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "NA" }
        return "\(value)"
    }

    private func csv() -> String {
        var out = "section,covariate,level,arm,n,n_control,mean,mean_control,difference,measure,variance_ratio,test,statistic,df,p,stratum\n"
        for c in comparisons {
            out += ["comparison", c.covariate, c.level ?? "NA", c.arm, "\(c.count)", "\(c.controlCount)", Self.number(c.mean),
                    Self.number(c.controlMean), Self.number(c.difference), c.isBinary ? "proportion_difference" : "smd",
                    Self.number(c.varianceRatio), "NA", "NA", "NA", "NA", "NA"].map(Self.csvField).joined(separator: ",") + "\n"
        }
        for t in tests {
            out += ["test", t.covariate, "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", t.kind.rawValue, Self.number(t.statistic),
                    t.degreesOfFreedom.map { Self.number($0) }.joined(separator: " "), Self.number(t.pValue), "NA"]
                .map(Self.csvField).joined(separator: ",") + "\n"
        }
        for (index, arm) in arms.enumerated() {
            out += ["count", "NA", "NA", arm, "\(armCounts[index])", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA"]
                .map(Self.csvField).joined(separator: ",") + "\n"
        }
        for stratum in strata {
            for (index, arm) in arms.enumerated() {
                out += ["stratum_count", "NA", "NA", arm, "\(stratum.counts[index])", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", stratum.stratum]
                    .map(Self.csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    private static func jsonNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }

    private func json() -> String {
        let s = Self.jsonString, n = Self.jsonNumber
        var parts: [String] = []
        parts.append("\"arms\": [" + arms.map(s).joined(separator: ", ") + "]")
        parts.append("\"control\": " + s(control))
        parts.append("\"counts\": {" + zip(arms, armCounts).map { "\(s($0)): \($1)" }.joined(separator: ", ") + "}")
        parts.append("\"strata\": [" + strata.map { stratum in
            "{\"stratum\": \(s(stratum.stratum)), \"counts\": {" + zip(arms, stratum.counts).map { "\(s($0)): \($1)" }.joined(separator: ", ") + "}}"
        }.joined(separator: ", ") + "]")
        parts.append("\"comparisons\": [\n    " + comparisons.map { c in
            "{\"covariate\": \(s(c.covariate)), \"level\": \(c.level.map(s) ?? "null"), \"arm\": \(s(c.arm)), \"n\": \(c.count), "
                + "\"n_control\": \(c.controlCount), \"mean\": \(n(c.mean)), \"mean_control\": \(n(c.controlMean)), "
                + "\"difference\": \(n(c.difference)), \"measure\": \(s(c.isBinary ? "proportion_difference" : "smd")), "
                + "\"variance_ratio\": \(n(c.varianceRatio))}"
        }.joined(separator: ",\n    ") + "\n  ]")
        parts.append("\"tests\": [\n    " + tests.map { t in
            "{\"covariate\": \(s(t.covariate)), \"test\": \(s(t.kind.rawValue)), \"statistic\": \(n(t.statistic)), "
                + "\"df\": [" + t.degreesOfFreedom.map { n($0) }.joined(separator: ", ") + "], \"p\": \(n(t.pValue))}"
        }.joined(separator: ",\n    ") + "\n  ]")
        return "{\n  " + parts.joined(separator: ",\n  ") + "\n}\n"
    }
}
