import DataTables

/// How the identified cohort arrives and is followed: trickle-flow enrolment on working days over
/// several months, a few who refuse consent, and a few lost to follow-up when they move away.
public struct EnrolmentModel: Sendable, Hashable {
    /// The first day of enrolment.
    public var firstDay: CalendarDate
    /// The length of the enrolment period in days.
    public var days: Int
    /// The probability that a person refuses consent (and is therefore not eligible).
    public var consentRefusedShare: Double
    /// The probability that an allocated person is lost to follow-up within the window.
    public var lostShare: Double
    /// The follow-up window in days from allocation.
    public var followUpDays: Int
    /// Days after the window in which offences are still recorded (and which the outcomes ignore).
    public var recordsAfterFollowUpDays: Int

    /// The bundled study's enrolment: nine months (273 days) from Monday 8 January 2024,
    /// 5% refusing consent, 7% lost to follow-up, a 365-day window and 90 days of later records.
    public static let standard = EnrolmentModel(
        firstDay: CalendarDate(year: 2024, month: 1, day: 8)!, days: 273, consentRefusedShare: 0.05, lostShare: 0.07,
        followUpDays: 365, recordsAfterFollowUpDays: 90
    )

    /// The working days (Monday to Friday) of the enrolment period.
    public var workingDays: [CalendarDate] {
        (0 ..< days).map { firstDay.adding(days: $0) }.filter { ($0.dayNumber + 3) % 7 < 5 }
    }
}
