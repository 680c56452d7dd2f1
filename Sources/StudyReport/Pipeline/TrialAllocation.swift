import DataTables
import EnrolmentRegister
import Foundation
import Randomisation

/// Which arm each person of the cohort is in: from a batch allocation of the eligible cohort
/// under the study's scheme, or from the trickle-flow register's records.
struct TrialAllocation {
    /// The arms, in the study's order.
    let arms: [String]
    /// Each cohort row's arm index, or `nil` when the person is not allocated.
    let armOfRow: [Int?]
    /// How the allocation was made, for the report.
    let source: String

    /// Allocates the eligible rows of the cohort at once, exactly as `prevent allocate
    /// --exclude-ineligible` does.
    ///
    /// - Throws: ``StudyReportError`` naming the cohort row at fault, or a missing seed.
    init(batch table: DataTable, eligibleRows: [Int], design: AllocationDesign, file: String, idColumn: String) throws {
        guard let seed = design.studyProtocol.randomisation.seed else {
            throw StudyReportError(file: "study.yaml", message: "randomisation.seed: there is no seed; the report's allocation needs one")
        }
        let eligible = table.selectingRows(eligibleRows)
        let allocation: CohortAllocation
        do {
            allocation = try design.allocate(table: eligible, idColumn: idColumn, seed: seed)
        } catch let error as AllocationError {
            let place = error.row.map { "\(file): row \(eligibleRows[$0] + 1)" } ?? file
            throw StudyReportError(file: place, message: "\(error)")
        }
        var arms = [Int?](repeating: nil, count: table.rowCount)
        for (position, row) in eligibleRows.enumerated() { arms[row] = Int(allocation.armIndices[position]) }
        self.arms = design.armNames
        self.armOfRow = arms
        self.source = "\(design.scheme.rawValue) allocation of the eligible cohort (seed \(seed))"
    }

    /// Reads the allocations recorded in a trickle-flow register, matching its pseudonyms to the
    /// cohort's identifiers with the register's secret.
    ///
    /// - Throws: the register's errors (not a register, wrong secret), and ``StudyReportError``
    ///   for an arm the study does not have.
    init(register path: String, keyFile: String?, table: DataTable, idColumn: String, arms: [String]) throws {
        let register = try EnrolmentRegister(opening: path, keyFile: keyFile)
        let records = try register.records()
        let ids = try table.categorical(idColumn)
        var rowOfPseudonym: [String: Int] = [:]
        for row in 0 ..< table.rowCount {
            if let id = ids[row] { rowOfPseudonym[register.pseudonym(of: id)] = row }
        }
        var armOfRow = [Int?](repeating: nil, count: table.rowCount)
        for record in records {
            guard let arm = arms.firstIndex(of: record.arm) else {
                throw StudyReportError(file: path, message: "enrolment \(record.sequence) is in arm '\(record.arm)', which the study does not have (\(arms.joined(separator: ", ")))")
            }
            if let row = rowOfPseudonym[record.pseudonym] { armOfRow[row] = arm }
        }
        self.arms = arms
        self.armOfRow = armOfRow
        self.source = "the enrolment register (\(records.count) enrolments)"
    }

    /// The allocated rows, in cohort order.
    var allocatedRows: [Int] { armOfRow.indices.filter { armOfRow[$0] != nil } }

    /// People allocated to each arm.
    var counts: [Int] {
        var counts = [Int](repeating: 0, count: arms.count)
        for arm in armOfRow { if let arm { counts[arm] += 1 } }
        return counts
    }
}

extension DataTable {
    /// The rows at `rows`, in that order.
    func selectingRows(_ rows: [Int]) -> DataTable {
        DataTable(zip(columnNames, columns).map { name, column in
            switch column {
            case let .numeric(numbers): return (name, Column.numeric(NumericColumn(rows.map { numbers.values[$0] })))
            case let .categorical(labels):
                return (name, Column.categorical(CategoricalColumn(levels: labels.levels, codes: rows.map { labels.codes[$0] })))
            }
        })
    }
}
