/// The arm one unit was allocated to, with where in the design the allocation came from.
public struct Allocation: Sendable, Equatable {
    /// The arm's name.
    public var arm: String

    /// The arm's index in the protocol's `arms`.
    public var armIndex: Int

    /// The unit's stratum: the values of the stratification fields joined by `|`
    /// (`high|north`), or `nil` for an unstratified scheme.
    public var stratum: String?

    /// The permuted block the allocation came from, numbered from 1 within the stratum, or `nil`
    /// for schemes without blocks.
    public var block: Int?

    /// The position within that block, from 1.
    public var slot: Int?

    /// The unit's cluster, for cluster allocation.
    public var cluster: String?

    /// Each arm's probability of assignment for this unit, by arm name: for minimisation the
    /// probabilities used at this step (given the earlier allocations); for the other schemes the
    /// design's probabilities, which are the arms' shares of the ratio.
    public var probabilities: [String: Double]

    /// Creates an allocation.
    public init(arm: String, armIndex: Int, stratum: String? = nil, block: Int? = nil, slot: Int? = nil,
                cluster: String? = nil, probabilities: [String: Double]) {
        self.arm = arm
        self.armIndex = armIndex
        self.stratum = stratum
        self.block = block
        self.slot = slot
        self.cluster = cluster
        self.probabilities = probabilities
    }
}
