import DataTables
import StudyProtocol

/// A balance check that cannot be made, naming what is wrong.
public struct BalanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem, as a sentence.
    public var message: String
    /// The 0-based row of the allocation file at fault, when there is one.
    public var row: Int?

    /// Creates an error.
    public init(_ message: String, row: Int? = nil) {
        self.message = message
        self.row = row
    }

    /// The message.
    public var description: String { message }
}

extension BalanceReport {
    /// The balance of an allocation (`id`, `arm` columns, as `prevent allocate` writes) of a
    /// cohort under a study protocol.
    ///
    /// The covariates are the protocol's baseline fields the cohort has (except the cluster
    /// field); without declared baseline fields, every cohort column except the id and cluster.
    /// Every allocated id must be in the cohort; cohort rows not in the allocation (people not
    /// allocated) are left out.
    ///
    /// - Throws: ``BalanceError`` for an id or arm not found, a duplicate id, or missing columns.
    public init(protocol studyProtocol: StudyProtocol, cohort: DataTable, allocation: DataTable, idColumn: String = "id") throws {
        func labels(_ table: DataTable, _ name: String, _ what: String) throws -> [String?] {
            guard let column = table[name] else { throw BalanceError("the \(what) has no column '\(name)'") }
            switch column {
            case let .categorical(values): return values.values
            case let .numeric(values):
                return values.values.map { $0.isNaN ? nil : ($0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0)) }
            }
        }
        let cohortIDs = try labels(cohort, idColumn, "cohort")
        var rowOfID: [String: Int] = [:]
        for (row, id) in cohortIDs.enumerated() {
            guard let id else { throw BalanceError("cohort row \(row + 1) has no id", row: nil) }
            if rowOfID.updateValue(row, forKey: id) != nil { throw BalanceError("id '\(id)' appears twice in the cohort") }
        }
        let allocatedIDs = try labels(allocation, "id", "allocation")
        let allocatedArms = try labels(allocation, "arm", "allocation")
        let armNames = studyProtocol.arms.map(\.name)
        var rows: [Int] = []
        var arms: [Int] = []
        var seen = Set<String>()
        for (row, id) in allocatedIDs.enumerated() {
            guard let id else { throw BalanceError("allocation row \(row + 1) has no id", row: row) }
            guard seen.insert(id).inserted else { throw BalanceError("id '\(id)' is allocated twice", row: row) }
            guard let cohortRow = rowOfID[id] else { throw BalanceError("id '\(id)' is not in the cohort", row: row) }
            guard let armName = allocatedArms[row], let arm = armNames.firstIndex(of: armName) else {
                throw BalanceError("arm '\(allocatedArms[row] ?? "NA")' is not one of the study's arms (\(armNames.joined(separator: ", ")))", row: row)
            }
            rows.append(cohortRow)
            arms.append(arm)
        }
        let clusterField = studyProtocol.randomisation.clusterField
        var covariates = studyProtocol.baseline.map(\.name).filter { cohort[$0] != nil && $0 != clusterField }
        if studyProtocol.baseline.isEmpty {
            covariates = cohort.columnNames.filter { $0 != idColumn && $0 != clusterField }
        }
        let strata = studyProtocol.randomisation.scheme == .stratifiedBlocks || studyProtocol.randomisation.scheme == .cluster
            ? studyProtocol.randomisation.strata.filter { cohort[$0] != nil } : []
        // Keep the allocated rows, in allocation order.
        var selected: [(name: String, column: Column)] = []
        for name in Set(covariates + strata).sorted() {
            switch cohort[name]! {
            case let .numeric(values):
                selected.append((name, .numeric(NumericColumn(rows.map { values.values[$0] }))))
            case let .categorical(values):
                selected.append((name, .categorical(CategoricalColumn(levels: values.levels, codes: rows.map { values.codes[$0] }))))
            }
        }
        try self.init(cohort: DataTable(selected), armIndices: arms, arms: armNames, control: studyProtocol.controlIndex,
                      covariates: covariates, strata: strata,
                      levelOrder: Dictionary(uniqueKeysWithValues: studyProtocol.baseline.filter { !$0.levels.isEmpty }.map { ($0.name, $0.levels) }))
    }
}
