import Randomisation

/// One enrolment, prepared before its transaction and completed inside it: the steps every
/// backend takes in the same order, so that the same history gives the same allocations and
/// audit entries on any of them.
///
/// Before the transaction, the fields are checked against the study's baseline and the
/// eligibility rules are evaluated (nothing is written if a value is invalid). Inside it, after
/// the lock, the backend looks for the pseudonym, and then writes a `repeat` entry
/// (``repeatContent(existing:)``), an `ineligible` entry (``ineligibleContent``) or, after
/// bringing the allocator's history up to date, the allocation from ``allocate(with:time:)``
/// and its `enrol` entry.
package struct EnrolmentRequest: Sendable {
    /// The identifier's pseudonym.
    package let pseudonym: String
    /// The baseline fields given.
    package let fields: [String: String]
    /// The eligibility rules the person fails; empty when eligible.
    package let failures: [String]
    /// The account enrolling, if any.
    package let actor: String?
    private let unit: EnrolmentUnit

    /// Checks an enrolment before anything is written.
    ///
    /// - Throws: ``RegisterError/emptyIdentifier``, ``RegisterError/unknownField(_:known:)``, or
    ///   the design's `AllocationError` for an invalid value.
    package init(
        identifier: String, fields: [String: String], actor: String?, allocator: RegisterAllocator, keys: DerivedKeys
    ) throws {
        let identifier = identifier.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !identifier.isEmpty else { throw RegisterError.emptyIdentifier }
        try allocator.validate(fields)
        self.pseudonym = keys.pseudonym(of: identifier)
        self.fields = fields
        self.actor = actor
        self.unit = EnrolmentUnit(id: pseudonym, fields: fields)
        // Checks the values (numbers, levels, required fields) before anything is written.
        self.failures = try allocator.eligibilityFailures(of: unit)
    }

    /// The content of the `repeat` entry for a person already enrolled.
    package func repeatContent(existing: EnrolmentRecord) -> CanonicalJSON {
        AuditActor.adding(actor, to: .object(["pseudonym": .string(pseudonym), "enrolment": .integer(existing.sequence)]))
    }

    /// The content of the `ineligible` entry.
    package var ineligibleContent: CanonicalJSON {
        AuditActor.adding(
            actor, to: .object(["pseudonym": .string(pseudonym), "fields": .strings(fields),
                                "reasons": .array(failures.map(CanonicalJSON.string))]))
    }

    /// The allocation after the allocator's history, as the record to store; its audit reference
    /// is filled in once the `enrol` entry (content ``EnrolmentRecord/auditContent(actor:)``) is made.
    ///
    /// - Precondition: the allocator holds every allocation committed (call
    ///   ``RegisterAllocator/catchUp(with:location:)`` inside the transaction first).
    package func allocate(with allocator: RegisterAllocator, time: String) throws -> EnrolmentRecord {
        let allocation = try allocator.allocate(unit)
        return EnrolmentRecord(
            sequence: allocator.loadedThrough + 1, pseudonym: pseudonym, arm: allocation.arm,
            armIndex: allocation.armIndex, stratum: allocation.stratum, block: allocation.block,
            slot: allocation.slot, cluster: allocation.cluster, probabilities: allocation.probabilities,
            fields: fields, enrolledAt: time, audit: AuditReference(sequence: 0, hash: ""))
    }

    /// The `enrol` entry's content for the record.
    package func enrolContent(_ record: EnrolmentRecord) -> CanonicalJSON {
        record.auditContent(actor: actor)
    }
}
