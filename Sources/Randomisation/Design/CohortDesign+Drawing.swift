import DataTables
import StudyProtocol

/// Working arrays reused from one draw to the next, so that replays allocate nothing per draw.
struct DrawScratch {
    /// Units, and clusters, per stratum (constant for a design).
    var unitsPerStratum: [Int]
    var clustersPerStratum: [Int]
    var stratumStarts: [Int]
    var clusterArms: [Int32]
    var clusterBlocks: [Int32]
    var clusterSlots: [Int32]
    var minimisationCounts: [[Int]]
    var levelCounts: [[Int]]
    var armSums: [Double]
    var armCounts: [Int]
    /// The block sizes, and each size's contents before shuffling (arms in order, flattened).
    var blockSizes: [Int]
    var blockTemplates: [Int32]
    var blockTemplateOffsets: [Int]
    /// Each stratum's drawn block sequence, with each place's block number and slot.
    var sequence: [Int32] = []
    var sequenceBlocks: [Int32] = []
    var sequenceSlots: [Int32] = []

    init(for design: CohortDesign) {
        let strata = max(design.strata.count, 1)
        let arms = design.design.armNames.count
        unitsPerStratum = [Int](repeating: 0, count: strata)
        for stratum in design.stratumOfUnit { unitsPerStratum[Int(stratum)] += 1 }
        clustersPerStratum = [Int](repeating: 0, count: strata)
        for stratum in design.clusterStratum { clustersPerStratum[Int(stratum)] += 1 }
        stratumStarts = [Int](repeating: 0, count: strata)
        clusterArms = [Int32](repeating: 0, count: design.clusters.count)
        clusterBlocks = [Int32](repeating: 0, count: design.clusters.count)
        clusterSlots = [Int32](repeating: 0, count: design.clusters.count)
        minimisationCounts = design.factorLevelCounts.map { [Int](repeating: 0, count: $0 * arms) }
        levelCounts = design.factorLevelCounts.map { _ in [Int](repeating: 0, count: arms) }
        armSums = [Double](repeating: 0, count: arms * design.covariateCount)
        armCounts = [Int](repeating: 0, count: arms)
        blockSizes = design.design.studyProtocol.randomisation.blockSizes
        blockTemplates = []
        blockTemplateOffsets = []
        let ratios = design.design.ratios
        let total = ratios.reduce(0, +)
        for size in blockSizes {
            blockTemplateOffsets.append(blockTemplates.count)
            for (arm, ratio) in ratios.enumerated() {
                blockTemplates.append(contentsOf: repeatElement(Int32(arm), count: ratio * (size / total)))
            }
        }
    }
}

/// What a whole-cohort allocation records besides the arms.
struct DrawDetails {
    var blocks: [Int32]
    var slots: [Int32]
    var probabilities: [Double]
    var draws = 0
    var distance: Double?

    init(count: Int, armCount: Int, perUnitProbabilities: Bool) {
        blocks = [Int32](repeating: 0, count: count)
        slots = [Int32](repeating: 0, count: count)
        probabilities = perUnitProbabilities ? [Double](repeating: 0, count: count * armCount) : []
    }
}

