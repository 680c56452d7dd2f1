import DataTables

/// The complete rows of a trial's data, read into whole columns: the outcome, each row's arm
/// (0 for control, 1... for the intervention arms), the covariates and the clusters.
///
/// Package-visible so that the other outcome models (binary, count) read a trial's data by the
/// same rules: missing values dropped and counted, infinities refused, arms read as R's `factor`.
package struct AnalysisSample {
    package let outcome: [Double]
    /// 0 for control, a + 1 for intervention arm a.
    package let arm: [Int]
    package let controlName: String
    /// The intervention arms' names, in the order of the arm column's levels.
    package let interventionArms: [String]
    /// One column per covariate, complete rows only.
    package let covariates: [[Double]]
    package let clusters: [Int]?
    /// Each row's weight, or `nil` without weights.
    package let weights: [Double]?
    /// Each row's block (stratum), numbering ``blockLevels``, or `nil` without blocks.
    package let blocks: [Int]?
    /// The blocks that have complete rows, in the order of the column's levels.
    package let blockLevels: [String]
    /// Rows dropped for a missing outcome, arm, cluster, block, weight or covariate.
    package let droppedCount: Int
    /// The number of complete rows in control and in each intervention arm, control first.
    package let armCounts: [Int]
    /// The data row (zero-based) of each complete row, for errors that name a row.
    package let dataRows: [Int]

    package var count: Int { outcome.count }

    package init(table: DataTable, outcome outcomeName: String, arm armName: String, control: String,
         covariates covariateNames: [String], cluster clusterName: String?, blocks blockName: String?,
         weights weightName: String?) throws {
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

        // The arm column: named levels, or numbers labelled as R prints them.
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
        var blockOfRow: [Int]? = nil, blockLevels: [String] = []
        if let blockName {
            let (levels, codes) = try Self.factor(table, blockName, role: "blocks")
            for i in 0 ..< n where codes[i] < 0 { complete[i] = false }
            blockOfRow = codes
            blockLevels = levels
        }

        let rows = (0 ..< n).filter { complete[$0] }
        droppedCount = n - rows.count
        guard !rows.isEmpty else { throw TrialAnalysisError.noCompleteRows(dropped: droppedCount) }

        // Control first, then the other levels in order.
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
        clusters = clusterOfRow.map { ids in rows.map { ids[$0] } }
        // Block levels that have complete rows, in level order, renumbered from 0.
        if let blockOfRow {
            var present = [Bool](repeating: false, count: blockLevels.count)
            for row in rows { present[blockOfRow[row]] = true }
            var renumber = [Int](repeating: -1, count: blockLevels.count)
            var kept: [String] = []
            for (level, isPresent) in present.enumerated() where isPresent {
                renumber[level] = kept.count
                kept.append(blockLevels[level])
            }
            blocks = rows.map { renumber[blockOfRow[$0]] }
            self.blockLevels = kept
        } else {
            blocks = nil
            self.blockLevels = []
        }
        controlName = names[0]
        interventionArms = Array(names.dropFirst())
        armCounts = counts
        dataRows = rows
    }

    /// A number as R prints a factor level made from it: integers without a decimal point.
    package static func label(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A grouping column as R's `factor` reads it: sorted levels (numbers sorted numerically and
    /// labelled as R prints them) and each row's level, −1 where missing.
    package static func factor(_ table: DataTable, _ name: String, role: String) throws -> (levels: [String], codes: [Int]) {
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

    package static func requireNoInfinity(_ values: [Double], column: String) throws {
        var first: Int? = nil, count = 0
        for (i, value) in values.enumerated() where value.isInfinite {
            if first == nil { first = i }
            count += 1
        }
        if let first { throw TrialAnalysisError.nonFinite(column: column, row: first, count: count) }
    }
}
