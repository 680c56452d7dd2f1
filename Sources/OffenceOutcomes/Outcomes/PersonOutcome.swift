import Foundation

/// One person's outcomes over their follow-up, from the offences that count: those dated after
/// the allocation date, no later than the end of follow-up, and not found by proactive policing.
public struct PersonOutcome: Sendable, Hashable {
    /// The person's pseudonymous identifier.
    public let id: String
    /// The number of offences that count.
    public let offenceCount: Int
    /// The sum of their harm weights, in days.
    public let harm: Double
    /// Days from allocation to the first offence that counts, or to the end of follow-up (the
    /// window's end, or the date lost to follow-up) when there is none.
    public let timeToFirstOffence: Int
    /// Days from allocation to the end of this person's follow-up: the exposure for count models.
    public let daysAtRisk: Int
    /// Whether follow-up ended early because the person was lost to follow-up.
    public let lostToFollowUp: Bool

    /// Whether any offence counts (the binary reoffending outcome).
    public var anyOffence: Bool { offenceCount > 0 }
    /// Whether ``timeToFirstOffence`` ends with an offence (1) rather than censoring (0).
    public var firstOffenceObserved: Bool { offenceCount > 0 }
    /// log(1 + harm), which tames the long right tail of harm.
    public var logHarm: Double { (harm).isFinite ? Foundation.log1p(harm) : .nan }
}
