import Randomisation
import StudyProtocol
import Testing

/// A unit or cohort that must be refused, and the words the error must contain.
struct BadAllocationCase: Sendable, CustomStringConvertible {
    let description: String
    let randomisation: String
    let units: [EnrolmentUnit]
    let expected: String
    let row: Int?
}

private func person(_ id: String, _ fields: [String: String]) -> EnrolmentUnit {
    EnrolmentUnit(id: id, fields: ["age": "14", "risk_band": "high", "area": "north", "family": "F1", "priors": "2"]
        .merging(fields) { $1 })
}

private let stratified = "{scheme: stratified-blocks, strata: [risk_band, area], block_sizes: [4, 8]}"

private let badCases: [BadAllocationCase] = [
    .init(description: "unknown stratum value", randomisation: stratified,
          units: [person("A1", [:]), person("A2", ["risk_band": "extreme"])],
          expected: "'risk_band': \"extreme\" is not one of the declared levels (low, medium, high)", row: 1),
    .init(description: "missing stratification field", randomisation: stratified,
          units: [person("A1", [:]), person("A2", ["area": ""])], expected: "'area' has no value", row: 1),
    .init(description: "duplicate id", randomisation: stratified,
          units: [person("A1", [:]), person("A1", [:])], expected: "id 'A1' is already allocated", row: 1),
    .init(description: "missing id", randomisation: stratified,
          units: [person("A1", [:]), person(" ", [:])], expected: "the unit has no id", row: 1),
    .init(description: "age not a number", randomisation: stratified,
          units: [person("A1", ["age": "fourteen"])], expected: "'age': \"fourteen\" is not a number", row: 0),
    .init(description: "missing required baseline field", randomisation: "{scheme: simple}",
          units: [person("A1", ["age": "NA"])], expected: "'age' has no value", row: 0),
    .init(description: "cohort beyond the planned size", randomisation: "{scheme: complete, size: 1}",
          units: [person("A1", [:]), person("A2", [:])], expected: "2 units is more than the planned randomisation.size of 1", row: nil),
    .init(description: "cluster spanning strata", randomisation: "{scheme: cluster, cluster: family, strata: [area], block_sizes: [4]}",
          units: [person("A1", [:]), person("A2", ["area": "south"])],
          expected: "cluster 'F1' has members in stratum north and in stratum south", row: 1),
]

@Test(arguments: badCases)
func badCohortsAreRefused(_ badCase: BadAllocationCase) throws {
    let design = try TestCohorts.design(randomisation: badCase.randomisation)
    do {
        _ = try design.allocate(badCase.units, seed: 1)
        Issue.record("the cohort was allocated")
    } catch let error as AllocationError {
        #expect(error.description == badCase.expected || error.description.hasPrefix(badCase.expected), "\(error)")
        #expect(error.row == badCase.row)
    }
    // One at a time, the same unit is refused with the same message.
    var history: [(unit: EnrolmentUnit, allocation: Allocation)] = []
    var refused: AllocationError?
    for unit in badCase.units {
        do {
            history.append((unit, try design.nextAllocation(for: unit, after: history, seed: 1)))
        } catch let error as AllocationError {
            refused = error
            break
        }
    }
    let message = try #require(refused).description
    #expect(message.hasPrefix(badCase.expected), "\(message)")
}

@Test func schemesThatCannotEnrolOneAtATimeSaySo() throws {
    let rerandomisation = try TestCohorts.design(randomisation: "{scheme: rerandomisation, rerandomisation: {covariates: [age, priors], acceptance_probability: 0.2}}")
    #expect(throws: AllocationError(.notSequential(scheme: "rerandomisation"))) {
        try rerandomisation.nextAllocation(for: person("A1", [:]), after: [], seed: 1)
    }
    let complete = try TestCohorts.design(randomisation: "{scheme: complete}")
    #expect(throws: AllocationError(.needsPlannedSize(scheme: "complete"))) {
        try complete.nextAllocation(for: person("A1", [:]), after: [], seed: 1)
    }
}

struct EligibilityCase: Sendable, CustomStringConvertible {
    let description: String
    let fields: [String: String]
    let failures: [String]
}

private let eligibilityCases: [EligibilityCase] = [
    .init(description: "eligible", fields: [:], failures: []),
    .init(description: "too old", fields: ["age": "26"], failures: ["age between 10 and 25"]),
    .init(description: "bounds are inclusive", fields: ["age": "25"], failures: []),
    .init(description: "no consent and too young", fields: ["age": "9", "consent": "no"],
          failures: ["age between 10 and 25", "consent is yes"]),
    .init(description: "consent missing", fields: ["consent": ""], failures: ["consent is yes (no value)"]),
]

@Test(arguments: eligibilityCases)
func eligibilityListsFailedRules(_ testCase: EligibilityCase) throws {
    let design = try TestCohorts.design(randomisation: "{scheme: simple}")
    let unit = person("E1", ["consent": "yes"].merging(testCase.fields) { $1 })
    #expect(try design.eligibilityFailures(of: unit) == testCase.failures)
}

@Test func eligibilityThrowsOnBadValues() throws {
    let design = try TestCohorts.design(randomisation: "{scheme: simple}")
    #expect(throws: AllocationError(.badValue(field: "age", value: "x", expected: "a number"))) {
        try design.eligibilityFailures(of: person("E1", ["age": "x"]))
    }
    #expect(throws: AllocationError(.unknownLevel(field: "consent", value: "maybe", levels: ["yes", "no"]))) {
        try design.eligibilityFailures(of: person("E1", ["consent": "maybe"]))
    }
}
