/// One person's allocation as the register holds it.
public struct EnrolmentRecord: Sendable, Equatable {
    /// The person's place in the enrolment order, from 1.
    public var sequence: Int64
    /// The keyed hash of the person's identifier (see ``EnrolmentRegister/pseudonym(of:)``).
    public var pseudonym: String
    /// The arm allocated.
    public var arm: String
    /// The arm's index in the study's arm list.
    public var armIndex: Int
    /// The stratum, for stratified schemes.
    public var stratum: String?
    /// The block within the stratum, for block schemes.
    public var block: Int?
    /// The slot within the block, for block schemes.
    public var slot: Int?
    /// The cluster, for cluster allocation.
    public var cluster: String?
    /// Each arm's probability of allocation for this person.
    public var probabilities: [String: Double]
    /// The baseline fields given at enrolment.
    public var fields: [String: String]
    /// When the person was enrolled, ISO 8601 UTC.
    public var enrolledAt: String
    /// The audit entry that recorded the allocation.
    public var audit: AuditReference

    /// Creates a record; registers make these as they allocate and rebuild them as they read.
    package init(
        sequence: Int64, pseudonym: String, arm: String, armIndex: Int, stratum: String?, block: Int?, slot: Int?,
        cluster: String?, probabilities: [String: Double], fields: [String: String], enrolledAt: String, audit: AuditReference
    ) {
        self.sequence = sequence
        self.pseudonym = pseudonym
        self.arm = arm
        self.armIndex = armIndex
        self.stratum = stratum
        self.block = block
        self.slot = slot
        self.cluster = cluster
        self.probabilities = probabilities
        self.fields = fields
        self.enrolledAt = enrolledAt
        self.audit = audit
    }

    /// The details the `enrol` audit entry records, as canonical JSON: every column of the row
    /// but the audit reference itself, and the account that enrolled the person when there was one.
    func auditContent(actor: String? = nil) -> CanonicalJSON {
        AuditActor.adding(actor, to: .object([
            "enrolment": .integer(sequence),
            "pseudonym": .string(pseudonym),
            "arm": .string(arm),
            "arm_index": .integer(Int64(armIndex)),
            "stratum": .optional(stratum),
            "block": .optional(block),
            "slot": .optional(slot),
            "cluster": .optional(cluster),
            "probabilities": .numbers(probabilities),
            "fields": .strings(fields),
        ]))
    }
}
