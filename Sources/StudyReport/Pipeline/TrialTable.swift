import DataTables
import OffenceOutcomes

/// The analysis table: one row per allocated person, in cohort order, with the arm, the stratum
/// (the stratification fields joined) and the per-person outcomes. It holds no identifiers.
struct TrialTable {
    /// The table: `arm`, `stratum` (when stratified) and ``OffenceOutcomes/outcomeColumns``.
    let table: DataTable
    /// Each row's arm index.
    let armIndices: [Int]

    /// Joins the allocation and the outcomes.
    ///
    /// - Parameters:
    ///   - allocation: each cohort row's arm.
    ///   - outcomes: each cohort row's outcomes, in cohort order.
    ///   - strata: each cohort row's stratum label, or `nil` when the design has no strata.
    init(allocation: TrialAllocation, outcomes: OffenceOutcomes, strata: [String]?) {
        let rows = allocation.allocatedRows
        let people = rows.map { outcomes.people[$0] }
        armIndices = rows.map { allocation.armOfRow[$0]! }
        var columns: [(name: String, column: Column)] = [
            ("arm", .categorical(CategoricalColumn(levels: allocation.arms, codes: armIndices.map { Int32($0) }))),
        ]
        if let strata {
            columns.append(("stratum", .categorical(CategoricalColumn(rows.map { Optional(strata[$0]) }))))
        }
        func numbers(_ name: String, _ value: (PersonOutcome) -> Double) {
            columns.append((name, .numeric(NumericColumn(people.map(value)))))
        }
        numbers("any_offence") { $0.anyOffence ? 1 : 0 }
        numbers("offence_count") { Double($0.offenceCount) }
        numbers("harm") { $0.harm }
        numbers("log_harm") { $0.logHarm }
        numbers("time_to_first_offence") { Double($0.timeToFirstOffence) }
        numbers("first_offence") { $0.firstOffenceObserved ? 1 : 0 }
        numbers("days_at_risk") { Double($0.daysAtRisk) }
        numbers("lost_to_follow_up") { $0.lostToFollowUp ? 1 : 0 }
        table = DataTable(columns)
    }
}
