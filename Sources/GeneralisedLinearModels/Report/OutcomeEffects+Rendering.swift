import Foundation
import Reporting
import TrialAnalysis

extension OutcomeEffects {
    /// The output formats, the same as an ``TrialAnalysis/ArmEffects`` analysis.
    public typealias Format = ArmEffects.Format

    /// The analysis in `format`, ending with a newline.
    ///
    /// - Parameter format: The output format.
    /// - Returns: The text to print or save. Every format states the rows analysed and dropped,
    ///   the family, link, estimand and variance, and θ for the negative binomial; non-finite
    ///   numbers are `-` in text and Markdown, `NA` in CSV and `null` in JSON.
    public func rendered(as format: Format) -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// The analysis as one JSON object with sorted keys (see ``OutcomeEffectsReport``).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try! encoder.encode(OutcomeEffectsReport(self)) // Every field is a string, number or null.
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// What the estimate column holds, in words.
    var estimandTitle: String {
        switch estimand {
        case .riskDifference: "risk difference"
        case .oddsRatio: "odds ratio"
        case .riskRatio: "risk ratio"
        case .rateRatio: "rate ratio"
        }
    }

    private var totalTitle: String { specification.family == .binomial ? "events" : "total" }

    private var summaryLines: [String] {
        let specification = self.specification
        var lines = [
            "Outcome: \(specification.outcome); arm column: \(specification.arm); control: \(control) (n = \(controlCount), \(totalTitle) = \(Self.plain(controlTotal, digits: 10)))",
            "Rows analysed: \(observationCount); rows dropped for missing values: \(droppedCount)",
            "Estimand: \(estimandTitle); family: \(familyName), link: \(linkName); adjustment: \(adjustment)"
                + (specification.covariates.isEmpty ? "" : " (\(specification.covariates.joined(separator: ", ")))")
                + "; standard errors: \(variance)"
                + (clusterCount.map { " with \(specification.cluster ?? "") clusters (\($0))" } ?? "")
                + (specification.blocks.map { "; block fixed effects: \($0)" } ?? "")
                + (specification.weights.map { "; weights: \($0)" } ?? "")
                + (specification.exposure.map { "; exposure: \($0)" } ?? ""),
        ]
        if let theta {
            lines.append("Negative binomial theta: \(Self.plain(theta, digits: 6)) (std. error \(Self.plain(thetaStandardError ?? .nan, digits: 4))); variance mu + mu^2/theta")
        }
        if let deviance, let aic {
            lines.append("Residual deviance: \(Self.plain(deviance, digits: 8)); AIC: \(Self.plain(aic, digits: 8))"
                         + (pearsonDispersion.map { "; Pearson dispersion: \(Self.plain($0, digits: 4))" } ?? ""))
        }
        if let jointTest {
            if let df2 = jointTest.denominatorDegreesOfFreedom {
                lines.append("Joint test that every arm equals control: F(\(Self.plain(jointTest.degreesOfFreedom, digits: 4)), \(Self.plain(df2, digits: 4))) = \(Self.plain(jointTest.statistic, digits: 4)), p = \(Self.plain(jointTest.pValue, digits: 4))")
            } else {
                lines.append("Joint test that every arm equals control: chi-squared(\(Self.plain(jointTest.degreesOfFreedom, digits: 4))) = \(Self.plain(jointTest.statistic, digits: 4)), p = \(Self.plain(jointTest.pValue, digits: 4))")
            }
        } else {
            lines.append("Joint test that every arm equals control: not available (the arms' covariance is singular)")
        }
        lines.append(dunnettLine)
        lines.append("Dropped collinear columns: " + (droppedColumns.isEmpty ? "none" : droppedColumns.joined(separator: ", ")))
        return lines
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
        let reference = dunnett.degreesOfFreedom.isFinite ? "on \(Self.plain(dunnett.degreesOfFreedom, digits: 4)) df" : "multivariate normal"
        return "Dunnett adjustment (many-to-one, single-step): critical value \(Self.plain(dunnett.criticalValue, digits: 5)) "
            + "(\(reference); \(how)); simultaneous \(levelPercent) intervals"
            + (estimand.isRatio ? " exp(log ratio +/- critical value x std. error)" : "")
    }

