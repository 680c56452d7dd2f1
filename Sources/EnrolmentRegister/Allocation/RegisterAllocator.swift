import GRDB
import Randomisation
import StudyProtocol

/// The study's allocation design with the enrolment history it needs, kept in memory so that
/// each enrolment reads only the rows added since the last one (one query).
///
/// Units are identified to the design by their pseudonyms, so the design never sees an
/// identifier.
///
/// Under stratified permuted blocks each stratum has its own block sequence, so the design's
/// next allocation depends only on the earlier allocations in the new person's stratum; the
/// allocator passes just those, grouped as they are loaded, which keeps an enrolment's cost
/// proportional to its stratum's size rather than the study's. (The tests check the shortcut
/// against the design given the whole history.)
package struct RegisterAllocator: Sendable {
    typealias History = [(unit: EnrolmentUnit, allocation: Allocation)]

    let study: StudyFile
    let design: AllocationDesign
    let seed: UInt64
    private(set) var history: History = []
    /// The history by stratum, for stratified blocks: keyed by the strata fields' values as the
    /// design reads them (``EnrolmentUnit/value(of:)``).
    private var historyByStratum: [[String?]: History] = [:]
    package private(set) var loadedThrough: Int64 = 0

    package init(study: StudyFile, seed: UInt64) throws {
        self.study = study
        self.design = try AllocationDesign(protocol: study.protocol)
        self.seed = seed
        // Refuse, before anything is written, a design that cannot enrol one at a time.
        let settings = study.protocol.randomisation
        switch settings.scheme {
        case .rerandomisation:
            throw AllocationError(.notSequential(scheme: settings.scheme.rawValue))
        case .complete where settings.size == nil,
             .cluster where settings.blockSizes.isEmpty && settings.size == nil:
            throw AllocationError(.needsPlannedSize(scheme: settings.scheme.rawValue))
        default:
            break
        }
    }

    /// Checks that every field given at enrolment is one the study's baseline declares. The
    /// values themselves (numbers, levels, required fields) are checked by the design.
    ///
    /// With no baseline declared, any field is accepted as text (as the protocol specifies).
    package func validate(_ fields: [String: String]) throws {
        let baseline = study.protocol.baseline
        guard !baseline.isEmpty else { return }
        for name in fields.keys.sorted() where study.protocol.baselineField(named: name) == nil {
            throw RegisterError.unknownField(name, known: baseline.map(\.name))
        }
    }

    /// The eligibility rules the unit fails, as sentences; empty when eligible.
    package func eligibilityFailures(of unit: EnrolmentUnit) throws -> [String] {
        try design.eligibilityFailures(of: unit)
    }

    /// Reads the allocations committed since the last call. Call inside the enrolment's
    /// transaction, so that the history is the one the new allocation follows.
    ///
    /// - Throws: ``RegisterError/inconsistent(_:detail:)`` if an enrolment is missing from the
    ///   sequence (the register writes them without gaps, so the file was changed).
    mutating func catchUp(_ db: Database, path: String) throws {
        try catchUp(with: try EnrolmentRegister.records(db, after: loadedThrough, path: path), location: path)
    }

    /// Adds the allocations committed since the last call, as read by the caller (every
    /// allocation after ``loadedThrough``, in enrolment order) inside the enrolment's transaction.
    ///
    /// - Throws: ``RegisterError/inconsistent(_:detail:)`` if an enrolment is missing from the
    ///   sequence.
    package mutating func catchUp(with records: [EnrolmentRecord], location path: String) throws {
        for record in records {
            guard record.sequence == loadedThrough + 1 else {
                throw RegisterError.inconsistent(
                    path, detail: "enrolment \(loadedThrough + 1) is missing; run `prevent audit verify --db \(path)`")
            }
            append(record)
        }
    }

    /// Adds a recorded allocation to the history.
    private mutating func append(_ record: EnrolmentRecord) {
        let entry = (unit: Self.unit(of: record), allocation: Self.allocation(of: record))
        history.append(entry)
        if let key = stratumKey(of: entry.unit) { historyByStratum[key, default: []].append(entry) }
        loadedThrough = record.sequence
    }

    /// The next allocation after the loaded history.
    package func allocate(_ unit: EnrolmentUnit) throws -> Allocation {
        if let key = stratumKey(of: unit) {
            return try design.nextAllocation(for: unit, after: historyByStratum[key] ?? [], seed: seed)
        }
        return try design.nextAllocation(for: unit, after: history, seed: seed)
    }

    /// The unit's strata values, under stratified permuted blocks; `nil` under other schemes.
    private func stratumKey(of unit: EnrolmentUnit) -> [String?]? {
        guard design.scheme == .stratifiedBlocks else { return nil }
        return study.protocol.randomisation.strata.map { unit.value(of: $0) }
    }

    /// What a replay of the recorded allocations found.
    package struct Replay {
        /// Allocations recomputed equal to those recorded, before the first mismatch.
        var matched = 0
        /// The first record whose allocation differs from the recomputed one.
        var firstMismatch: EnrolmentRecord?
        /// The arm the design gives for that record.
        var expectedArm: String?
    }

    /// Recomputes every recorded allocation from the seed and the history before it, as the
    /// register made it.
    package func replay(_ records: [EnrolmentRecord]) throws -> Replay {
        var replay = Replay()
        var allocator = RegisterAllocator(design: design, study: study, seed: seed)
        for record in records {
            let expected = try allocator.allocate(Self.unit(of: record))
            guard expected == Self.allocation(of: record) else {
                replay.firstMismatch = record
                replay.expectedArm = expected.arm
                return replay
            }
            replay.matched += 1
            allocator.append(record)
        }
        return replay
    }

    private init(design: AllocationDesign, study: StudyFile, seed: UInt64) {
        self.design = design
        self.study = study
        self.seed = seed
    }

    static func unit(of record: EnrolmentRecord) -> EnrolmentUnit {
        EnrolmentUnit(id: record.pseudonym, fields: record.fields)
    }

    static func allocation(of record: EnrolmentRecord) -> Allocation {
        Allocation(arm: record.arm, armIndex: record.armIndex, stratum: record.stratum, block: record.block,
                   slot: record.slot, cluster: record.cluster, probabilities: record.probabilities)
    }
}
