/// How dates are written in an input file.
public enum DateFormat: String, Sendable, Hashable, CaseIterable {
    /// ISO 8601 `YYYY-MM-DD`, for example `2024-03-07` (the default).
    case iso = "yyyy-mm-dd"
    /// Day first, as UK police systems often export: `DD/MM/YYYY`, for example `07/03/2024`.
    case dayMonthYear = "dd/mm/yyyy"
}

/// A calendar date (proleptic Gregorian) held as a count of days since 1970-01-01, so that the
/// days between two dates is a subtraction.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int

    /// The date with a given day number.
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date of a year, month and day, or `nil` if there is no such date (30 February).
    ///
    /// - Parameters:
    ///   - year: 1 to 9999.
    ///   - month: 1 to 12.
    ///   - day: 1 to the month's length.
    public init?(year: Int, month: Int, day: Int) {
        guard (1 ... 9999).contains(year), (1 ... 12).contains(month),
              day >= 1, day <= Self.daysInMonth(year: year, month: month) else { return nil }
        // Days from civil (eras of 400 years, years starting in March).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        dayNumber = era * 146_097 + dayOfEra - 719_468
    }

    /// Reads a date written in `format`, or `nil` if the text is not such a date.
    ///
    /// Spaces around the date are ignored, and so is a time of day after an ISO date (after `T`
    /// or a space, as in `2024-03-07T14:30`): follow-up is counted in whole days.
    ///
    /// - Parameters:
    ///   - text: The cell's text.
    ///   - format: How dates are written; default ISO 8601 `YYYY-MM-DD`.
    /// - Complexity: O(length of the text).
    public init?(_ text: some StringProtocol, format: DateFormat = .iso) {
        var text = Substring(text)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        if format == .iso, let cut = text.firstIndex(where: { $0 == "T" || $0 == " " }) { text = text[..<cut] }
        let parts = text.split(separator: format == .iso ? "-" : "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        let (yearText, monthText, dayText) = format == .iso ? (parts[0], parts[1], parts[2]) : (parts[2], parts[1], parts[0])
        // ISO dates are zero-padded (2024-03-07); day-first exports may not be (7/3/2024).
        let widths = format == .iso ? 2 ... 2 : 1 ... 2
        guard yearText.count == 4, widths.contains(monthText.count), widths.contains(dayText.count),
              let year = Int(yearText), let month = Int(monthText), let day = Int(dayText) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The number of days in a month.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date plus `days` days.
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Civil from days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Earlier dates first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }
}