    private var levelPercent: String {
        let percent = specification.confidenceLevel * 100
        return percent == percent.rounded() ? "\(Int(percent))%" : Self.plain(percent, digits: 4) + "%"
    }

    private var tableHeader: [String] {
        let ratio = estimand.isRatio
        return ["arm", "n", totalTitle, estimandTitle, ratio ? "log std. error" : "std. error", ratio ? "z" : "t", "df", "p",
                "\(levelPercent) CI low", "\(levelPercent) CI high", "p (Holm)", "p (Dunnett)", "simultaneous low",
                "simultaneous high"]
    }

    private var tableRows: [[String]] {
        effects.map { effect in
            [effect.arm, "\(effect.observationCount)", Self.plain(effect.outcomeTotal, digits: 10),
             Self.plain(effect.estimate, digits: 4), Self.plain(effect.standardError, digits: 4),
             Self.plain(effect.statistic, digits: 4), effect.degreesOfFreedom.map { Self.plain($0, digits: 4) } ?? "-",
             Self.plain(effect.pValue, digits: 4), Self.plain(effect.lowerBound, digits: 4),
             Self.plain(effect.upperBound, digits: 4), Self.plain(effect.holmPValue, digits: 4),
             Self.plain(effect.dunnettPValue, digits: 4), Self.plain(effect.simultaneousLowerBound, digits: 4),
             Self.plain(effect.simultaneousUpperBound, digits: 4)]
        }
    }

    private func text() -> String {
        let lines = summaryLines
        return lines.prefix(3).joined(separator: "\n") + "\n\n"
            + TextTable(header: tableHeader, rows: tableRows).plainText()
            + "\n" + lines.dropFirst(3).joined(separator: "\n") + "\n"
    }

    private func markdown() -> String {
        "### \(estimandTitle.prefix(1).uppercased() + estimandTitle.dropFirst()) on \(specification.outcome) against \(control)\n\n"
            + summaryLines.map { "- " + $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: "\n") + "\n\n"
            + TextTable(header: tableHeader, rows: tableRows).markdown()
    }

    private func csv() -> String {
        let header = ["outcome", "arm", "control", "n_arm", "total_arm", "estimand", "estimate", "coefficient",
                      "std_error", "statistic", "df", "p_value", "conf_low", "conf_high", "p_value_holm", "level", "n",
                      "n_dropped", "family", "link", "se_type", "adjustment", "theta", "theta_std_error",
                      "p_value_dunnett", "simultaneous_conf_low", "simultaneous_conf_high"]
        var out = header.joined(separator: ",") + "\n"
        for effect in effects {
            let fields = [specification.outcome, effect.arm, control, "\(effect.observationCount)",
                          Self.exact(effect.outcomeTotal), estimand.rawValue, Self.exact(effect.estimate),
                          Self.exact(effect.coefficient), Self.exact(effect.standardError), Self.exact(effect.statistic),
                          effect.degreesOfFreedom.map(Self.exact) ?? "NA", Self.exact(effect.pValue),
                          Self.exact(effect.lowerBound), Self.exact(effect.upperBound), Self.exact(effect.holmPValue),
                          Self.exact(specification.confidenceLevel), "\(observationCount)", "\(droppedCount)",
                          familyName, linkName, variance.rawValue, adjustment,
                          theta.map(Self.exact) ?? "NA", thetaStandardError.map(Self.exact) ?? "NA",
                          Self.exact(effect.dunnettPValue), Self.exact(effect.simultaneousLowerBound),
                          Self.exact(effect.simultaneousUpperBound)]
            out += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `digits` significant digits, `-` for a non-finite value.
    static func plain(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.\(digits)g", value)
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
