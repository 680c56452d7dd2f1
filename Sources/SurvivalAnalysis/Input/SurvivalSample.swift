import DataTables

/// The complete rows of a trial's time-to-event data: each person's follow-up time, event
/// status, arm (0 for control), covariates, stratum and cluster.
struct SurvivalSample {
    var time: [Double]
    var event: [Bool]
    /// 0 for control, a + 1 for intervention arm a.
    var arm: [Int]
    /// Control first, then the intervention arms in the order of the arm column's levels.
    var armNames: [String]
    /// One column per covariate.
    var covariates: [[Double]]
    /// Each row's stratum numbering ``strataNames``, or `nil` without strata.
    var stratum: [Int]?
    var strataNames: [String]
    /// Each row's cluster, or `nil` without clusters.
    var cluster: [Int]?
    var clusterCount: Int?
    var droppedCount: Int
    /// Stated warnings about the data, each with the number of rows affected.
    var notes: [String]

    var count: Int { time.count }

    init(table: DataTable, model: SurvivalEffectModel) throws {
        let n = table.rowCount
        var complete = [Bool](repeating: true, count: n)
        var notes: [String] = []

        let (rawTime, rawEvent) = try Self.followUp(table, model.outcome, complete: &complete, notes: &notes)
        let x = try model.covariates.map { name -> [Double] in
            let values = try Self.numeric(table, name, role: "covariate")
            for (i, value) in values.enumerated() where value.isNaN { complete[i] = false }
            return values
        }

        let (levels, levelOfRow) = try Self.factor(table, model.arm, role: "arm")
        for i in 0 ..< n where levelOfRow[i] < 0 { complete[i] = false }
        guard let controlLevel = levels.firstIndex(of: model.control)
                ?? Double(model.control).flatMap({ levels.firstIndex(of: Self.label($0)) }) else {
            throw SurvivalAnalysisError.unknownControl(model.control, arm: model.arm, levels: levels)
        }
        guard levels.count >= 2 else {
            throw SurvivalAnalysisError.noInterventionArm(arm: model.arm, control: model.control)
        }

        var clusterCodes: [Int]? = nil, clusterLevels: [String] = []
        if let name = model.cluster {
            let (levels, codes) = try Self.factor(table, name, role: "cluster")
            for i in 0 ..< n where codes[i] < 0 { complete[i] = false }
            clusterCodes = codes
            clusterLevels = levels
        }
        var strataCodes: [Int]? = nil, strataLevels: [String] = []
        if let name = model.strata {
            let (levels, codes) = try Self.factor(table, name, role: "strata")
            for i in 0 ..< n where codes[i] < 0 { complete[i] = false }
            strataCodes = codes
            strataLevels = levels
        }

        let rows = (0 ..< n).filter { complete[$0] }
        droppedCount = n - rows.count
        guard !rows.isEmpty else { throw SurvivalAnalysisError.noCompleteRows(dropped: droppedCount) }

        let order = [controlLevel] + levels.indices.filter { $0 != controlLevel }
        var position = [Int](repeating: 0, count: levels.count)
        for (p, level) in order.enumerated() { position[level] = p }
        arm = rows.map { position[levelOfRow[$0]] }
        armNames = order.map { levels[$0] }
        var counts = [Int](repeating: 0, count: levels.count)
        for a in arm { counts[a] += 1 }
        if let empty = counts.firstIndex(of: 0) {
            throw SurvivalAnalysisError.emptyArm(armNames[empty], dropped: droppedCount)
        }

        time = rows.map { rawTime[$0] }
        event = rows.map { rawEvent[$0] }
        covariates = x.map { column in rows.map { column[$0] } }
        (stratum, strataNames) = Self.renumbered(strataCodes, levels: strataLevels, rows: rows)
        let clusterNames: [String]
        (cluster, clusterNames) = Self.renumbered(clusterCodes, levels: clusterLevels, rows: rows)
        clusterCount = cluster == nil ? nil : clusterNames.count
        self.notes = notes
    }

    /// Levels with complete rows, renumbered from 0 in level order.
    private static func renumbered(_ codes: [Int]?, levels: [String], rows: [Int]) -> ([Int]?, [String]) {
        guard let codes else { return (nil, []) }
        var present = [Bool](repeating: false, count: levels.count)
        for row in rows { present[codes[row]] = true }
        var renumber = [Int](repeating: -1, count: levels.count)
        var kept: [String] = []
        for (level, isPresent) in present.enumerated() where isPresent {
            renumber[level] = kept.count
            kept.append(levels[level])
        }
        return (rows.map { renumber[codes[$0]] }, kept)
    }

    /// Each row's time and event, marking rows with a missing time, event or date incomplete.
    private static func followUp(_ table: DataTable, _ outcome: SurvivalOutcome, complete: inout [Bool],
                                 notes: inout [String]) throws -> ([Double], [Bool]) {
        switch outcome {
        case let .times(timeName, eventName):
            let time = try numeric(table, timeName, role: "follow-up time")
            let status = try numeric(table, eventName, role: "event indicator")
            var negative: (row: Int, count: Int)? = nil
            var badEvent: (row: Int, value: Double, count: Int)? = nil
            for i in time.indices {
                if time[i].isNaN || status[i].isNaN { complete[i] = false; continue }
                if time[i] < 0 { negative = (negative?.row ?? i, (negative?.count ?? 0) + 1) }
                if status[i] != 0 && status[i] != 1 {
                    badEvent = (badEvent?.row ?? i, badEvent?.value ?? status[i], (badEvent?.count ?? 0) + 1)
                }
            }
            if let negative { throw SurvivalAnalysisError.negativeTime(column: timeName, row: negative.row, count: negative.count) }
            if let badEvent {
                throw SurvivalAnalysisError.eventIndicator(column: eventName, row: badEvent.row, value: badEvent.value, count: badEvent.count)
            }
            return (time, status.map { $0 == 1 })
        case let .dates(startName, eventName, end, lostName):
            return try DatedFollowUp(table: table, start: startName, event: eventName, end: end, lost: lostName)
                .timesAndEvents(complete: &complete, notes: &notes)
        }
    }

    static func numeric(_ table: DataTable, _ name: String, role: String) throws -> [Double] {
        guard let column = table[name] else {
            throw SurvivalAnalysisError.column(name, problem: "there is no such column (it was given as the \(role))")
        }
        guard case .numeric(let values) = column else {
            throw SurvivalAnalysisError.column(name, problem: "the \(role) must be numeric, but the column holds text")
        }
        try requireNoInfinity(values.values, column: name)
        return values.values
    }

    /// A number as R prints a factor level made from it: integers without a decimal point.
    static func label(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A grouping column as R's `factor` reads it: sorted levels (numbers sorted numerically and
    /// labelled as R prints them) and each row's level, −1 where missing.
    static func factor(_ table: DataTable, _ name: String, role: String) throws -> (levels: [String], codes: [Int]) {
        guard let column = table[name] else {
            throw SurvivalAnalysisError.column(name, problem: "there is no such column (it was given as the \(role))")
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
        if let first { throw SurvivalAnalysisError.nonFinite(column: column, row: first, count: count) }
    }
}
