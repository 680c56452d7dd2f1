@testable import Randomisation
import Testing

/// Complete randomisation's counts and leftover probabilities, against R randomizr's
/// `complete_ra` semantics: each arm first gets floor(N p_k) units, and the R leftover units go
/// to arm k with total probability R x prob_each_fix_up_k = N p_k - floor(N p_k). The expected
/// values below are that formula worked by hand (and with randomizr's code in the comment).
struct CompleteCase: Sendable, CustomStringConvertible {
    let count: Int
    let ratios: [Int]
    /// floor(N p_k): randomizr's `m_each_floor`.
    let floors: [Int]
    /// N p_k - floor(N p_k), as a numerator over the ratio total: R x randomizr's `prob_each_fix_up`.
    let leftoverNumerators: [Int]
    var description: String { "N = \(count), ratios \(ratios)" }
}

private let completeCases: [CompleteCase] = [
    // prob_each = (.5, .25, .25): m_each_floor = (5, 2, 2), N_remainder = 1, fix_up = (0, .5, .5).
    .init(count: 10, ratios: [2, 1, 1], floors: [5, 2, 2], leftoverNumerators: [0, 2, 2]),
    // prob_each = 1/3 each: floors (2, 2, 2), N_remainder = 1, fix_up = 1/3 each.
    .init(count: 7, ratios: [1, 1, 1], floors: [2, 2, 2], leftoverNumerators: [1, 1, 1]),
    // prob_each = .25 each: floors 2, N_remainder = 3, fix_up = .25 each (leftover chance .75).
    .init(count: 11, ratios: [1, 1, 1, 1], floors: [2, 2, 2, 2], leftoverNumerators: [3, 3, 3, 3]),
    // prob_each = (.6, .4): floors (3, 2), no remainder.
    .init(count: 5, ratios: [3, 2], floors: [3, 2], leftoverNumerators: [0, 0]),
    // prob_each = (.1, .2, .3, .4): N p = (.9, 1.8, 2.7, 3.6), floors (0, 1, 2, 3), N_remainder = 3.
    .init(count: 9, ratios: [1, 2, 3, 4], floors: [0, 1, 2, 3], leftoverNumerators: [9, 8, 7, 6]),
]

/// Enumerating every systematic offset (each equally likely) gives each arm a leftover unit with
/// probability exactly (N p_k - floor(N p_k)), and exactly N_remainder leftovers in all.
@Test(arguments: completeCases)
func leftoverProbabilitiesAreExact(_ testCase: CompleteCase) {
    let total = testCase.ratios.reduce(0, +)
    var generator = Xoshiro256StarStar(seed: 1)
    var hits = [Int](repeating: 0, count: testCase.ratios.count)
    for offset in 0 ..< total {
        let extras = CompleteSequence.leftoverArms(offset: offset, count: testCase.count, ratios: testCase.ratios, generator: &generator)
        #expect(testCase.floors.reduce(0, +) + extras.filter { $0 }.count == testCase.count)
        for (arm, extra) in extras.enumerated() where extra { hits[arm] += 1 }
    }
    // hits[k] / total is the leftover probability; randomizr's is leftoverNumerators[k] / total.
    #expect(hits == testCase.leftoverNumerators)
}

/// Every arm gets the floor or the ceiling of N p_k, and each unit's frequency is its
/// probability (checked in StatisticalPropertyTests).
@Test(arguments: completeCases)
func armCountsAreFloorOrCeiling(_ testCase: CompleteCase) {
    for seed: UInt64 in 1 ... 200 {
        let arms = CompleteSequence.arms(seed: seed, label: "complete", count: testCase.count, ratios: testCase.ratios)
        #expect(arms.count == testCase.count)
        for (arm, floor) in testCase.floors.enumerated() {
            let count = arms.filter { $0 == Int32(arm) }.count
            #expect(count == floor || (count == floor + 1 && testCase.leftoverNumerators[arm] > 0))
        }
    }
}
