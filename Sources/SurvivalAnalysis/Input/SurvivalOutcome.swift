import DataTables
/// Where each person's follow-up time and event status come from.
public enum SurvivalOutcome: Sendable, Hashable {
    /// A numeric time column (days, months... from allocation; not negative) and an event
    /// column holding 1 for an event and 0 for censoring.
    case times(time: String, event: String)
    /// Dates written `YYYY-MM-DD`: allocation, the first event (missing when there was none),
    /// the end of follow-up, and optionally the date a person was lost to follow-up (missing when
    /// they were not). Time is counted in days from allocation. A person is censored at the
    /// earlier of the end of follow-up and loss to follow-up; an event after that date is not
    /// counted (and the report says how many were not).
    case dates(start: String, event: String, endOfFollowUp: FollowUpEnd, lostToFollowUp: String?)

    /// The columns this outcome reads, in order.
    public var columns: [String] {
        switch self {
        case let .times(time, event): return [time, event]
        case let .dates(start, event, end, lost):
            var names = [start, event]
            if case .column(let name) = end { names.append(name) }
            if let lost { names.append(lost) }
            return names
        }
    }

    /// A short name for reports: the time column, or the event date column.
    public var name: String {
        switch self {
        case let .times(time, _): return time
        case let .dates(_, event, _, _): return event
        }
    }
}

/// The end of follow-up for outcomes from dates.
public enum FollowUpEnd: Sendable, Hashable {
    /// A column of dates, one per person.
    case column(String)
    /// One date for everyone (administrative censoring), such as the data extraction date.
    case date(CalendarDate)
}
