import DataTables

/// A whole cohort's allocation, stored column by column: each unit's arm, stratum, block and
/// slot, and each arm's probability for each unit.
public struct CohortAllocation: Sendable {
    /// The design as used.
    public let design: CohortDesign

    /// The seed the allocation was drawn with.
    public let seed: UInt64

    /// Each unit's arm index (into `design.design.armNames`), in arrival order.
    public let armIndices: [Int32]

    /// Each unit's block number (from 1, within its stratum), for schemes with blocks.
    public let blocks: [Int32]?

    /// Each unit's slot in its block (from 1), for schemes with blocks.
    public let slots: [Int32]?

    /// Minimisation's per-unit probabilities, unit by unit (arms within unit); `nil` when every
    /// unit's probabilities are the arms' ratio shares.
    let unitProbabilities: [Double]?

    /// For rerandomisation: the number of draws made until one met the criterion.
    public let rerandomisationDraws: Int?

    /// For rerandomisation: the accepted draw's Mahalanobis distance (at most `design.threshold`).
    public let distance: Double?

    init(design: CohortDesign, seed: UInt64, armIndices: [Int32], blocks: [Int32]?, slots: [Int32]?,
         unitProbabilities: [Double]?, rerandomisationDraws: Int?, distance: Double?) {
        self.design = design
        self.seed = seed
        self.armIndices = armIndices
        self.blocks = blocks
        self.slots = slots
        self.unitProbabilities = unitProbabilities
        self.rerandomisationDraws = rerandomisationDraws
        self.distance = distance
    }

    /// The number of units.
    public var count: Int { armIndices.count }

    /// The arms' names.
    public var armNames: [String] { design.design.armNames }

    /// The probability that unit `unit` (by position) was assigned arm `arm` (by index).
    public func probability(unit: Int, arm: Int) -> Double {
        if let unitProbabilities { return unitProbabilities[unit * armNames.count + arm] }
        return design.design.shares[arm]
    }

    /// The stratum label (`high|north`) of unit `unit`, or `nil` for an unstratified scheme.
    public func stratum(of unit: Int) -> String? {
        AllocationDesign.stratumLabel(design.strata[Int(design.stratumOfUnit[unit])])
    }

    /// Unit `unit`'s allocation, as ``AllocationDesign/nextAllocation(for:after:seed:)`` gives it.
    public subscript(unit: Int) -> Allocation {
        let arm = Int(armIndices[unit])
        var probabilities: [String: Double] = [:]
        for (index, name) in armNames.enumerated() { probabilities[name] = probability(unit: unit, arm: index) }
        return Allocation(
            arm: armNames[arm], armIndex: arm, stratum: stratum(of: unit),
            block: blocks.map { Int($0[unit]) }, slot: slots.map { Int($0[unit]) },
            cluster: design.clusterOfUnit.isEmpty ? nil : design.clusters[Int(design.clusterOfUnit[unit])],
            probabilities: probabilities)
    }

    /// Every unit's allocation, in arrival order.
    public var allocations: [Allocation] { (0 ..< count).map { self[$0] } }

    /// The allocation as a table: `id`, `arm`, `stratum`, `block`, `slot`, `cluster` (cluster
    /// scheme only) and one `p_<arm>` column per arm. `stratum`, `block` and `slot` are missing
    /// where the scheme has none.
    public func table() -> DataTable {
        let n = count
        var columns: [(name: String, column: Column)] = []
        columns.append((name: "id", column: .categorical(CategoricalColumn(levels: design.ids, codes: (0 ..< Int32(n)).map { $0 }))))
        columns.append((name: "arm", column: .categorical(CategoricalColumn(levels: armNames, codes: armIndices))))
        let stratified = !design.strata.allSatisfy(\.isEmpty)
        columns.append((name: "stratum", column: .categorical(stratified
            ? CategoricalColumn(levels: design.strata.map { AllocationDesign.stratumLabel($0)! }, codes: design.stratumOfUnit)
            : CategoricalColumn(levels: [], codes: [Int32](repeating: CategoricalColumn.missingCode, count: n)))))
        columns.append((name: "block", column: .numeric(NumericColumn(blocks.map { $0.map(Double.init) } ?? [Double](repeating: .nan, count: n)))))
        columns.append((name: "slot", column: .numeric(NumericColumn(slots.map { $0.map(Double.init) } ?? [Double](repeating: .nan, count: n)))))
        if !design.clusterOfUnit.isEmpty {
            columns.append((name: "cluster", column: .categorical(CategoricalColumn(levels: design.clusters, codes: design.clusterOfUnit))))
        }
        for (arm, name) in armNames.enumerated() {
            let values = unitProbabilities.map { all in (0 ..< n).map { all[$0 * armNames.count + arm] } }
                ?? [Double](repeating: design.design.shares[arm], count: n)
            columns.append((name: "p_\(name)", column: .numeric(NumericColumn(values))))
        }
        return DataTable(columns)
    }
}
