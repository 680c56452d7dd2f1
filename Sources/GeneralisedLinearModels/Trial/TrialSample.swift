import DataTables
import Foundation
import TrialAnalysis

/// The complete rows of a trial's data for a binary or count outcome, read into whole columns,
/// with the same rules as ``TrialAnalysis/ArmEffectModel``: rows with a missing outcome, arm,
/// covariate, cluster, block, weight or exposure are dropped and counted; an infinite value is
/// an error; arm and grouping columns are read as R's `factor` reads them.
struct TrialSample {
    let outcome: [Double]
    /// 0 for control, a + 1 for intervention arm a.
    let arm: [Int]
    let controlName: String
    let interventionArms: [String]
    let covariates: [[Double]]
    let clusters: [Int]?
    let weights: [Double]?
    /// log(exposure), or `nil` without an exposure column.
    let offset: [Double]?
    let blocks: [Int]?
    let blockLevels: [String]
    let droppedCount: Int
    /// Complete rows in control and in each intervention arm, control first.
    let armCounts: [Int]
    /// The data row (zero-based) of each complete row, for errors.
    let dataRows: [Int]

    var count: Int { outcome.count }

    init(table: DataTable, outcome outcomeName: String, arm armName: String, control: String,
         covariates covariateNames: [String], cluster clusterName: String?, blocks blockName: String?,
         weights weightName: String?, exposure exposureName: String?) throws {
        let n = table.rowCount
        var complete = [Bool](repeating: true, count: n)

        func numeric(_ name: String, role: String) throws -> [Double] {
            guard let column = table[name] else {
                throw TrialAnalysisError.column(name, problem: "there is no such column (it was given as the \(role))")
            }
            guard case .numeric(let values) = column else {
                throw TrialAnalysisError.column(name, problem: "the \(role) must be numeric, but the column holds text")
            }
            try Self.requireNoInfinity(values.values, column: name)
            for (i, value) in values.values.enumerated() where value.isNaN { complete[i] = false }
            return values.values
        }

        let y = try numeric(outcomeName, role: "outcome")
        let x = try covariateNames.map { try numeric($0, role: "covariate") }
        let w = try weightName.map { name in
            let values = try numeric(name, role: "weights")
            if let row = values.firstIndex(where: { !$0.isNaN && $0 <= 0 }) {
                throw TrialAnalysisError.nonPositiveWeight(column: name, row: row, value: values[row])
            }
            return values
        }
        let e = try exposureName.map { name in
            let values = try numeric(name, role: "exposure")
            if let row = values.firstIndex(where: { !$0.isNaN && $0 <= 0 }) {
                throw GLMError.nonPositiveExposure(column: name, row: row, value: values[row])
            }
            return values
        }

        let (levels, levelOfRow) = try Self.factor(table, armName, role: "arm")
        for i in 0 ..< n where levelOfRow[i] < 0 { complete[i] = false }
        guard let controlLevel = levels.firstIndex(of: control)
                ?? Double(control).flatMap({ levels.firstIndex(of: Self.label($0)) }) else {
            throw TrialAnalysisError.unknownControl(control, arm: armName, levels: levels)
        }
        guard levels.count >= 2 else { throw TrialAnalysisError.noInterventionArm(arm: armName, control: control) }

        var clusterOfRow: [Int]? = nil
        if let clusterName {
            let (_, codes) = try Self.factor(table, clusterName, role: "cluster")
            for i in 0 ..< n where codes[i] < 0 { complete[i] = false }
            clusterOfRow = codes
        }
        var blockOfRow: [Int]? = nil, allBlockLevels: [String] = []
        if let blockName {
            let (levels, codes) = try Self.factor(table, blockName, role: "blocks")
            for i in 0 ..< n where codes[i] < 0 { complete[i] = false }
            blockOfRow = codes
            allBlockLevels = levels
        }

        let rows = (0 ..< n).filter { complete[$0] }
        droppedCount = n - rows.count
        guard !rows.isEmpty else { throw TrialAnalysisError.noCompleteRows(dropped: droppedCount) }

        let order = [controlLevel] + levels.indices.filter { $0 != controlLevel }
        var position = [Int](repeating: 0, count: levels.count)
        for (p, level) in order.enumerated() { position[level] = p }
        var counts = [Int](repeating: 0, count: levels.count)
        arm = rows.map { position[levelOfRow[$0]] }
        for a in arm { counts[a] += 1 }
        let names = order.map { levels[$0] }
        if let empty = counts.firstIndex(of: 0) {
            throw TrialAnalysisError.emptyArm(names[empty], dropped: droppedCount)
        }

        outcome = rows.map { y[$0] }
        covariates = x.map { column in rows.map { column[$0] } }
        weights = w.map { column in rows.map { column[$0] } }
        offset = e.map { column in rows.map { log(column[$0]) } }
        clusters = clusterOfRow.map { ids in rows.map { ids[$0] } }
        if let blockOfRow {
            var present = [Bool](repeating: false, count: allBlockLevels.count)
            for row in rows { present[blockOfRow[row]] = true }
            var renumber = [Int](repeating: -1, count: allBlockLevels.count)
            var kept: [String] = []
            for (level, isPresent) in present.enumerated() where isPresent {
                renumber[level] = kept.count
                kept.append(allBlockLevels[level])
            }
            blocks = rows.map { renumber[blockOfRow[$0]] }
            blockLevels = kept
        } else {
            blocks = nil
            blockLevels = []
        }
        controlName = names[0]
        interventionArms = Array(names.dropFirst())
        armCounts = counts
        dataRows = rows
    }

    /// Throws unless every outcome is 0 or 1 (binary) or a whole number ≥ 0 (count).
    func requireOutcomes(binary: Bool, column: String) throws {
        for (i, value) in outcome.enumerated() {
            if binary && value != 0 && value != 1 {
                throw GLMError.invalidOutcome(column: column, row: dataRows[i], value: value,
                                              requirement: "a binary outcome must be 0 or 1")
            }
            if !binary && (value < 0 || value != value.rounded()) {
                throw GLMError.invalidOutcome(column: column, row: dataRows[i], value: value,
                                              requirement: "a count must be a whole number, 0 or more")
            }
        }
    }

    /// The sum of the outcome in control and in each intervention arm (events, or counts),
    /// unweighted.
    var outcomeTotals: [Double] {
        var totals = [Double](repeating: 0, count: armCounts.count)
        for (a, y) in zip(arm, outcome) { totals[a] += y }
        return totals
    }

    /// A number as R prints a factor level made from it: integers without a decimal point.
    static func label(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A grouping column as R's `factor` reads it: sorted levels and each row's level, −1 where
    /// missing.
    static func factor(_ table: DataTable, _ name: String, role: String) throws -> (levels: [String], codes: [Int]) {
        guard let column = table[name] else {
            throw TrialAnalysisError.column(name, problem: "there is no such column (it was given as the \(role))")
        }
        switch column {
        case .categorical(let column):
            return (column.levels, column.codes.map(Int.init))
        case .numeric(let column):
            try requireNoInfinity(column.values, column: name)
            let distinct = Array(Set(column.values.filter { !$0.isNaN })).sorted()
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            return (distinct.map(label), column.values.map { $0.isNaN ? -1 : index[$0]! })
        }
    }

    static func requireNoInfinity(_ values: [Double], column: String) throws {
        var first: Int? = nil, count = 0
        for (i, value) in values.enumerated() where value.isInfinite {
            if first == nil { first = i }
            count += 1
        }
        if let first { throw TrialAnalysisError.nonFinite(column: column, row: first, count: count) }
    }
}
