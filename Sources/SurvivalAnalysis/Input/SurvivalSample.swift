import DataTables
import TrialAnalysis

/// The complete rows of a trial's time-to-event data: each person's follow-up time (and entry
/// time for delayed entry), event status, arm (0 for control), covariates, case weight, stratum
/// and cluster.
///
/// The follow-up is read here (times or dates, see ``SurvivalOutcome``); the arm, covariate,
/// cluster, stratum and weight columns are read by `TrialAnalysis.AnalysisSample`, so every
/// outcome model drops missing values, refuses infinities and reads arms as R's `factor` by the
/// same rules. Its errors are restated as ``SurvivalAnalysisError``.
struct SurvivalSample {
    var time: [Double]
    /// Each row's entry time (delayed entry: at risk on (entry, time]), or `nil`.
    var entry: [Double]?
    var event: [Bool]
    /// 0 for control, a + 1 for intervention arm a.
    var arm: [Int]
    /// Control first, then the intervention arms in the order of the arm column's levels.
    var armNames: [String]
    /// One column per covariate.
    var covariates: [[Double]]
    /// Each row's case weight, or `nil` without weights.
    var weights: [Double]?
    /// Each row's stratum numbering ``strataNames``, or `nil` without strata.
    var stratum: [Int]?
    var strataNames: [String]
    /// Each row's cluster, numbered from 0, or `nil` without clusters.
    var cluster: [Int]?
    var clusterCount: Int?
    var droppedCount: Int
    /// Stated warnings about the data, each with the number of rows affected.
    var notes: [String]

    var count: Int { time.count }

    init(table: DataTable, model: SurvivalEffectModel) throws {
        var complete = [Bool](repeating: true, count: table.rowCount)
        var notes: [String] = []
        let (rawTime, rawEvent, dated) = try Self.followUp(table, model.outcome, complete: &complete, notes: &notes)
        let rawEntry = try model.entry.map { name in
            try Self.entryTimes(table, name, outcome: model.outcome, dated: dated, time: rawTime, complete: complete)
        }
        if let name = model.strata, table[name] == nil {
            throw SurvivalAnalysisError.column(name, problem: "there is no such column (it was given as the strata)")
        }

        // The follow-up joins the table as one numeric column, missing where incomplete, so that
        // AnalysisSample drops those rows with the rest.
        var working = table
        var timeColumn = "follow-up time"
        while working[timeColumn] != nil { timeColumn += "'" }
        let timeOrMissing = rawTime.indices.map { i in
            complete[i] && !(rawEntry?[i].isNaN ?? false) ? rawTime[i] : .nan
        }
        working.append(.numeric(NumericColumn(timeOrMissing)), named: timeColumn)
        let sample: AnalysisSample
        do {
            sample = try AnalysisSample(table: working, outcome: timeColumn, arm: model.arm, control: model.control,
                                        covariates: model.covariates, cluster: model.cluster, blocks: model.strata,
                                        weights: model.weights)
        } catch let error as TrialAnalysisError {
            throw SurvivalAnalysisError(error)
        }

        time = sample.outcome
        event = sample.dataRows.map { rawEvent[$0] }
        entry = rawEntry.map { values in sample.dataRows.map { values[$0] } }
        arm = sample.arm
        armNames = [sample.controlName] + sample.interventionArms
        covariates = sample.covariates
        weights = sample.weights
        stratum = sample.blocks
        strataNames = sample.blockLevels
        if let clusters = sample.clusters {
            var number: [Int: Int] = [:]
            for id in Set(clusters).sorted() { number[id] = number.count }
            cluster = clusters.map { number[$0]! }
            clusterCount = number.count
        } else {
            cluster = nil
            clusterCount = nil
        }
        droppedCount = sample.droppedCount
        if let entry, let name = model.entry {
            let late = entry.filter { $0 > 0 }.count
            if late > 0 { notes.append("\(late) rows enter follow-up after allocation ('\(name)'): each is at risk only from entry") }
        }
        self.notes = notes
    }

