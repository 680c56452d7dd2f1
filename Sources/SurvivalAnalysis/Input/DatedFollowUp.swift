import DataTables

/// Follow-up read from dates: allocation, first event, end of follow-up and loss to follow-up.
struct DatedFollowUp {
    let start: [CalendarDate?]
    let event: [CalendarDate?]
    let end: [CalendarDate?]
    let lost: [CalendarDate?]?
    let names: (start: String, event: String, end: String, lost: String?)

    init(table: DataTable, start startName: String, event eventName: String, end: FollowUpEnd, lost lostName: String?) throws {
        start = try Self.dates(table, startName, role: "allocation date")
        event = try Self.dates(table, eventName, role: "event date")
        switch end {
        case .column(let name):
            self.end = try Self.dates(table, name, role: "end of follow-up")
            names = (startName, eventName, name, lostName)
        case .date(let day):
            self.end = [CalendarDate?](repeating: day, count: table.rowCount)
            names = (startName, eventName, "end of follow-up \(day)", lostName)
        }
        lost = try lostName.map { try Self.dates(table, $0, role: "date lost to follow-up") }
    }

    /// Days from allocation to the event or censoring, and whether the event was seen.
    ///
    /// A missing allocation date or end of follow-up makes a row incomplete; a missing event
    /// date means no event, and a missing loss date means the person was not lost.
    func timesAndEvents(complete: inout [Bool], notes: inout [String]) throws -> ([Double], [Bool]) {
        let n = start.count
        var time = [Double](repeating: .nan, count: n)
        var status = [Bool](repeating: false, count: n)
        var wrongOrder: [String: (row: Int, count: Int)] = [:]
        var columnOrder: [String] = []
        func flag(_ column: String, _ row: Int) {
            if wrongOrder[column] == nil { columnOrder.append(column) }
            wrongOrder[column] = (wrongOrder[column]?.row ?? row, (wrongOrder[column]?.count ?? 0) + 1)
        }
        var eventsAfterFollowUp = 0, eventsOnStart = 0, lostAfterEnd = 0
        for i in 0 ..< n {
            guard let s = start[i], let e = end[i] else { complete[i] = false; continue }
            if e < s { flag(names.end, i) }
            if let d = event[i], d < s { flag(names.event, i) }
            if let l = lost?[i] ?? nil, l < s { flag(names.lost ?? "", i) }
            var exit = e
            if let l = lost?[i] ?? nil {
                if l < e { exit = l } else if l > e { lostAfterEnd += 1 }
            }
            if let d = event[i] {
                if d <= exit {
                    status[i] = true
                    exit = d
                    if d == s { eventsOnStart += 1 }
                } else {
                    eventsAfterFollowUp += 1
                }
            }
            time[i] = Double(exit.dayNumber - s.dayNumber)
        }
        if let column = columnOrder.first, let found = wrongOrder[column] {
            throw SurvivalAnalysisError.dateBeforeStart(column: column, start: names.start, row: found.row, count: found.count)
        }
        if eventsAfterFollowUp > 0 {
            notes.append("\(eventsAfterFollowUp) rows have an event after the end of follow-up or loss to follow-up; they are censored at that date and the event is not counted")
        }
        if lostAfterEnd > 0 {
            notes.append("\(lostAfterEnd) rows were lost to follow-up after the end of follow-up; they are censored at the end of follow-up")
        }
        if eventsOnStart > 0 {
            notes.append("\(eventsOnStart) rows have their event on the allocation date (time 0)")
        }
        return (time, status)
    }

    /// A date column: text `YYYY-MM-DD`, missing where empty.
    static func dates(_ table: DataTable, _ name: String, role: String) throws -> [CalendarDate?] {
        guard let column = table[name] else {
            throw SurvivalAnalysisError.column(name, problem: "there is no such column (it was given as the \(role))")
        }
        switch column {
        case .numeric(let values):
            if values.values.allSatisfy(\.isNaN) { return [CalendarDate?](repeating: nil, count: values.count) }
            throw SurvivalAnalysisError.column(name, problem: "the \(role) must hold dates written YYYY-MM-DD, but the column holds numbers")
        case .categorical(let labels):
            let parsed = labels.levels.map { CalendarDate($0) }
            var bad: (row: Int, text: String, count: Int)? = nil
            let days = labels.codes.enumerated().map { row, code -> CalendarDate? in
                guard code != CategoricalColumn.missingCode else { return nil }
                if let day = parsed[Int(code)] { return day }
                bad = (bad?.row ?? row, bad?.text ?? labels.levels[Int(code)], (bad?.count ?? 0) + 1)
                return nil
            }
            if let bad { throw SurvivalAnalysisError.unreadableDate(column: name, row: bad.row, text: bad.text, count: bad.count) }
            return days
        }
    }
}
