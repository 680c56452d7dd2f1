/// What happened to every offence record: how many counted and how many were left out, and why.
/// Each record is in exactly one of the counts, checked in the order the properties are listed.
public struct ExclusionSummary: Sendable, Hashable {
    /// The records read.
    public var records = 0
    /// Records of people not in the cohort, left out (only with
    /// ``FollowUpSettings/UnknownPeople/ignore``).
    public var notInCohort = 0
    /// Records dated on or before the person's allocation date, ignored.
    public var beforeAllocation = 0
    /// Records dated after the end of the person's follow-up (the window, or loss to follow-up),
    /// ignored.
    public var afterFollowUp = 0
    /// Records within follow-up found by proactive policing, excluded.
    public var proactive = 0
    /// Records that count.
    public var counted = 0
    /// Of the counted records, those whose code the harm table does not list, given a weight of
    /// zero (only with ``FollowUpSettings/UnknownCodes/zeroWeight``).
    public var unknownCodeCounted = 0
    /// The distinct unknown codes met, sorted.
    public var unknownCodes: [String] = []
    /// People in the cohort.
    public var people = 0
    /// People whose follow-up ended early because they were lost to follow-up.
    public var lostToFollowUp = 0

    /// Lines for a user: what was counted and what was left out.
    public var lines: [String] {
        var lines = [
            "Offence records read: \(records)",
            "Counted (within follow-up, not proactive): \(counted)",
            "Excluded as found by proactive policing: \(proactive)",
            "Ignored as dated on or before allocation: \(beforeAllocation)",
            "Ignored as dated after the end of follow-up: \(afterFollowUp)",
        ]
        if notInCohort > 0 { lines.append("Left out as the person is not in the cohort: \(notInCohort)") }
        lines.append("People: \(people); lost to follow-up before the window ended: \(lostToFollowUp)")
        return lines
    }

    /// Warnings a user must see: offences counted at zero harm and people not in the cohort.
    public var warnings: [String] {
        var warnings: [String] = []
        if unknownCodeCounted > 0 {
            warnings.append("\(unknownCodeCounted) counted offence\(unknownCodeCounted == 1 ? " has a code" : "s have codes") that the harm table does not list (\(unknownCodes.joined(separator: ", "))); their harm was taken as zero")
        }
        if notInCohort > 0 {
            warnings.append("\(notInCohort) offence record\(notInCohort == 1 ? " is" : "s are") of people not in the cohort and \(notInCohort == 1 ? "was" : "were") left out")
        }
        return warnings
    }
}
