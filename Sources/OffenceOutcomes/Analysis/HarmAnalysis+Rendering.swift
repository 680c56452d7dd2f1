import Foundation
import Reporting
import TrialAnalysis

extension HarmAnalysis {
    /// The three analyses and the shares with any harm, in `format`, ending with a newline.
    ///
    /// Text and Markdown give each analysis in turn (as ``TrialAnalysis/ArmEffects`` renders
    /// it) and then the table of shares; CSV gives one header and a row per arm and analysis
    /// (the `outcome` column tells the analyses apart); JSON gives one object with the keys
    /// `harm`, `log_harm`, `any_harm` (each an analysis object as `prevent analyse` writes it)
    /// and `shares`.
    ///
    /// - Parameter format: The output format.
    /// - Returns: The text to print or save.
    public func rendered(as format: ArmEffects.Format) -> String {
        switch format {
        case .text:
            return sections.map { "\($0.title)\n\n" + $0.effects.rendered(as: .text) }.joined(separator: "\n")
                + "\nShare of people with any harm\n\n" + sharesTable.plainText()
        case .markdown:
            return sections.map { $0.effects.rendered(as: .markdown) }.joined(separator: "\n")
                + "\n### Share of people with any harm\n\n" + sharesTable.markdown()
        case .csv:
            let lines = sections.map { $0.effects.rendered(as: .csv).split(separator: "\n", omittingEmptySubsequences: true) }
            return ([String(lines[0][0])] + lines.flatMap { $0.dropFirst().map(String.init) }).joined(separator: "\n") + "\n"
        case .json:
            var object: [String: Any] = [:]
            for section in sections {
                object[section.key] = try! JSONSerialization.jsonObject(with: Data(section.effects.json().utf8))
            }
            object["shares"] = shares.map { share -> [String: Any] in
                ["arm": share.arm, "n": share.people, "n_with_harm": share.withHarm,
                 "share": share.people > 0 ? share.share as Any : NSNull()]
            }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    /// The three analyses with their titles and JSON keys.
    private var sections: [(title: String, key: String, effects: ArmEffects)] {
        [("Mean difference in harm (days)", "harm", harm),
         ("Mean difference in log(1 + harm)", "log_harm", logHarm),
         ("Difference in the share with any harm", "any_harm", anyHarm)]
    }

    /// Each arm's share with any harm.
    private var sharesTable: TextTable {
        TextTable(header: ["arm", "n", "with harm", "share"],
                  rows: shares.map { share in
                      [share.arm, "\(share.people)", "\(share.withHarm)",
                       share.people > 0 ? String(format: "%.4g", share.share) : "-"]
                  })
    }
}
