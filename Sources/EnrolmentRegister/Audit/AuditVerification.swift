/// What `audit verify` found: the trail's size and head, and every problem, first one first.
public struct AuditVerification: Sendable {
    /// Entries in the trail.
    public var entryCount: Int
    /// Entries of each kind.
    public var eventCounts: [AuditEvent: Int]
    /// People allocated (rows of the enrolment table).
    public var enrolmentCount: Int
    /// The last entry, if the trail has any.
    public var head: AuditReference?
    /// Allocations that were recomputed from the study secret and the enrolment history and
    /// found equal to those recorded; `nil` when no study file was given for the replay.
    public var replayedAllocations: Int?
    /// What is wrong, in the order found; the first names the first bad entry.
    public var problems: [AuditProblem]

    /// Whether the register passed every check.
    public var isIntact: Bool { problems.isEmpty }
}

/// One thing `audit verify` found wrong.
public struct AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// The audit entry at fault (or the first one missing), when the problem is in one entry.
    public var sequence: Int64?
    /// What is wrong.
    public var message: String

    /// `audit entry N: message`, or the message alone.
    public var description: String {
        sequence.map { "audit entry \($0): \(message)" } ?? message
    }
}