extension CohortDesign {
    /// Draws one assignment with `seed` into `arms` (one arm index per unit).
    func draw(seed: UInt64, into arms: UnsafeMutableBufferPointer<Int32>, scratch: inout DrawScratch,
              details: inout DrawDetails?) throws {
        let n = count
        guard n > 0 else { return }
        let design = self.design
        let settings = design.studyProtocol.randomisation
        switch design.scheme {
        case .simple:
            let streamSeed = Xoshiro256StarStar.streamSeed(seed: seed, stream: "simple")
            for unit in 0 ..< n {
                var generator = Xoshiro256StarStar(streamSeed: streamSeed, index: UInt64(unit))
                arms[unit] = Int32(generator.index(weightedBy: design.shares))
            }

        case .complete:
            let sequence = CompleteSequence.arms(seed: seed, label: "complete", count: plannedSize, ratios: design.ratios)
            for unit in 0 ..< n { arms[unit] = sequence[unit] }

        case .blocks, .stratifiedBlocks:
            if details == nil {
                runBlocks(seed: seed, itemStrata: stratumOfUnit, itemsPerStratum: scratch.unitsPerStratum, scratch: &scratch, arms: arms.baseAddress!, blocks: nil, slots: nil)
            } else {
                var blocks = details!.blocks, slots = details!.slots
                blocks.withUnsafeMutableBufferPointer { blocks in
                    slots.withUnsafeMutableBufferPointer { slots in
                        runBlocks(seed: seed, itemStrata: stratumOfUnit, itemsPerStratum: scratch.unitsPerStratum, scratch: &scratch, arms: arms.baseAddress!,
                                  blocks: blocks.baseAddress, slots: slots.baseAddress)
                    }
                }
                details!.blocks = blocks
                details!.slots = slots
            }

        case .cluster:
            if settings.blockSizes.isEmpty {
                let sequence = CompleteSequence.arms(seed: seed, label: "cluster-complete", count: plannedSize, ratios: design.ratios)
                for cluster in clusters.indices { scratch.clusterArms[cluster] = sequence[cluster] }
            } else {
                var clusterArms = scratch.clusterArms, clusterBlocks = scratch.clusterBlocks, clusterSlots = scratch.clusterSlots
                clusterArms.withUnsafeMutableBufferPointer { clusterArms in
                    clusterBlocks.withUnsafeMutableBufferPointer { clusterBlocks in
                        clusterSlots.withUnsafeMutableBufferPointer { clusterSlots in
                            runBlocks(seed: seed, itemStrata: clusterStratum, itemsPerStratum: scratch.clustersPerStratum, scratch: &scratch, arms: clusterArms.baseAddress!,
                                      blocks: clusterBlocks.baseAddress, slots: clusterSlots.baseAddress)
                        }
                    }
                }
                scratch.clusterArms = clusterArms
                scratch.clusterBlocks = clusterBlocks
                scratch.clusterSlots = clusterSlots
            }
            for unit in 0 ..< n {
                let cluster = Int(clusterOfUnit[unit])
                arms[unit] = scratch.clusterArms[cluster]
                if details != nil, !settings.blockSizes.isEmpty {
                    details!.blocks[unit] = scratch.clusterBlocks[cluster]
                    details!.slots[unit] = scratch.clusterSlots[cluster]
                }
            }

        case .minimisation:
            let minimisation = settings.minimisation!
            let armCount = design.armNames.count
            for factor in scratch.minimisationCounts.indices {
                for index in scratch.minimisationCounts[factor].indices { scratch.minimisationCounts[factor][index] = 0 }
            }
            let streamSeed = Xoshiro256StarStar.streamSeed(seed: seed, stream: "minimisation")
            for unit in 0 ..< n {
                for factor in factorCodes.indices {
                    let base = Int(factorCodes[factor][unit]) * armCount
                    for arm in 0 ..< armCount { scratch.levelCounts[factor][arm] = scratch.minimisationCounts[factor][base + arm] }
                }
                let probabilities = Minimisation.probabilities(levelCounts: scratch.levelCounts, settings: minimisation, ratios: design.ratios)
                var generator = Xoshiro256StarStar(streamSeed: streamSeed, index: UInt64(unit))
                let arm = generator.index(weightedBy: probabilities)
                arms[unit] = Int32(arm)
                for factor in factorCodes.indices {
                    scratch.minimisationCounts[factor][Int(factorCodes[factor][unit]) * armCount + arm] += 1
                }
                if details != nil {
                    for a in 0 ..< armCount { details!.probabilities[unit * armCount + a] = probabilities[a] }
                }
            }

        case .rerandomisation:
            let maximumDraws = settings.rerandomisation!.maximumDraws
            let threshold = self.threshold!
            let d = covariateCount
            let armCount = design.armNames.count
            for attempt in 0 ..< maximumDraws {
                let sequence = CompleteSequence.arms(seed: seed, label: StreamLabel("rerandomisation").appending(attempt),
                                                     count: n, ratios: design.ratios)
                for index in scratch.armSums.indices { scratch.armSums[index] = 0 }
                for index in scratch.armCounts.indices { scratch.armCounts[index] = 0 }
                for unit in 0 ..< n {
                    let arm = Int(sequence[unit])
                    scratch.armCounts[arm] += 1
                    for j in 0 ..< d { scratch.armSums[arm * d + j] += whitened[unit * d + j] }
                }
                // M = Σ_k n_k |mean_k - mean|² in whitened covariates, whose overall mean is 0.
                var distance = 0.0
                for arm in 0 ..< armCount where scratch.armCounts[arm] > 0 {
                    var squares = 0.0
                    for j in 0 ..< d { squares += scratch.armSums[arm * d + j] * scratch.armSums[arm * d + j] }
                    distance += squares / Double(scratch.armCounts[arm])
                }
                if distance <= threshold {
                    for unit in 0 ..< n { arms[unit] = sequence[unit] }
                    if details != nil {
                        details!.draws = attempt + 1
                        details!.distance = distance
                    }
                    return
                }
            }
            throw AllocationError(.rerandomisationFailed(draws: maximumDraws, threshold: threshold))
        }
    }

