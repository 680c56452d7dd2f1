import StudyProtocol

extension AllocationDesign {
    /// The next allocation, a pure function of the seed, the earlier allocations in order and the new unit: batch allocation of a cohort in arrival order gives exactly the same arms as enrolling the same people one at a time.
    ///
    /// The unit's fields are checked as for ``eligibilityFailures(of:)``, and the fields the
    /// scheme reads (strata, minimisation factors, cluster) must have values. Eligibility itself
    /// is not checked here: a register checks it first and records an ineligible person instead
    /// of allocating them.
    ///
    /// - Parameters:
    ///   - unit: the new person.
    ///   - history: every earlier allocation of the study, in the order made.
    ///   - seed: the allocation sequence's seed (a register derives it from its study secret).
    /// - Returns: the allocation, with each arm's probability for this unit.
    /// - Throws: ``AllocationError``: a missing or duplicate id, a missing or bad field value,
    ///   a planned size reached or not given (complete, cluster without blocks), a cluster whose
    ///   members differ in stratum, or a scheme that cannot enrol one at a time (rerandomisation).
    /// - Complexity: O(*h*) for *h* earlier allocations (O(*h* + N) for complete randomisation of N).
    public func nextAllocation(
        for unit: EnrolmentUnit, after history: [(unit: EnrolmentUnit, allocation: Allocation)], seed: UInt64
    ) throws -> Allocation {
        guard !unit.id.trimmingSpaces().isEmpty else { throw AllocationError(.missingID) }
        if history.contains(where: { $0.unit.id == unit.id }) { throw AllocationError(.duplicateID(unit.id)) }
        for field in studyProtocol.baseline {
            _ = try value(of: field.name, in: unit, required: false)
        }
        let settings = studyProtocol.randomisation
        let position = history.count
        switch scheme {
        case .simple:
            var generator = Xoshiro256StarStar(seed: seed, stream: "simple", index: UInt64(position))
            return allocation(arm: generator.index(weightedBy: shares))

        case .complete:
            guard let size = settings.size else { throw AllocationError(.needsPlannedSize(scheme: scheme.rawValue)) }
            guard position < size else { throw AllocationError(.beyondPlannedSize(count: position + 1, size: size, unit: "unit")) }
            let arms = CompleteSequence.arms(seed: seed, label: "complete", count: size, ratios: ratios)
            return allocation(arm: Int(arms[position]))

        case .blocks, .stratifiedBlocks:
            let values = try stratumValues(of: unit)
            var earlier = 0
            for entry in history where try stratumValues(of: entry.unit) == values { earlier += 1 }
            let (arm, block, slot) = blockPosition(seed: seed, scheme: "blocks", stratumValues: values, position: earlier)
            return allocation(arm: arm, stratum: Self.stratumLabel(values), block: block, slot: slot)

        case .cluster:
            return try nextClusterAllocation(for: unit, after: history, seed: seed)

        case .minimisation:
            let minimisation = settings.minimisation!
            let levels = try minimisation.factors.map { try value(of: $0, in: unit, required: true)! }
            var counts = [[Int]](repeating: [Int](repeating: 0, count: armNames.count), count: levels.count)
            for entry in history {
                for (factor, name) in minimisation.factors.enumerated() where entry.unit.value(of: name) == levels[factor] {
                    counts[factor][entry.allocation.armIndex] += 1
                }
            }
            let probabilities = Minimisation.probabilities(levelCounts: counts, settings: minimisation, ratios: ratios)
            var generator = Xoshiro256StarStar(seed: seed, stream: "minimisation", index: UInt64(position))
            let arm = generator.index(weightedBy: probabilities)
            return Allocation(arm: armNames[arm], armIndex: arm,
                              probabilities: Dictionary(uniqueKeysWithValues: zip(armNames, probabilities)))

        case .rerandomisation:
            throw AllocationError(.notSequential(scheme: scheme.rawValue))
        }
    }

    private func nextClusterAllocation(
        for unit: EnrolmentUnit, after history: [(unit: EnrolmentUnit, allocation: Allocation)], seed: UInt64
    ) throws -> Allocation {
        let settings = studyProtocol.randomisation
        let field = settings.clusterField!
        let cluster = try value(of: field, in: unit, required: true)!
        let values = try stratumValues(of: unit)
        if let earlier = history.first(where: { $0.unit.value(of: field) == cluster }) {
            let earlierValues = try stratumValues(of: earlier.unit)
            guard earlierValues == values else {
                throw AllocationError(.clusterSpansStrata(cluster: cluster, first: Self.stratumLabel(earlierValues) ?? "",
                                                          other: Self.stratumLabel(values) ?? ""))
            }
            var allocation = earlier.allocation
            allocation.cluster = cluster
            return allocation
        }
        // The cluster is new: it is the next cluster of its stratum (or of the study).
        var seen = Set<String>()
        for entry in history {
            guard let name = entry.unit.value(of: field) else { continue }
            let sameStratum = settings.blockSizes.isEmpty ? true : try stratumValues(of: entry.unit) == values
            if sameStratum { seen.insert(name) }
        }
        if settings.blockSizes.isEmpty {
            guard let size = settings.size else { throw AllocationError(.needsPlannedSize(scheme: scheme.rawValue)) }
            guard seen.count < size else { throw AllocationError(.beyondPlannedSize(count: seen.count + 1, size: size, unit: "cluster")) }
            let arms = CompleteSequence.arms(seed: seed, label: "cluster-complete", count: size, ratios: ratios)
            return allocation(arm: Int(arms[seen.count]), cluster: cluster)
        }
        let (arm, block, slot) = blockPosition(seed: seed, scheme: "cluster-blocks", stratumValues: values, position: seen.count)
        return allocation(arm: arm, stratum: Self.stratumLabel(values), block: block, slot: slot, cluster: cluster)
    }

    /// The arm, block number and slot (both from 1) of the unit at `position` (from 0) in a
    /// stratum's block sequence.
    func blockPosition(seed: UInt64, scheme: String, stratumValues: [String], position: Int) -> (arm: Int, block: Int, slot: Int) {
        let settings = studyProtocol.randomisation
        let prefix = PermutedBlock.prefix(scheme: scheme, stratumValues: stratumValues)
        var buffer = [Int32](repeating: 0, count: settings.blockSizes.max()!)
        var start = 0
        var index = 0
        while true {
            let size = PermutedBlock.fill(&buffer, seed: seed, prefix: prefix, index: index, sizes: settings.blockSizes,
                                          ratios: ratios, ratioTotal: studyProtocol.ratioTotal)
            if position < start + size {
                return (Int(buffer[position - start]), index + 1, position - start + 1)
            }
            start += size
            index += 1
        }
    }

    func allocation(arm: Int, stratum: String? = nil, block: Int? = nil, slot: Int? = nil, cluster: String? = nil) -> Allocation {
        Allocation(arm: armNames[arm], armIndex: arm, stratum: stratum, block: block, slot: slot, cluster: cluster,
                   probabilities: shareDictionary)
    }
}
