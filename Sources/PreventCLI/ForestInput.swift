import Foundation
import Reporting

/// The panels of a forest plot across outcomes read from the JSON that `prevent analyse
/// --format json` writes for each family.
enum ForestInput {
    /// The panel (one per file) that the analysis in `file` gives.
    ///
    /// - Throws: ``AnalyseInputError`` naming the file and what is wrong with it.
    static func groups(file: String) throws -> [OutcomeForestPlot.Group] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw AnalyseInputError("\(file): cannot be read (\((error as NSError).localizedDescription))")
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: data), let object = parsed as? [String: Any] else {
            throw AnalyseInputError("\(file): is not a JSON object; give the output of prevent analyse --format json")
        }
        if let harm = object["harm"] as? [String: Any], object["log_harm"] != nil {
            return [try group(harm, file: file, kind: "mean difference in harm", axis: "Difference in harm (days)",
                              scale: .difference, estimateKey: "estimate", path: "harm.")]
        }
        let outcome = object["outcome"] as? String ?? "outcome"
        let estimates = object["estimates"] as? [[String: Any]]
        if estimates?.first?["hazard_ratio"] != nil {
            return [try group(object, file: file, kind: "hazard ratio", axis: "Hazard ratio", scale: .ratio,
                              estimateKey: "hazard_ratio", path: "")]
        }
        if let estimand = object["estimand"] as? String {
            let words = estimand.replacingOccurrences(of: "-", with: " ")
            let axis = words.prefix(1).uppercased() + words.dropFirst()
            return [try group(object, file: file, kind: words, axis: axis,
                              scale: estimand == "risk-difference" ? .difference : .ratio, estimateKey: "estimate", path: "")]
        }
        return [try group(object, file: file, kind: "difference in means", axis: "Difference in \(outcome)",
                          scale: .difference, estimateKey: "estimate", path: "")]
    }

    /// One analysis object's panel: its outcome, level and each estimate's row.
    private static func group(_ object: [String: Any], file: String, kind: String, axis: String,
                              scale: OutcomeForestPlot.Scale, estimateKey: String, path: String) throws -> OutcomeForestPlot.Group {
        guard let outcome = object["outcome"] as? String else {
            throw AnalyseInputError("\(file): key '\(path)outcome' is missing; give the output of prevent analyse --format json")
        }
        guard let estimates = object["estimates"] as? [[String: Any]], !estimates.isEmpty else {
            throw AnalyseInputError("\(file): key '\(path)estimates' is missing or empty; give the output of prevent analyse --format json")
        }
        let control = object["control"] as? String
        let level = (object["level"] as? NSNumber)?.doubleValue
        let rows = try estimates.enumerated().map { index, estimate -> ForestPlot.Row in
            guard let arm = estimate["arm"] as? String else {
                throw AnalyseInputError("\(file): estimate \(index + 1) in '\(path)estimates' has no 'arm'")
            }
            func number(_ key: String) throws -> Double {
                switch estimate[key] {
                case is NSNull: return .nan  // A non-finite or undefined value: not drawn.
                case let value as NSNumber:
                    return value.doubleValue
                default:
                    throw AnalyseInputError("\(file): estimate \(index + 1) ('\(arm)') in '\(path)estimates' has no number '\(key)'")
                }
            }
            return ForestPlot.Row(label: arm, estimate: try number(estimateKey), lower: try number("conf_low"),
                                  upper: try number("conf_high"))
        }
        let percent = level.map { $0 * 100 }.map { $0 == $0.rounded() ? "\(Int($0))" : "\($0)" }
        return OutcomeForestPlot.Group(
            title: "\(outcome): \(kind)" + (control.map { " against \($0)" } ?? ""),
            axisLabel: axis + (percent.map { " (\($0)% CI)" } ?? ""), scale: scale, rows: rows)
    }
}