    /// Each row's time and event, marking rows with a missing time, event or date incomplete,
    /// and for dates the follow-up read (for entry dates).
    private static func followUp(_ table: DataTable, _ outcome: SurvivalOutcome, complete: inout [Bool],
                                 notes: inout [String]) throws -> ([Double], [Bool], DatedFollowUp?) {
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
            return (time, status.map { $0 == 1 }, nil)
        case let .dates(startName, eventName, end, lostName):
            let dated = try DatedFollowUp(table: table, start: startName, event: eventName, end: end, lost: lostName)
            let (time, event) = try dated.timesAndEvents(complete: &complete, notes: &notes)
            return (time, event, dated)
        }
    }

    /// Each row's entry time: a numeric column on the follow-up's scale, or for dates the days
    /// from allocation to the entry date; NaN where missing. An entry must come at or after
    /// allocation and before the event or censoring.
    private static func entryTimes(_ table: DataTable, _ name: String, outcome: SurvivalOutcome, dated: DatedFollowUp?,
                                   time: [Double], complete: [Bool]) throws -> [Double] {
        let entry: [Double]
        if let dated, case let .dates(startName, _, _, _) = outcome {
            let days = try DatedFollowUp.dates(table, name, role: "entry date")
            var early: (row: Int, count: Int)? = nil
            entry = days.indices.map { i in
                guard let day = days[i], let start = dated.start[i] else { return .nan }
                if day < start { early = (early?.row ?? i, (early?.count ?? 0) + 1) }
                return Double(day.dayNumber - start.dayNumber)
            }
            if let early { throw SurvivalAnalysisError.dateBeforeStart(column: name, start: startName, row: early.row, count: early.count) }
        } else {
            entry = try numeric(table, name, role: "entry time")
            let negative = entry.indices.filter { entry[$0] < 0 }
            if let first = negative.first { throw SurvivalAnalysisError.negativeTime(column: name, row: first, count: negative.count) }
        }
        let late = entry.indices.filter { complete[$0] && !entry[$0].isNaN && !(entry[$0] < time[$0]) }
        if let first = late.first {
            throw SurvivalAnalysisError.intervalOrder(entryColumn: name, exitColumn: outcome.name, row: first, count: late.count)
        }
        return entry
    }

    static func numeric(_ table: DataTable, _ name: String, role: String) throws -> [Double] {
        guard let column = table[name] else {
            throw SurvivalAnalysisError.column(name, problem: "there is no such column (it was given as the \(role))")
        }
        guard case .numeric(let values) = column else {
            throw SurvivalAnalysisError.column(name, problem: "the \(role) must be numeric, but the column holds text")
        }
        var first: Int? = nil, count = 0
        for (i, value) in values.values.enumerated() where value.isInfinite {
            if first == nil { first = i }
            count += 1
        }
        if let first { throw SurvivalAnalysisError.nonFinite(column: name, row: first, count: count) }
        return values.values
    }
}

extension SurvivalAnalysisError {
    /// The same data error as `TrialAnalysis` reads it, in this module's terms.
    init(_ error: TrialAnalysisError) {
        switch error {
        case let .column(name, problem): self = .column(name, problem: problem)
        case let .nonFinite(column, row, count): self = .nonFinite(column: column, row: row, count: count)
        case let .nonPositiveWeight(column, row, value): self = .nonPositiveWeight(column: column, row: row, value: value)
        case let .unknownControl(control, arm, levels): self = .unknownControl(control, arm: arm, levels: levels)
        case let .noInterventionArm(arm, control): self = .noInterventionArm(arm: arm, control: control)
        case let .emptyArm(name, dropped): self = .emptyArm(name, dropped: dropped)
        case let .noCompleteRows(dropped): self = .noCompleteRows(dropped: dropped)
        case let .clusters(reason): self = .clusters(reason)
        default: self = .setting("data", problem: error.description)
        }
    }
}
