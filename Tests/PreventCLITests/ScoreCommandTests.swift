import Foundation
import Testing

/// End-to-end tests of `prevent score` on the bundled study Studies/jigsaw-risk.

private let riskStudy = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/study.yaml").path
private let riskCohort = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/cohort.csv").path

private func write(_ contents: String, to name: String, in folder: URL) throws -> String {
    let file = folder.appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

@Test func scoreWritesOneRowPerPersonWithoutNominalFields() throws {
    let folder = try scratchFolder()
    let out = folder.appendingPathComponent("scores.csv").path
    let result = try runPrevent(["score", "--study", riskStudy, "--cohort", riskCohort, "--out", out])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 401)
    #expect(lines[0] == "id,score_criminality,score_identity,score_networks,score_ability,score,band,confidence,factors_present,factors_not_assessed")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    for nominal in ["referral_date", "home_easting", "2024-", "north", "reoffended"] { #expect(!text.contains(nominal)) }
    // Some people have no home location: counted on standard error, never named.
    #expect(result.standardError.contains("people have no home location: scored without ocg_neighbourhood, drugs_and_firearms_area, drug_supply_hot_cell (listed as not assessed)"))
    #expect(!result.standardError.contains("JR0"))
    #expect(text.contains("ocg_neighbourhood;drugs_and_firearms_area;drug_supply_hot_cell"))
}

@Test func scoreReplacesAFileOnlyWithForce() throws {
    let folder = try scratchFolder()
    let out = try write("keep\n", to: "scores.csv", in: folder)
    let refused = try runPrevent(["score", "--study", riskStudy, "--cohort", riskCohort, "--out", out])
    #expect(refused.status != 0)
    #expect(refused.standardError.contains("the file exists; give --force to replace it"))
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep\n")
    let forced = try runPrevent(["score", "--study", riskStudy, "--cohort", riskCohort, "--out", out, "--force"])
    #expect(forced.status == 0, "stderr: \(forced.standardError)")
}

@Test func scoreWritesNothingWhenAFactorNamesAMissingColumn() throws {
    let folder = try scratchFolder()
    let cohort = try write("id,ocg_link\nA,yes\n", to: "cohort.csv", in: folder)
    let study = try write("""
        study: s
        arms: [{name: control}, {name: police}]
        randomisation: {scheme: simple}
        risk_factors:
          factors:
            - {id: link, domain: networks, column: ocg_link}
            - {id: low, domain: identity, column: attainment, below: 40}
          bands: [{name: low, from: 0}]
        """, to: "study.yaml", in: folder)
    let out = folder.appendingPathComponent("scores.csv").path
    let result = try runPrevent(["score", "--study", study, "--cohort", cohort, "--out", out])
    #expect(result.status != 0)
    #expect(result.standardError.contains("cohort.csv: no column named 'attainment'"))
    #expect(result.standardError.contains("(factor low)"))
    #expect(!FileManager.default.fileExists(atPath: out))
}

@Test func scoreReportsEveryProblemOfTheSectionAtOnce() throws {
    let folder = try scratchFolder()
    let study = try write("""
        study: s
        arms: [{name: control}, {name: police}]
        randomisation: {scheme: simple}
        risk_factors:
          factors:
            - {id: link, domain: networks, column: ocg_link, weight: lots}
          bands: [{name: low, from: 0}, {name: high, from: 5}, {name: medium, from: 2}]
        """, to: "study.yaml", in: folder)
    let out = folder.appendingPathComponent("scores.csv").path
    let result = try runPrevent(["score", "--study", study, "--cohort", riskCohort, "--out", out])
    #expect(result.status != 0)
    #expect(result.standardError.contains("study.yaml: risk_factors.factors[0].weight: 'lots' is not a number"))
    #expect(result.standardError.contains("study.yaml: risk_factors.bands[2].from: cut-offs must increase: 2 is not above the previous band's 5"))
    #expect(!FileManager.default.fileExists(atPath: out))
}

@Test func scoreNamesTheLineAndColumnOfABadFlag() throws {
    let folder = try scratchFolder()
    let cohort = try write("id,ocg_link\nA,yes\nB,perhaps\n", to: "cohort.csv", in: folder)
    let study = try write("""
        study: s
        arms: [{name: control}, {name: police}]
        randomisation: {scheme: simple}
        risk_factors:
          factors: [{id: link, domain: networks, column: ocg_link}]
          bands: [{name: low, from: 0}]
        """, to: "study.yaml", in: folder)
    let out = folder.appendingPathComponent("scores.csv").path
    let result = try runPrevent(["score", "--study", study, "--cohort", cohort, "--out", out])
    #expect(result.status != 0)
    #expect(result.standardError.contains("cohort.csv:3: column 2 'ocg_link': \"perhaps\" is not yes or no (factor link)"))
    #expect(!FileManager.default.fileExists(atPath: out))
}

