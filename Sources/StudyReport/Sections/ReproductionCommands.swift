import Foundation
import RiskScoring
import StudyProtocol

/// The `prevent` commands that reproduce each step of the report on the study folder. They name
/// the folder as `$STUDY` and write into `work/` beside the notebook.
struct ReproductionCommands {
    let study: StudyFolder
    let catalogue: RiskCatalogue
    let registerFile: String?

    private static let s = "\"$STUDY\""

    /// Whether the risk table has areas, for the summaries by area.
    let hasAreas: Bool

    /// A file by its name within the study folder (`"$STUDY"/crimes.csv`), or quoted as it is when
    /// it lies elsewhere.
    private func file(_ path: String) -> String {
        let folder = URL(fileURLWithPath: study.path).standardizedFileURL.path + "/"
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return absolute.hasPrefix(folder) ? "\(Self.s)/\(absolute.dropFirst(folder.count))" : "'\(path)'"
    }

    private var riskPeople: String { study.populationFile.map(file) ?? file(study.cohortFile) }

    var hotspots: [String] {
        guard let settings = catalogue.hotspots else { return [] }
        var line = "prevent hotspots --points \(file(settings.crimesFile)) --x \(settings.xColumn) --y \(settings.yColumn)"
        if let type = settings.typeColumn { line += " --type \(type)" }
        line += " --cell \(NumberText.fixed(settings.cellSize, 0)) --fdr \(settings.falseDiscoveryRate) --geojson work/hotspots.geojson"
        return [line]
    }

    var scores: [String] {
        ["prevent score --study \(file(study.studyFile)) --cohort \(riskPeople) --out work/scores.csv --force",
         "prevent summary --study \(file(study.studyFile)) --cohort \(riskPeople)\(hasAreas ? " --area area" : "") --format markdown"]
    }

    var allocation: [String] {
        let allocate: String
        if let registerFile {
            allocate = "prevent register export --db '\(registerFile)' --out work/allocation.csv"
        } else {
            allocate = "prevent allocate --study \(file(study.studyFile)) --cohort \(file(study.cohortFile)) --exclude-ineligible --out work/allocation.csv --force"
        }
        return [allocate, "prevent summary --study \(file(study.studyFile)) --cohort \(riskPeople) --allocation work/allocation.csv --format markdown"]
    }

    var balance: [String] {
        ["prevent balance --study \(file(study.studyFile)) --cohort \(file(study.cohortFile)) --allocation work/allocation.csv --format markdown --plot work/love-plot.svg"]
    }

    var outcomes: [String] {
        let o = study.outcomes
        return ["prevent outcomes --offences \(file(o.offencesFile)) --cohort \(file(study.cohortFile)) --harm-weights \(file(o.harmWeightsFile)) "
            + "--follow-up \(o.followUpDays) --unknown-people ignore --out work/outcomes.csv --force"]
    }

    /// Joins the allocation, the outcomes and the strata into `work/trial.csv` for `analyse`
    /// (Python and pandas, since a notebook has them to hand).
    var trialTable: String {
        """
        import pandas as pd
        allocation = pd.read_csv("work/allocation.csv", dtype={"id": str})
        outcomes = pd.read_csv("work/outcomes.csv", dtype={"id": str})
        trial = allocation[["id", "arm", "stratum"]].merge(outcomes, on="id")
        trial.to_csv("work/trial.csv", index=False)
        print(len(trial), "people allocated with outcomes")
        """
    }

    private func analyse(_ rest: String, blocks: Bool) -> String {
        "prevent analyse --data work/trial.csv --arm arm --control \(study.studyProtocol.control.name) \(rest)\(blocks ? " --blocks stratum" : "") --format markdown"
    }

    func anyOffence(blocks: Bool) -> [String] {
        [analyse("--outcome any_offence --family binomial --estimand risk-difference --plot work/any-offence.svg", blocks: blocks),
         analyse("--outcome any_offence --family binomial --estimand odds-ratio", blocks: blocks)]
    }

    func offences(blocks: Bool) -> [String] {
        [analyse("--outcome offence_count --family poisson --exposure days_at_risk", blocks: blocks),
         analyse("--outcome offence_count --family negbin --exposure days_at_risk --plot work/offences.svg", blocks: blocks)]
    }

    var harm: [String] {
        [analyse("--outcome harm --family harm --plot work/harm.svg", blocks: false)]
    }

    func survival(blocks: Bool) -> [String] {
        [analyse("--outcome time_to_first_offence --event first_offence --family survival --plot work/time-to-first-offence.svg", blocks: blocks)]
    }

    func power(arms: Int, ratio: Double, total: Int, controlProportion: Double) -> [String] {
        ["prevent power --arms \(arms) --ratio \(NumberText.fixed(ratio, 4)) --outcome proportions --control-proportion \(NumberText.fixed(controlProportion, 4)) "
            + "--n \(total) --power 0.8 --multiplicity holm"]
    }
}
