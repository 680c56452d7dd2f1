import DataTables
import Foundation
import PowerAnalysis

/// The smallest effects the trial, as allocated, could find with 80% power at the 5% level with
/// Holm's adjustment across the intervention arms: for any offence (a difference in
/// proportions from the control arm's share), for the offence rate (a rate ratio from the control
/// arm's rate and the mean days at risk) and for log(1 + harm) (a difference in means in units of
/// its standard deviation).
struct AchievedPower {
    /// One outcome's minimum detectable effect.
    struct Row {
        let outcome: String
        let measure: String
        let controlValue: String
        /// The effect, or `nil` with the reason it could not be computed.
        let effect: Double?
        let problem: String?
    }

    /// The target power.
    static let power = 0.8

    let rows: [Row]
    /// Everyone allocated.
    let total: Int
    /// Intervention arms.
    let interventionArms: Int
    /// Control size over the mean intervention arm size.
    let controlRatio: Double
    /// The control arm's share with any offence.
    let controlProportion: Double

    init(trial: TrialTable, arms: [String], control: Int) {
        let table = trial.table
        let any = (try? table.numeric("any_offence").values) ?? []
        let counts = (try? table.numeric("offence_count").values) ?? []
        let days = (try? table.numeric("days_at_risk").values) ?? []
        let logHarm = (try? table.numeric("log_harm").values) ?? []
        var sizes = [Int](repeating: 0, count: arms.count)
        for arm in trial.armIndices { sizes[arm] += 1 }
        let controlRows = trial.armIndices.indices.filter { trial.armIndices[$0] == control }
        let others = sizes.indices.filter { $0 != control }.map { Double(sizes[$0]) }
        let total = trial.armIndices.count, interventionArms = others.count
        let meanArm = others.isEmpty ? 0 : others.reduce(0, +) / Double(others.count)
        let controlRatio = meanArm > 0 ? Double(sizes[control]) / meanArm : 1
        self.total = total
        self.interventionArms = interventionArms
        self.controlRatio = controlRatio
        let p0 = controlRows.isEmpty ? Double.nan : controlRows.reduce(0) { $0 + any[$1] } / Double(controlRows.count)
        controlProportion = p0
        let controlDays = controlRows.reduce(0) { $0 + days[$1] }
        let rate = controlDays > 0 ? controlRows.reduce(0) { $0 + counts[$1] } / controlDays : .nan
        let meanDays = days.isEmpty ? .nan : days.reduce(0, +) / Double(days.count)
        let mean = logHarm.isEmpty ? .nan : logHarm.reduce(0, +) / Double(logHarm.count)
        let sd = logHarm.count > 1 ? (logHarm.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logHarm.count - 1)).squareRoot() : .nan

        func solve(_ outcome: String, _ measure: OutcomeMeasure, _ control: String) -> Row {
            guard interventionArms >= 1 else {
                return Row(outcome: outcome, measure: measure.name, controlValue: control, effect: nil, problem: "there is no intervention arm")
            }
            do {
                let design = TrialPowerDesign(interventionArms: interventionArms, controlRatio: controlRatio, outcome: measure,
                                              multipleComparisons: .holm)
                let result = try design.minimumDetectableEffect(totalSize: Double(total), power: Self.power)
                return Row(outcome: outcome, measure: measure.name, controlValue: control, effect: result.effect, problem: nil)
            } catch {
                return Row(outcome: outcome, measure: measure.name, controlValue: control, effect: nil, problem: "\(error)")
            }
        }
        rows = [
            solve("Any offence", .proportions(control: p0), "control share \(NumberText.percent(p0))"),
            solve("Offences", .rates(control: rate * 365.25, followUp: meanDays / 365.25),
                  "control rate \(NumberText.fixed(rate * 365.25, 3)) a year"),
            solve("log(1 + harm)", .means(standardDeviation: sd), "standard deviation \(NumberText.fixed(sd, 3))"),
        ]
    }
}
