import Foundation
import Testing

/// End-to-end tests of `prevent summary` on the bundled study Studies/jigsaw-risk.

private let riskStudy = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/study.yaml").path
private let riskCohort = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/cohort.csv").path
private let ruleLine = "Disclosure control: Counts from 1 to 4 are suppressed ([c]); other counts and all totals are rounded to the nearest 5; "
    + "further cells are suppressed where needed so that no total reveals a suppressed count."

@Test func summaryAppliesDisclosureControlUnderEveryTableByDefault() throws {
    let result = try runPrevent(["summary", "--study", riskStudy, "--cohort", riskCohort, "--area", "area"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let output = result.standardOutput
    for title in ["Factors: people with each factor", "Domains: people with any factor of the domain", "People by band",
                  "Factors and domains present, by band", "People by area", "Factors and domains present, by area",
                  "Co-occurrence: people with both factors", "Score distribution: people at each score"] {
        #expect(output.contains(title + "\n"), "\(title)")
    }
    #expect(output.components(separatedBy: ruleLine).count - 1 == 8)
    #expect(!output.contains("NOT APPLIED"))
    #expect(!output.contains("JR0"))
}

@Test func summaryByArmReadsTheAllocationAndRejectsUnknownArms() throws {
    let folder = try scratchFolder()
    let cohortLines = try String(contentsOfFile: riskCohort, encoding: .utf8).split(separator: "\n").dropFirst()
    let arms = ["control", "police", "partner", "social_media"]
    let allocation = "id,arm\n" + cohortLines.enumerated().map { "\($1.split(separator: ",")[0]),\(arms[$0 % 4])" }.joined(separator: "\n") + "\n"
    let file = folder.appendingPathComponent("allocation.csv")
    try allocation.write(to: file, atomically: true, encoding: .utf8)
    let result = try runPrevent(["summary", "--study", riskStudy, "--cohort", riskCohort, "--allocation", file.path, "--format", "markdown"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput.contains("### Factors and domains present, by arm"))
    #expect(result.standardOutput.contains("|  | control | police | partner | social_media | total |"))

    let bad = allocation.replacingOccurrences(of: "\(cohortLines.first!.split(separator: ",")[0]),control", with: "\(cohortLines.first!.split(separator: ",")[0]),contrl")
    try bad.write(to: file, atomically: true, encoding: .utf8)
    let refused = try runPrevent(["summary", "--study", riskStudy, "--cohort", riskCohort, "--allocation", file.path])
    #expect(refused.status != 0)
    #expect(refused.standardError.contains("allocation.csv:2: column 2 'arm': 'contrl' is not an arm of the study (control, police, partner, social_media)"))
}

@Test func summaryWithoutDisclosureControlOnlyByExplicitFlag() throws {
    let result = try runPrevent(["summary", "--study", riskStudy, "--cohort", riskCohort, "--no-disclosure-control", "--format", "csv"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput.hasPrefix("table,row,column,count,disclosure_control\n"))
    #expect(result.standardOutput.contains("NOT APPLIED (--no-disclosure-control)"))
    #expect(!result.standardOutput.contains("[c]"))
}

@Test func summaryWritesJSONToAFileAtomically() throws {
    let folder = try scratchFolder()
    let out = folder.appendingPathComponent("summary.json").path
    let result = try runPrevent(["summary", "--study", riskStudy, "--cohort", riskCohort, "--format", "json", "--out", out,
                                 "--threshold", "10", "--rounding", "10"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    let data = try Data(contentsOf: URL(fileURLWithPath: out))
    let tables = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    #expect(tables.count == 6)
    for table in tables {
        #expect((table["disclosure_control"] as? String)?.hasPrefix("Disclosure control: Counts from 1 to 9") == true)
        for row in table["cells"] as! [[Any]] {
            for cell in row {
                if let value = cell as? Int { #expect(value % 10 == 0 && !(1 ... 9).contains(value)) } else { #expect(cell as? String == "[c]") }
            }
        }
    }
    let refused = try runPrevent(["summary", "--study", riskStudy, "--cohort", riskCohort, "--threshold", "0"])
    #expect(refused.status != 0)
    #expect(refused.standardError.contains("--threshold must be at least 1, not 0."))
}