@Test func scoreNeedsHotspotLayersForTheProfilesNeighbourhoodFactor() throws {
    let folder = try scratchFolder()
    let study = try write("""
        study: s
        arms: [{name: control}, {name: police}]
        randomisation: {scheme: simple}
        """, to: "study.yaml", in: folder)
    let out = folder.appendingPathComponent("scores.csv").path
    let result = try runPrevent(["score", "--study", study, "--cohort", riskCohort, "--out", out])
    #expect(result.status != 0)
    #expect(result.standardError.contains("factor ocg_neighbourhood reads home locations against hotspot layers: give risk_factors.hotspots in the study, or --hotspots"))
    // Without the study's hotspot settings, a crimes file has columns x and y, all of one type.
    let bundled = repositoryRoot.appendingPathComponent("Studies/jigsaw-risk/crimes.csv").path
    let wrongColumns = try runPrevent(["score", "--study", study, "--cohort", riskCohort, "--hotspots", bundled, "--out", out])
    #expect(wrongColumns.standardError.contains("crimes.csv: no column 'x' (columns: easting,northing,crime_type)"))
    let crimes = try write(try String(contentsOfFile: bundled, encoding: .utf8).replacingOccurrences(of: "easting,northing,", with: "x,y,"),
                           to: "crimes.csv", in: folder)
    // The profile's default catalogue reads its columns by their default names; this cohort has
    // no prior_offences column, so the command names it.
    let withLayers = try runPrevent(["score", "--study", study, "--cohort", riskCohort, "--hotspots", crimes, "--out", out])
    #expect(withLayers.status != 0)
    #expect(withLayers.standardError.contains("no column named 'prior_offences'"))
    #expect(!FileManager.default.fileExists(atPath: out))
}

@Test func scoreFitGivesProbabilitiesInTheYardsticksWordsAndAValidationTable() throws {
    let folder = try scratchFolder()
    let out = folder.appendingPathComponent("scores.csv").path
    let result = try runPrevent(["score", "--study", riskStudy, "--cohort", riskCohort, "--out", out,
                                 "--fit", "--outcome", "reoffended", "--yardstick", "profile"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    for line in ["Risk model: Lasso logistic regression, lambda", "Cross-validated AUC", "DeLong", "Brier score",
                 "calibration slope", "Calibration by group of predicted probability", "Disclosure control: Counts from 1 to 4"] {
        #expect(result.standardOutput.contains(line), "\(line)")
    }
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(text.hasPrefix("id,score_criminality,score_identity,score_networks,score_ability,score,band,confidence,probability,yardstick,"))
    let profilePhrases = ["Remote or highly unlikely", "Improbable or unlikely", "Realistic possibility", "Probable or likely",
                          "Highly/very probable or likely", "Almost certain", "between "]
    let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let withProbability = rows.filter { $0[8] != "NA" }
    #expect(withProbability.count > 300)
    #expect(withProbability.allSatisfy { row in profilePhrases.contains { row[9].hasPrefix($0) } })
    // People with a factor not assessed (no home, say) get no probability rather than one that
    // treats the factor as absent.
    #expect(rows.filter { $0[8] == "NA" }.allSatisfy { !$0[11].isEmpty && $0[11] != "\"\"" })
}

@Test func scoreFitRejectsAnOutcomeWithOneClassOrThatIsNotBinary() throws {
    let folder = try scratchFolder()
    let oneClass = try String(contentsOfFile: riskCohort, encoding: .utf8)
        .split(separator: "\n").enumerated().map { $0 == 0 ? String($1) : String($1.dropLast()) + "1" }.joined(separator: "\n") + "\n"
    let cohort = try write(oneClass, to: "cohort.csv", in: folder)
    let out = folder.appendingPathComponent("scores.csv").path
    let result = try runPrevent(["score", "--study", riskStudy, "--cohort", cohort, "--out", out, "--fit", "--outcome", "reoffended"])
    #expect(result.status != 0)
    #expect(result.standardError.contains("cohort.csv: --outcome 'reoffended': the outcome has one class"))
    #expect(!FileManager.default.fileExists(atPath: out))
    let notBinary = try runPrevent(["score", "--study", riskStudy, "--cohort", riskCohort, "--out", out, "--fit", "--outcome", "age"])
    #expect(notBinary.status != 0)
    #expect(notBinary.standardError.contains("cohort.csv:2: column 2 'age': \"21\" is not an outcome of 1 or 0 (yes or no)"))
    #expect(!FileManager.default.fileExists(atPath: out))
    let noFit = try runPrevent(["score", "--study", riskStudy, "--cohort", riskCohort, "--out", out, "--outcome", "reoffended"])
    #expect(noFit.standardError.contains("--outcome is used only with --fit."))
}
