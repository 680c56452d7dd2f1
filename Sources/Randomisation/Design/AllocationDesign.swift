import StudyProtocol

/// A study's allocation design, ready to allocate: the protocol's arms, scheme and fields,
/// checked and arranged for allocation.
///
/// One design serves three uses that give identical results for the same seed:
/// - one person at a time, as a register enrols them: ``nextAllocation(for:after:seed:)``;
/// - a whole cohort at once, from units or from a table: ``allocate(_:seed:)``,
///   ``allocate(table:idColumn:seed:)``;
/// - many redraws of the same design for randomisation inference: ``CohortDesign/replay(seeds:)``.
///
/// Every random choice comes from a sub-stream of PreventKit's own generator
/// (``Xoshiro256StarStar``) labelled by what it decides (see ``StreamLabel``), and numbered
/// (``Xoshiro256StarStar/init(seed:stream:index:)``):
///
/// | scheme | sub-stream label | number |
/// | --- | --- | --- |
/// | simple | `simple` | unit |
/// | complete | `complete` | planned size |
/// | blocks, stratified-blocks | `blocks`, stratum values... | block |
/// | cluster | `cluster-complete`; or `cluster-blocks`, stratum values... | planned clusters; or block |
/// | minimisation | `minimisation` | unit |
/// | rerandomisation | `rerandomisation`, draw | cohort size |
///
/// Unit, block and draw numbers count from 0 in arrival order. Because permuted blocks come from
/// sub-streams keyed by the stratum and block number, nothing a register stores (the earlier
/// allocations) lets anyone work out the next allocation without the seed.
public struct AllocationDesign: Sendable {
    /// The protocol the design was made from.
    public let studyProtocol: StudyProtocol

    /// The arms' names, in protocol order (arm indices refer to this order).
    public let armNames: [String]

    /// The arms' ratios.
    public let ratios: [Int]

    /// Each arm's share of the ratio: the design probability of each arm for every unit under
    /// every scheme except minimisation.
    public let shares: [Double]

    /// The scheme.
    public var scheme: RandomisationSettings.Scheme { studyProtocol.randomisation.scheme }

    /// Makes a design from a validated protocol.
    ///
    /// - Parameter protocol: a protocol loaded from a study file (which checks that the scheme's
    ///   settings fit together) or built in code.
    /// - Throws: nothing for a protocol loaded from YAML; an ``AllocationError`` if a protocol
    ///   built in code lacks what its scheme needs.
    public init(protocol studyProtocol: StudyProtocol) throws {
        self.studyProtocol = studyProtocol
        armNames = studyProtocol.arms.map(\.name)
        ratios = studyProtocol.arms.map(\.ratio)
        let total = Double(ratios.reduce(0, +))
        shares = ratios.map { Double($0) / total }
        let settings = studyProtocol.randomisation
        switch settings.scheme {
        case .blocks, .stratifiedBlocks:
            if settings.blockSizes.isEmpty { throw AllocationError(.missingField("randomisation.block_sizes")) }
        case .cluster:
            if settings.clusterField == nil { throw AllocationError(.missingField("randomisation.cluster")) }
        case .minimisation:
            if settings.minimisation == nil { throw AllocationError(.missingField("randomisation.minimisation")) }
        case .rerandomisation:
            if settings.rerandomisation == nil { throw AllocationError(.missingField("randomisation.rerandomisation")) }
        case .simple, .complete:
            break
        }
        for size in settings.blockSizes where size % studyProtocol.ratioTotal != 0 || size < 1 {
            throw AllocationError(.badValue(field: "randomisation.block_sizes", value: "\(size)",
                                            expected: "a multiple of the ratio total \(studyProtocol.ratioTotal)"))
        }
    }

    /// The stratification fields in use: `strata` for stratified-blocks and cluster, none otherwise.
    var strataFields: [String] {
        switch scheme {
        case .stratifiedBlocks, .cluster: return studyProtocol.randomisation.strata
        default: return []
        }
    }

    /// The design probabilities as a dictionary by arm name.
    var shareDictionary: [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(armNames, shares))
    }

    /// The checked text of `field` for `unit`: `nil` when missing (an error when `required`);
    /// a declared numeric field must be a number, a declared categorical field with levels one of them.
    func value(of field: String, in unit: EnrolmentUnit, required: Bool) throws -> String? {
        let declared = studyProtocol.baselineField(named: field)
        guard let text = unit.value(of: field) else {
            if required || declared?.isRequired == true { throw AllocationError(.missingField(field)) }
            return nil
        }
        if let declared {
            switch declared.kind {
            case .numeric:
                guard let number = Double(text), number.isFinite else {
                    throw AllocationError(.badValue(field: field, value: text, expected: "a number"))
                }
            case .categorical:
                if !declared.levels.isEmpty && !declared.levels.contains(text) {
                    throw AllocationError(.unknownLevel(field: field, value: text, levels: declared.levels))
                }
            }
        }
        return text
    }

    /// The values of the stratification fields for `unit`, each required.
    func stratumValues(of unit: EnrolmentUnit) throws -> [String] {
        try strataFields.map { try value(of: $0, in: unit, required: true)! }
    }

    /// The stratum's display label: values joined by `|`.
    static func stratumLabel(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: "|")
    }
}
