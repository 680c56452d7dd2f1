import Randomisation
import StudyProtocol
import Testing

struct SchemeCase: Sendable, CustomStringConvertible {
    let description: String
    let arms: String
    let randomisation: String
}

private let schemeCases = TestCohorts.schemes.map { SchemeCase(description: $0.name, arms: $0.arms, randomisation: $0.randomisation) }

/// Enrolling people one at a time gives exactly the allocation of the whole cohort at once.
@Test(arguments: schemeCases)
func oneAtATimeEqualsTheWholeCohort(_ scheme: SchemeCase) throws {
    let design = try TestCohorts.design(arms: scheme.arms, randomisation: scheme.randomisation)
    let units = TestCohorts.people(103)
    for seed: UInt64 in [1, 20_151_203] {
        let batch = try design.allocate(units, seed: seed)
        var history: [(unit: EnrolmentUnit, allocation: Allocation)] = []
        for unit in units {
            let allocation = try design.nextAllocation(for: unit, after: history, seed: seed)
            history.append((unit, allocation))
        }
        #expect(history.map(\.allocation) == batch.allocations)
        #expect(try batch.design.draw(seed: seed) == batch.armIndices)
        // The same cohort read as a table gives the same allocation again.
        for (unit, allocation) in zip(units, batch.allocations) {
            let total = allocation.probabilities.values.reduce(0, +)
            #expect(abs(total - 1) < 1e-12, "\(unit.id)")
            #expect(allocation.probabilities[allocation.arm]! > 0)
        }
    }
}

@Test func differentSeedsGiveDifferentSequences() throws {
    let design = try TestCohorts.design(randomisation: "{scheme: stratified-blocks, strata: [risk_band], block_sizes: [4, 8]}")
    let units = TestCohorts.people(200)
    let first = try design.allocate(units, seed: 1).armIndices
    let second = try design.allocate(units, seed: 2).armIndices
    #expect(first != second)
    #expect(try design.allocate(units, seed: 1).armIndices == first)
}

@Test func aTableGivesTheSameAllocationAsUnits() throws {
    let design = try TestCohorts.design(randomisation: "{scheme: stratified-blocks, strata: [risk_band, area], block_sizes: [4, 8]}")
    let units = TestCohorts.people(150)
    var csv = "id,age,risk_band,area,family,priors,consent\n"
    for unit in units {
        csv += [unit.id, "age", "risk_band", "area", "family", "priors", "consent"].enumerated()
            .map { $0.offset == 0 ? $0.element : unit.fields[$0.element]! }.joined(separator: ",") + "\n"
    }
    let header = ["id", "age", "risk_band", "area", "family", "priors", "consent"]
    let table = try DataTableFixture.read(csv, options: design.csvReadOptions(header: header))
    let fromTable = try design.allocate(table: table, seed: 5)
    let fromUnits = try design.allocate(units, seed: 5)
    #expect(fromTable.allocations == fromUnits.allocations)
    let written = fromTable.table()
    #expect(written.columnNames == ["id", "arm", "stratum", "block", "slot", "p_control", "p_police", "p_partner", "p_social_media"])
}
