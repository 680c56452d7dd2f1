import Foundation
import Reporting

extension OutcomeEffects {
    /// The analysis and its randomisation test in `format`, ending with a newline.
    ///
    /// Text and Markdown add a section after the analysis; CSV adds the columns `ri_p_value`,
    /// `ri_conf_low`, `ri_conf_high` (`NA` without an interval), `ri_p_value_joint`, `ri_draws`,
    /// `ri_statistic` and `ri_seed` to every row; JSON adds `ri_p_value` (and the interval) to
    /// each estimate and an `ri` object.
    ///
    /// - Parameters:
    ///   - format: The output format.
    ///   - randomisation: The randomisation test of this analysis (arms in the same order; a
    ///     mismatch in the number of arms traps).
    public func rendered(as format: Format, randomisation: OutcomeRandomisationReport) -> String {
        precondition(randomisation.pValues.count == effects.count,
                     "rendered: the test has \(randomisation.pValues.count) arms, the analysis \(effects.count)")
        switch format {
        case .text:
            let lines = randomisationLines(randomisation)
            let table = TextTable(header: randomisationHeader(randomisation), rows: randomisationRows(randomisation)).plainText()
            return rendered(as: .text) + "\n" + lines[0] + "\n\n" + table + "\n" + lines.dropFirst().joined(separator: "\n") + "\n"
        case .markdown:
            let lines = randomisationLines(randomisation).map { "- " + $0.replacingOccurrences(of: "|", with: "\\|") }
            let table = TextTable(header: randomisationHeader(randomisation), rows: randomisationRows(randomisation)).markdown()
            return rendered(as: .markdown) + "\n#### Randomisation inference\n\n" + lines.joined(separator: "\n") + "\n\n" + table
        case .csv:
            let lines = rendered(as: .csv).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            let header = lines[0] + ",ri_p_value,ri_conf_low,ri_conf_high,ri_p_value_joint,ri_draws,ri_statistic,ri_seed"
            let rows = lines.dropFirst().enumerated().map { a, line in
                let interval = randomisation.intervals.isEmpty ? ["NA", "NA"]
                    : [Self.exact(randomisation.intervals[a].lower), Self.exact(randomisation.intervals[a].upper)]
                return line + "," + ([Self.exact(randomisation.pValues[a])] + interval
                    + [Self.exact(randomisation.jointPValue), "\(randomisation.drawCount)", randomisation.statisticName,
                       "\(randomisation.seed)"]).joined(separator: ",")
            }
            return ([header] + rows).joined(separator: "\n") + "\n"
        case .json:
            var report = OutcomeEffectsReport(self)
            for a in report.estimates.indices {
                report.estimates[a].riPValue = ReportNumber(randomisation.pValues[a])
                if !randomisation.intervals.isEmpty {
                    report.estimates[a].riConfLow = ReportNumber(randomisation.intervals[a].lower)
                    report.estimates[a].riConfHigh = ReportNumber(randomisation.intervals[a].upper)
                }
            }
            report.randomisation = randomisation.json
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try! encoder.encode(report) // Strings, numbers and null only.
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    /// The summary line, then the joint test and the notes.
    private func randomisationLines(_ report: OutcomeRandomisationReport) -> [String] {
        let kind = report.isExact ? "every assignment of the design (exact)" : "\(report.drawCount) draws from the study's design"
        var lines = ["Randomisation inference: \(kind) (\(report.scheme), seed \(report.seed), sub-stream \(report.stream)); "
                     + "sharp null of no effect; statistic: \(report.statisticDescription)"]
        lines.append("Joint randomisation test that every arm equals control: p = \(Self.plain(report.jointPValue, digits: 4))")
        lines += report.notes
        if report.nonEstimableDrawCount > 0 {
            lines.append("Draws that left an arm not estimable, counted as at least as extreme: \(report.nonEstimableDrawCount)")
        }
        if let level = report.intervalLevel {
            lines.append("Randomisation intervals: \(Self.plain(level * 100, digits: 4))% by test inversion under a constant effect for each arm, "
                         + "the other arms held at their estimates")
        }
        return lines
    }

    private func randomisationHeader(_ report: OutcomeRandomisationReport) -> [String] {
        guard let level = report.intervalLevel else { return ["arm", estimandTitle, "RI p"] }
        let percent = Self.plain(level * 100, digits: 4) + "%"
        return ["arm", estimandTitle, "RI p", "\(percent) RI low", "\(percent) RI high"]
    }

    private func randomisationRows(_ report: OutcomeRandomisationReport) -> [[String]] {
        effects.indices.map { a in
            var row = [effects[a].arm, Self.plain(effects[a].estimate, digits: 4), Self.plain(report.pValues[a], digits: 4)]
            if !report.intervals.isEmpty {
                row += [Self.plain(report.intervals[a].lower, digits: 4), Self.plain(report.intervals[a].upper, digits: 4)]
            }
            return row
        }
    }
}
