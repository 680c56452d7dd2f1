import DataTables
/// How offence records are turned into outcomes: the follow-up window, the columns to read and
/// what to do with records that do not fit.
public struct FollowUpSettings: Sendable, Hashable {
    /// What to do with an offence code the harm-weights table does not list.
    public enum UnknownCodes: String, Sendable, Hashable, CaseIterable {
        /// Stop with an error naming the file, line and column (the default).
        case error
        /// Count the offence with a weight of zero, and report how many offences this affected.
        case zeroWeight = "zero-weight"
    }

    /// What to do with an offence of a person who is not in the cohort.
    public enum UnknownPeople: String, Sendable, Hashable, CaseIterable {
        /// Stop with an error naming the file, line and column (the default).
        case error
        /// Leave the offence out, and report how many were left out.
        case ignore
    }

    /// The length of follow-up in days from each person's allocation date (at least 1).
    public var followUpDays: Int
    /// How dates are written in both files.
    public var dateFormat: DateFormat
    /// What to do with unknown offence codes.
    public var unknownCodes: UnknownCodes
    /// What to do with offences of people not in the cohort.
    public var unknownPeople: UnknownPeople
    /// The offence records' person identifier column; default `id`.
    public var offenceIDColumn: String
    /// The offence date column; default `offence_date`.
    public var offenceDateColumn: String
    /// The offence code column; default `offence_code`.
    public var offenceCodeColumn: String
    /// The column flagging offences found by proactive policing (yes/no, true/false, 1/0);
    /// default `proactive`.
    public var proactiveColumn: String
    /// The cohort's person identifier column; default `id`. The outcomes table uses the same name.
    public var cohortIDColumn: String
    /// The cohort's allocation date column; default `allocation_date`.
    public var allocationDateColumn: String
    /// The cohort's optional column of dates lost to follow-up (empty when not lost); default
    /// `lost_to_follow_up`. A cohort without this column has nobody lost.
    public var lostDateColumn: String

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - followUpDays: The window in days from allocation (at least 1), for example 365.
    ///   - dateFormat: Default ISO `YYYY-MM-DD`.
    ///   - unknownCodes: Default ``UnknownCodes/error``.
    ///   - unknownPeople: Default ``UnknownPeople/error``.
    public init(followUpDays: Int, dateFormat: DateFormat = .iso, unknownCodes: UnknownCodes = .error,
                unknownPeople: UnknownPeople = .error) {
        self.followUpDays = followUpDays
        self.dateFormat = dateFormat
        self.unknownCodes = unknownCodes
        self.unknownPeople = unknownPeople
        offenceIDColumn = "id"
        offenceDateColumn = "offence_date"
        offenceCodeColumn = "offence_code"
        proactiveColumn = "proactive"
        cohortIDColumn = "id"
        allocationDateColumn = "allocation_date"
        lostDateColumn = "lost_to_follow_up"
    }
}
