/// The CONSORT 2010 flow of a multi-arm trial, as counts: assessed, identified, excluded with
/// reasons, allocated, lost to follow-up and analysed per arm.
public struct ConsortFlow: Sendable, Hashable {
    /// People assessed for risk (the population scored), or the identified cohort when the study
    /// has no population file.
    public var assessed: Int
    /// People identified for the trial (the cohort).
    public var identified: Int
    /// Each reason for exclusion and the number excluded for it; a person failing several rules
    /// counts once under each.
    public var exclusionReasons: [(reason: String, count: Int)]
    /// People excluded as ineligible.
    public var excluded: Int
    /// Eligible people the allocation does not hold (with a register: not yet enrolled).
    public var notAllocated: Int
    /// The arms, control first.
    public var arms: [String]
    /// People allocated to each arm.
    public var allocated: [Int]
    /// People lost to follow-up before its end, per arm.
    public var lostToFollowUp: [Int]
    /// People in the primary analysis, per arm.
    public var analysed: [Int]

    /// Creates a flow.
    public init(assessed: Int, identified: Int, exclusionReasons: [(reason: String, count: Int)], excluded: Int,
                notAllocated: Int, arms: [String], allocated: [Int], lostToFollowUp: [Int], analysed: [Int]) {
        self.assessed = assessed
        self.identified = identified
        self.exclusionReasons = exclusionReasons
        self.excluded = excluded
        self.notAllocated = notAllocated
        self.arms = arms
        self.allocated = allocated
        self.lostToFollowUp = lostToFollowUp
        self.analysed = analysed
    }

    /// Everyone allocated.
    public var totalAllocated: Int { allocated.reduce(0, +) }

    /// Whether the counts add up: identified = excluded + not allocated + allocated, and in each
    /// arm lost and analysed do not exceed allocated.
    public var isConsistent: Bool {
        identified == excluded + notAllocated + totalAllocated
            && assessed >= identified
            && arms.indices.allSatisfy { lostToFollowUp[$0] <= allocated[$0] && analysed[$0] <= allocated[$0] }
    }

    public static func == (lhs: ConsortFlow, rhs: ConsortFlow) -> Bool {
        lhs.assessed == rhs.assessed && lhs.identified == rhs.identified && lhs.excluded == rhs.excluded
            && lhs.exclusionReasons.map(\.reason) == rhs.exclusionReasons.map(\.reason)
            && lhs.exclusionReasons.map(\.count) == rhs.exclusionReasons.map(\.count)
            && lhs.notAllocated == rhs.notAllocated && lhs.arms == rhs.arms && lhs.allocated == rhs.allocated
            && lhs.lostToFollowUp == rhs.lostToFollowUp && lhs.analysed == rhs.analysed
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identified)
        hasher.combine(allocated)
        hasher.combine(analysed)
    }
}
