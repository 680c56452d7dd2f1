import DataTables
import Foundation
import GeneralisedLinearModels
import LinearAlgebra
import OffenceOutcomes
import Randomisation
import StudyProtocol
import SurvivalAnalysis
import Testing
import TrialAnalysis
@testable import StudySimulation

/// The end-to-end check of the simulation against the analyses: across many small simulated
/// trials at fixed seeds, every 95% confidence interval covers the simulation's truth at close to
/// its nominal rate, for each arm against control and each outcome.
///
/// Each trial goes the light way through the libraries: a population of 1,000 nominals scored on
/// the catalogue's non-spatial factors, the 400 highest-risk enrolled over nine months, the
/// eligible allocated by the study's stratified permuted blocks, offences over follow-up drawn
/// from the generating model, per-person outcomes from the offence records (OffenceOutcomes),
/// and then the analyses `prevent analyse` runs: the risk difference of any offence by a linear
/// probability model with HC2, the rate ratio of counted offences by Poisson regression with the
/// days at risk as exposure and HC0 (OutcomeEffectModel), the difference in mean harm with HC2,
/// and the hazard ratio of the first offence by Cox regression (SurvivalEffectModel). The two
/// linear models are fitted with RobustLinearModel on the arm indicators, the fit ArmEffectModel
/// makes, without the Dunnett adjustment it adds (whose multivariate t integrals would dominate
/// the run time of a debug build); the first trial checks that the intervals are the same.
@Suite struct CoverageTests {
    static let trials = 160
    static let people = 1_000
    static let cohort = 400

    /// Whether each interval covered the truth, by outcome and arm.
    struct Coverage {
        var covered: [String: Int] = [:]
        var trials = 0

        mutating func record(_ outcome: String, _ arm: String, lower: Double, upper: Double, truth: Double) {
            if lower <= truth && truth <= upper { covered["\(outcome) \(arm)", default: 0] += 1 }
        }
    }

    /// The non-spatial part of the study's catalogue: the flag factors and repeat offending.
    static func score(_ person: SimulatedPerson) -> Double {
        let weights: [String: Double] = ["ocg_link": 3, "low_attainment_or_exclusion": 1, "violence_at_home": 2,
                                         "impulsive_or_violent": 2, "specialist_access": 1]
        var score = zip(PopulationModel.standard.factors, person.factors).reduce(0.0) { total, pair in
            total + (pair.1 == true ? weights[pair.0.column] ?? 0 : 0)
        }
        if person.priorOffenceCount(withinDays: 730) >= 2 { score += 3 }
        return score
    }

    /// One simulated trial's outcomes table (with its arm column) and truth.
    static func trial(seed: UInt64, folder: URL) throws -> (table: DataTable, truth: TrueEffects) {
        let simulator = StudySimulator(settings: SimulationSettings(seed: seed, people: people, cohort: cohort))
        let people = simulator.population.people(count: Self.people, idPrefix: "JT", area: simulator.area, offences: simulator.offences,
                                                 referralYear: StudySimulator.referralYear, seed: seed, stream: "population")
        let scores = people.map(Self.score)
        let bands = scores.map { $0 >= 8 ? "high" : $0 >= 4 ? "medium" : "low" }
        let members = simulator.enrolment.cohort(of: people, scores: scores, bands: bands, count: cohort, seed: seed)
        let yaml = StudyFileText.text(study: "coverage", seed: seed, areaLabels: simulator.area.areaLabels, followUpDays: 365)
        let design = try AllocationDesign(protocol: try StudyProtocol(yaml: yaml))
        let units = members.map { StudyTables.enrolmentUnit($0, person: people[$0.person], area: simulator.area, model: simulator.population) }
        let eligible = try units.map { try design.eligibilityFailures(of: $0).isEmpty }
        let allocated = members.indices.filter { eligible[$0] }
        let allocation = try design.allocate(allocated.map { units[$0] }, seed: seed)
        var arms = [String?](repeating: nil, count: members.count)
        for (position, member) in allocated.enumerated() { arms[member] = design.armNames[Int(allocation.armIndices[position])] }
        let later = simulator.followUpOffences(people: people, members: members, arms: arms)

        // The analysed people's cohort and offence records, read back as `prevent outcomes` reads them.
        var cohortText = "id,allocation_date,lost_to_follow_up\n"
        var records: [(id: String, offences: [SimulatedOffence])] = []
        for member in allocated {
            let m = members[member], person = people[m.person]
            let lost = m.lostAfterDays.map { m.enrolmentDate.adding(days: $0).description } ?? ""
            cohortText += "\(person.id),\(m.enrolmentDate),\(lost)\n"
            records.append((person.id, person.priorOffences + later[member]))
        }
        let cohortFile = folder.appendingPathComponent("cohort-\(seed).csv").path
        let offencesFile = folder.appendingPathComponent("offences-\(seed).csv").path
        try cohortText.write(toFile: cohortFile, atomically: true, encoding: .utf8)
        try StudyTables.offences(records).write(toFile: offencesFile, atomically: true, encoding: .utf8)
        let outcomes = try OffenceOutcomes(offencesFile: offencesFile, cohortFile: cohortFile,
                                           harmWeights: HarmWeights(days: HarmWeightsExample.days), settings: FollowUpSettings(followUpDays: 365))
        var table = outcomes.table
        table.append(.categorical(CategoricalColumn(allocated.map { arms[$0] })), named: "arm")
        let truth = simulator.trueEffects(people: people, analysed: allocated.map { members[$0] }, armNames: design.armNames,
                                          armShares: design.shares)
        return (table, truth)
    }