    /// Runs permuted blocks over items (units, or clusters) in order, each in its stratum's
    /// block sequence, writing each item's arm and, when asked, its block and slot (from 1).
    ///
    /// This is the hot loop of replays. It first draws, stratum by stratum, as many whole blocks
    /// as the stratum's items need (the blocks are independent, so the processor overlaps their
    /// draws), then hands the items their places in arrival order. It draws exactly what
    /// ``PermutedBlock/fill(_:at:seed:prefix:index:sizes:ratios:ratioTotal:)`` draws (the
    /// one-at-a-time path uses that, and the tests check the two agree).
    private func runBlocks(seed: UInt64, itemStrata: [Int32], itemsPerStratum: [Int], scratch: inout DrawScratch,
                           arms: UnsafeMutablePointer<Int32>, blocks: UnsafeMutablePointer<Int32>?,
                           slots: UnsafeMutablePointer<Int32>?) {
        let sizes = scratch.blockSizes
        let largest = sizes.max()!
        let sizeCount = sizes.count
        let strataCount = blockPrefixes.count
        let itemCount = itemStrata.count
        let recordPlaces = blocks != nil || slots != nil
        // Where each stratum's sequence starts (with room for one extra block).
        var start = 0
        for stratum in 0 ..< strataCount {
            scratch.stratumStarts[stratum] = start
            start += itemsPerStratum[stratum] + largest
        }
        if scratch.sequence.count < start {
            scratch.sequence = [Int32](repeating: 0, count: start)
            scratch.sequenceBlocks = [Int32](repeating: 0, count: start)
            scratch.sequenceSlots = [Int32](repeating: 0, count: start)
        }
        let templates = scratch.blockTemplates
        let templateOffsets = scratch.blockTemplateOffsets
        itemsPerStratum.withUnsafeBufferPointer { counts in
            scratch.stratumStarts.withUnsafeMutableBufferPointer { starts in
                scratch.sequence.withUnsafeMutableBufferPointer { sequence in
                    scratch.sequenceBlocks.withUnsafeMutableBufferPointer { sequenceBlocks in
                        scratch.sequenceSlots.withUnsafeMutableBufferPointer { sequenceSlots in
                            templates.withUnsafeBufferPointer { templates in
                                for stratum in 0 ..< strataCount {
                                    let streamSeed = Xoshiro256StarStar.streamSeed(seed: seed, stream: blockPrefixes[stratum])
                                    let base = sequence.baseAddress! + starts[stratum]
                                    var filled = 0
                                    var index = 0
                                    while filled < counts[stratum] {
                                        var generator = Xoshiro256StarStar(streamSeed: streamSeed, index: UInt64(index))
                                        let choice = sizeCount == 1 ? 0 : generator.uniform(below: sizeCount)
                                        let size = sizes[choice]
                                        let block = base + filled
                                        let template = templateOffsets[choice]
                                        for j in 0 ..< size { block[j] = templates[template + j] }
                                        var last = size - 1
                                        while last > 0 {
                                            let other = generator.uniform(below: last + 1)
                                            let kept = block[last]
                                            block[last] = block[other]
                                            block[other] = kept
                                            last -= 1
                                        }
                                        if recordPlaces {
                                            for j in 0 ..< size {
                                                sequenceBlocks[starts[stratum] + filled + j] = Int32(index + 1)
                                                sequenceSlots[starts[stratum] + filled + j] = Int32(j + 1)
                                            }
                                        }
                                        filled += size
                                        index += 1
                                    }
                                }
                                // Hand out the places in arrival order; `starts` becomes each stratum's cursor.
                                itemStrata.withUnsafeBufferPointer { strata in
                                    for item in 0 ..< itemCount {
                                        let stratum = Int(strata[item])
                                        let place = starts[stratum]
                                        starts[stratum] = place + 1
                                        arms[item] = sequence[place]
                                        if recordPlaces {
                                            blocks?[item] = sequenceBlocks[place]
                                            slots?[item] = sequenceSlots[place]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// One assignment of the whole cohort with `seed`: each unit's arm index, in arrival order.
    ///
    /// - Throws: ``AllocationError/Reason/rerandomisationFailed(draws:threshold:)`` when no draw
    ///   meets the rerandomisation criterion.
    /// - Complexity: O(*n*) for every scheme except rerandomisation (O(*n* x draws)).
    public func draw(seed: UInt64) throws -> [Int32] {
        var scratch = DrawScratch(for: self)
        var details: DrawDetails? = nil
        var arms = [Int32](repeating: 0, count: count)
        try arms.withUnsafeMutableBufferPointer { try draw(seed: seed, into: $0, scratch: &scratch, details: &details) }
        return arms
    }

    /// Allocates the whole cohort with `seed`: the same arms, strata, blocks and probabilities as
    /// enrolling the units one at a time in this order with ``AllocationDesign/nextAllocation(for:after:seed:)``.
    ///
    /// - Throws: as ``draw(seed:)``.
    public func allocate(seed: UInt64) throws -> CohortAllocation {
        var scratch = DrawScratch(for: self)
        let armCount = design.armNames.count
        var details: DrawDetails? = DrawDetails(count: count, armCount: armCount, perUnitProbabilities: design.scheme == .minimisation)
        var arms = [Int32](repeating: 0, count: count)
        try arms.withUnsafeMutableBufferPointer { try draw(seed: seed, into: $0, scratch: &scratch, details: &details) }
        let usesBlocks = design.scheme == .blocks || design.scheme == .stratifiedBlocks
            || (design.scheme == .cluster && !design.studyProtocol.randomisation.blockSizes.isEmpty)
        return CohortAllocation(
            design: self, seed: seed, armIndices: arms,
            blocks: usesBlocks ? details!.blocks : nil, slots: usesBlocks ? details!.slots : nil,
            unitProbabilities: design.scheme == .minimisation ? details!.probabilities : nil,
            rerandomisationDraws: design.scheme == .rerandomisation ? details!.draws : nil,
            distance: details!.distance)
    }
}

extension AllocationDesign {
    /// Allocates a cohort of units in arrival order: the same result as enrolling them one at a
    /// time with ``nextAllocation(for:after:seed:)``, computed in one pass.
    ///
    /// - Throws: ``AllocationError`` naming the row at fault (see ``cohortDesign(table:idColumn:)``).
    public func allocate(_ units: [EnrolmentUnit], seed: UInt64) throws -> CohortAllocation {
        try cohortDesign(units: units).allocate(seed: seed)
    }

    /// Allocates a cohort given as a table, one row per unit in arrival order.
    ///
    /// - Throws: ``AllocationError`` naming the row at fault.
    public func allocate(table: DataTable, idColumn: String = "id", seed: UInt64) throws -> CohortAllocation {
        try cohortDesign(table: table, idColumn: idColumn).allocate(seed: seed)
    }
}
