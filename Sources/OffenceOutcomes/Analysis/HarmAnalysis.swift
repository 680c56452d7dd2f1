import DataTables
import Foundation
import TrialAnalysis

/// The three analyses of crime harm that trials in this field report, from a per-person
/// outcomes table (such as `OffenceOutcomes.table`, joined to the allocation by id):
///
/// 1. each arm's mean difference in harm against control (``TrialAnalysis/ArmEffectModel``, HC2
///    by default);
/// 2. the same on log(1 + harm), which tames harm's long right tail (a few serious offences
///    carry most of it);
/// 3. the share of people with any harm in each arm, and each arm's difference in that share
///    against control (a linear probability model, HC2).
///
/// Rows with a missing harm or arm are dropped by each analysis and counted in its result.
public struct HarmAnalysis: Sendable {
    /// One arm's share of people with any harm.
    public struct ArmShare: Sendable, Hashable {
        /// The arm's name.
        public let arm: String
        /// People in the arm with a harm value.
        public let people: Int
        /// Of them, people with harm above zero.
        public let withHarm: Int
        /// withHarm / people.
        public var share: Double { Double(withHarm) / Double(people) }
    }

    /// The mean difference in harm.
    public let harm: ArmEffects
    /// The mean difference in log(1 + harm).
    public let logHarm: ArmEffects
    /// The difference in the share with any harm.
    public let anyHarm: ArmEffects
    /// Each arm's share with any harm, control first.
    public let shares: [ArmShare]

    /// Runs the three analyses.
    ///
    /// - Parameters:
    ///   - table: One row per person with a harm column and an arm column.
    ///   - arm: The arm column.
    ///   - control: The control arm's value.
    ///   - harmColumn: The harm column (days); default `harm`. Its log(1 + harm) and any-harm
    ///     indicator are derived from it.
    ///   - covariates: Baseline covariates for Lin's adjustment; default none.
    ///   - variance: The variance estimator; default HC2.
    ///   - confidenceLevel: Default 0.95.
    /// - Returns: The analyses.
    /// - Throws: ``TrialAnalysis/TrialAnalysisError`` for a missing or non-numeric column, an
    ///   unknown control, an empty arm, or a negative harm (reported as a bad value of the
    ///   harm column).
    public static func analyse(_ table: DataTable, arm: String, control: String, harmColumn: String = "harm",
                               covariates: [String] = [], variance: VarianceEstimator = .hc2,
                               confidenceLevel: Double = 0.95) throws -> HarmAnalysis {
        guard let column = table[harmColumn] else {
            throw TrialAnalysisError.column(harmColumn, problem: "there is no such column (it was given as the harm)")
        }
        guard case let .numeric(values) = column else {
            throw TrialAnalysisError.column(harmColumn, problem: "the harm must be numeric, but the column holds text")
        }
        if let row = values.values.firstIndex(where: { $0 < 0 }) {
            throw TrialAnalysisError.column(harmColumn, problem: "data row \(row + 1) holds \(values.values[row]); harm is days and cannot be negative")
        }
        var extended = table
        let logName = "log(1 + \(harmColumn))", anyName = "any \(harmColumn) (\(harmColumn) > 0)"
        extended.append(.numeric(NumericColumn(values.values.map { $0.isNaN ? .nan : Foundation.log1p($0) })), named: logName)
        extended.append(.numeric(NumericColumn(values.values.map { $0.isNaN ? .nan : ($0 > 0 ? 1 : 0) })), named: anyName)
        func model(_ outcome: String) -> ArmEffectModel {
            ArmEffectModel(outcome: outcome, arm: arm, control: control, covariates: covariates, variance: variance,
                           confidenceLevel: confidenceLevel)
        }
        let harm = try model(harmColumn).fit(extended)
        let logHarm = try model(logName).fit(extended)
        let anyHarm = try model(anyName).fit(extended)

        // Shares per arm among the rows the any-harm analysis kept.
        let arms = [anyHarm.control] + anyHarm.effects.map(\.arm)
        let armLabels: [String?]
        switch table[arm]! {
        case let .categorical(labels): armLabels = labels.values
        case let .numeric(numbers): armLabels = numbers.values.map { $0.isNaN ? nil : ReportLabel.number($0) }
        }
        var people = [Int](repeating: 0, count: arms.count), withHarm = people
        for (row, label) in armLabels.enumerated() {
            guard let label, let a = arms.firstIndex(of: label), !values.values[row].isNaN else { continue }
            people[a] += 1
            if values.values[row] > 0 { withHarm[a] += 1 }
        }
        let shares = arms.indices.map { ArmShare(arm: arms[$0], people: people[$0], withHarm: withHarm[$0]) }
        return HarmAnalysis(harm: harm, logHarm: logHarm, anyHarm: anyHarm, shares: shares)
    }
}

/// Arm labels for numeric arm columns, as R prints numbers (and as ArmEffectModel names them).
enum ReportLabel {
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