    /// Each intervention arm's 95% interval against control from OLS of `outcome` on an intercept
    /// and the arm indicators with HC2 and N − K degrees of freedom.
    static func armIntervals(_ table: DataTable, outcome: String, arms: [String]) throws -> [String: (lower: Double, upper: Double)] {
        let labels = try table.categorical("arm")
        let y = try table.numeric(outcome).values
        var columns = [[Double](repeating: 1, count: table.rowCount)]
        for arm in arms { columns.append((0 ..< table.rowCount).map { labels[$0] == arm ? 1 : 0 }) }
        let model = try RobustLinearModel(design: Matrix(columns: columns), response: Vector(y),
                                          columnNames: ["(Intercept)"] + arms, estimator: .hc2)
        var intervals: [String: (lower: Double, upper: Double)] = [:]
        for (index, arm) in arms.enumerated() {
            let inference = try #require(model.inference(forColumn: index + 1, level: 0.95))
            intervals[arm] = (inference.lowerBound, inference.upperBound)
        }
        return intervals
    }

    @Test func intervalsCoverTheTruthAtTheNominalRate() throws {
        let folder = try SimulatedStudies.scratchFolder()
        var coverage = Coverage()
        for seed in 1 ... UInt64(Self.trials) {
            let (table, truth) = try Self.trial(seed: seed, folder: folder)
            let risk = try Self.armIntervals(table, outcome: "any_offence", arms: truth.arms.map(\.arm))
            let harm = try Self.armIntervals(table, outcome: "harm", arms: truth.arms.map(\.arm))
            if seed == 1 {
                let full = try ArmEffectModel(outcome: "any_offence", arm: "arm", control: "control").fit(table)
                for effect in full.effects {
                    let light = try #require(risk[effect.arm])
                    #expect(abs(light.lower - effect.lowerBound) < 1e-12 && abs(light.upper - effect.upperBound) < 1e-12)
                }
            }
            let counts = try OutcomeEffectModel(outcome: "offence_count", arm: "arm", control: "control", family: .poisson,
                                                exposure: "days_at_risk").fit(table)
            let survival = try SurvivalEffectModel(outcome: .times(time: "time_to_first_offence", event: "first_offence"),
                                                   arm: "arm", control: "control").fit(table)
            for arm in truth.arms {
                let r = try #require(risk[arm.arm])
                coverage.record("risk difference", arm.arm, lower: r.lower, upper: r.upper, truth: arm.riskDifference)
                let h = try #require(harm[arm.arm])
                coverage.record("harm mean difference", arm.arm, lower: h.lower, upper: h.upper, truth: arm.harmMeanDifference)
                let c = try #require(counts.effects.first { $0.arm == arm.arm })
                coverage.record("rate ratio", arm.arm, lower: c.lowerBound, upper: c.upperBound, truth: arm.rateRatio)
                let s = try #require(survival.hazardRatios.first { $0.arm == arm.arm })
                coverage.record("hazard ratio", arm.arm, lower: s.lowerBound, upper: s.upperBound, truth: arm.hazardRatio)
            }
            coverage.trials += 1
        }
        try? FileManager.default.removeItem(at: folder)
        // Three binomial standard errors either side of 0.95.
        let tolerance = 3 * (0.95 * 0.05 / Double(coverage.trials)).squareRoot()
        for outcome in ["risk difference", "rate ratio", "harm mean difference", "hazard ratio"] {
            for arm in ["police", "partner", "social_media"] {
                let rate = Double(coverage.covered["\(outcome) \(arm)", default: 0]) / Double(coverage.trials)
                #expect(abs(rate - 0.95) <= tolerance, "\(outcome), \(arm) against control: coverage \(rate) over \(coverage.trials) trials")
            }
        }
    }
}
