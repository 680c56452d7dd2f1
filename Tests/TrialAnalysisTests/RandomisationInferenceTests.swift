import LinearAlgebra
import Randomisation
import StudyProtocol
import Testing
import TrialAnalysis

// MARK: - Reference: one least-squares refit per assignment

/// The arm coefficients and classical Wald statistic of a full refit of y on
/// [1, block dummies, arm indicators, covariates (centred for Lin), Lin interactions], written
/// independently of the BLAS formulation.
private func refit(_ y: [Double], arms: [Int], control: Int, armCount: Int, covariates: [[Double]],
                   adjustment: CovariateAdjustment, blocks: [Int]?) throws -> (estimates: [Double], wald: Double) {
    let n = y.count
    var columns: [[Double]] = [[Double](repeating: 1, count: n)]
    if let blocks {
        for level in Set(blocks).sorted().dropFirst() { columns.append(blocks.map { $0 == level ? 1 : 0 }) }
    }
    let interventions = (0 ..< armCount).filter { $0 != control }
    let indicators = interventions.map { arm in arms.map { $0 == arm ? 1.0 : 0.0 } }
    let firstArm = columns.count
    columns += indicators
    switch covariates.isEmpty ? .none : adjustment {
    case .none: break
    case .additive: columns += covariates
    case .lin:
        let centred = covariates.map { x in x.map { $0 - x.reduce(0, +) / Double(n) } }
        columns += centred
        for x in centred { for d in indicators { columns.append(zip(d, x).map { $0 * $1 }) } }
    }
    let x = Matrix(columns: columns)
    let fit = try LeastSquares(x, Vector(y), whenRankDeficient: .throwError)
    let k = indicators.count
    let estimates = (0 ..< k).map { fit.coefficients[firstArm + $0] }
    let sigma2 = fit.residualSumOfSquares / Double(fit.residualDegreesOfFreedom)
    let unscaled = fit.unscaledCovariance()  // full rank: kept columns are all columns, in order
    var armBlock = Matrix(rows: k, columns: k)
    for a in 0 ..< k { for b in 0 ..< k { armBlock[a, b] = sigma2 * unscaled[firstArm + a, firstArm + b] } }
    let solved = try Cholesky(armBlock).solve(Vector(estimates))
    return (estimates, zip(estimates, solved).reduce(0) { $0 + $1.0 * $1.1 })
}

/// Every assignment of `counts[a]` units to arm a (multinomial arrangements), in a fixed order.
private func allAssignments(counts: [Int]) -> [[Int]] {
    var result: [[Int]] = []
    var current: [Int] = []
    var remaining = counts
    func extend() {
        if remaining.allSatisfy({ $0 == 0 }) { result.append(current); return }
        for arm in remaining.indices where remaining[arm] > 0 {
            remaining[arm] -= 1; current.append(arm)
            extend()
            current.removeLast(); remaining[arm] += 1
        }
    }
    extend()
    return result
}

// MARK: - (1) Full enumeration of a tiny completely randomised design

struct EnumerationCase: CustomTestStringConvertible, Sendable {
    let counts: [Int]
    let observed: [Int]
    var testDescription: String { "arms of \(counts)" }
}

private let outcomes8: [Double] = [3.1, 4.7, 2.2, 6.0, 5.4, 1.9, 7.3, 4.4]

@Test(arguments: [
    EnumerationCase(counts: [4, 4], observed: [1, 0, 0, 1, 1, 0, 1, 0]),
    EnumerationCase(counts: [3, 3, 2], observed: [0, 1, 0, 2, 1, 0, 1, 2]),
])
func enumerationGivesTheExactRandomisationDistribution(_ testCase: EnumerationCase) throws {
    let assignments = allAssignments(counts: testCase.counts)
    let armCount = testCase.counts.count
    let ri = try RandomisationInference(outcome: outcomes8, assignment: testCase.observed, control: 0, armCount: armCount)
    let result = try ri.test(AssignmentDraws(assignments: assignments, armCount: armCount, enumeratesDesign: true))

    // The reference: every assignment's differences in means, computed from group means, and
    // its classical Wald statistic from a refit.
    func differences(_ arms: [Int]) -> [Double] {
        func mean(_ arm: Int) -> Double {
            let values = zip(outcomes8, arms).filter { $0.1 == arm }.map(\.0)
            return values.reduce(0, +) / Double(values.count)
        }
        return (1 ..< armCount).map { mean($0) - mean(0) }
    }
    let observed = differences(testCase.observed)
    let observedWald = try refit(outcomes8, arms: testCase.observed, control: 0, armCount: armCount,
                                 covariates: [], adjustment: .none, blocks: nil).wald
    var extreme = [Int](repeating: 0, count: armCount - 1), extremeWald = 0
    for arms in assignments {
        let d = differences(arms)
        for a in d.indices where abs(d[a]) >= abs(observed[a]) - 1e-9 { extreme[a] += 1 }
        if try refit(outcomes8, arms: arms, control: 0, armCount: armCount, covariates: [],
                     adjustment: .none, blocks: nil).wald >= observedWald - 1e-9 { extremeWald += 1 }
    }
    #expect(result.isExact && result.drawCount == assignments.count)
    #expect(result.pValues == extreme.map { Double($0) / Double(assignments.count) })
    #expect(result.waldPValue == Double(extremeWald) / Double(assignments.count))
    for a in observed.indices { #expect(abs(result.estimates[a] - observed[a]) < 1e-12) }
    #expect(abs(result.wald - observedWald) < 1e-10 * observedWald)
    // Not degenerate: the p-values are neither 1 nor the smallest possible.
    #expect(result.pValues.allSatisfy { $0 > 1.5 / Double(assignments.count) && $0 < 1 }, "\(result.pValues) \(result.estimates) \(result.waldPValue)")
}

/// Monte Carlo draws from the actual design (complete randomisation of 8 into 4 + 4) agree with
/// the exact enumeration within sampling error.
@Test func monteCarloDrawsApproachTheEnumeration() throws {
    let observed = [1, 0, 0, 1, 1, 0, 1, 0]
    let ri = try RandomisationInference(outcome: outcomes8, assignment: observed, control: 0, armCount: 2)
    let exact = try ri.test(AssignmentDraws(assignments: allAssignments(counts: [4, 4]), armCount: 2, enumeratesDesign: true))
    let protocolText = "study: ri\narms: [{name: control}, {name: treated}]\nrandomisation: {scheme: complete, size: 8}\n"
    let cohort = try AllocationDesign(protocol: StudyProtocol(yaml: protocolText))
        .cohortDesign(units: (0 ..< 8).map { EnrolmentUnit(id: "U\($0)") })
    let replays = try cohort.replay(count: 4000, seed: 2026)
    let draws = AssignmentDraws(units: replays.units, count: replays.replays, armCount: replays.armCount,
                                armIndices: replays.armIndices)
    for column in 0 ..< draws.count { #expect(draws.draw(column).count { $0 == 1 } == 4) }
    var fractions: [Double] = []
    let result = try ri.test(draws, drawsPerChunk: 300) { fractions.append($0) }
    #expect(!result.isExact && result.drawCount == 4000)
    let p = exact.pValues[0], se = (p * (1 - p) / 4000).squareRoot()
    #expect(abs(result.pValues[0] - p) < 4 * se, "Monte Carlo \(result.pValues[0]), exact \(p)")
    #expect(fractions.count == 14 && fractions.last == 1 && zip(fractions, fractions.dropFirst()).allSatisfy { $0 < $1 })
    // Chunking changes nothing.
    #expect(try ri.test(draws) == result)
    // Seeded: the same seed gives the same draws and so the same result, bit for bit.
    let again = try cohort.replay(count: 4000, seed: 2026)
    #expect(try ri.test(AssignmentDraws(units: 8, count: 4000, armCount: 2, armIndices: again.armIndices)) == result)
}

// MARK: - (2) and (3): a stratified design with covariates

/// 48 people in 4 strata of 12, allocated to 3 arms in permuted blocks of 3 within strata, with
/// two covariates and an outcome made with PreventKit's own generator.
struct StratifiedTrial {
    let cohort: CohortDesign
    let observed: [Int]
    let outcome: [Double]
    let covariates: [[Double]]
    let blocks: [Int]

    init() throws {
        let yaml = """
            study: ri-stratified
            arms: [{name: control}, {name: police}, {name: partner}]
            randomisation: {scheme: stratified-blocks, strata: [band], block_sizes: [3]}
            baseline:
              - {name: band, type: categorical, levels: [a, b, c, d], required: true}
              - {name: age, type: numeric}
            """
        var generator = Xoshiro256StarStar(seed: 41)
        let bands = ["a", "b", "c", "d"]
        var units: [EnrolmentUnit] = []
        var age: [Double] = [], priors: [Double] = []
        for i in 0 ..< 48 {
            let years = Double(15 + generator.uniform(below: 20))
            age.append(years)
            priors.append(Double(generator.uniform(below: 1000)) / 100)
            units.append(EnrolmentUnit(id: "P\(i)", fields: ["band": bands[i % 4], "age": String(Int(years))]))
        }
        cohort = try AllocationDesign(protocol: StudyProtocol(yaml: yaml)).cohortDesign(units: units)
        observed = try cohort.draw(seed: 5).map { Int($0) }
        blocks = cohort.stratumOfUnit.map { Int($0) }
        covariates = [age, priors]
        var outcome: [Double] = []
        for i in 0 ..< 48 {
            let linear: Double = 0.3 * age[i] - 0.8 * priors[i] + Double(blocks[i])
            let noise: Double = Double(generator.uniform(below: 1000)) / 250
            outcome.append(linear + 0.7 * Double(observed[i]) + noise)
        }
        self.outcome = outcome
    }
}

@Test(arguments: CovariateAdjustment.allCases)
func everyDrawEqualsAFullRefit(_ adjustment: CovariateAdjustment) throws {
    let trial = try StratifiedTrial()
    let replays = try trial.cohort.replay(count: 300, seed: 9)
    let draws = AssignmentDraws(units: replays.units, count: replays.replays, armCount: replays.armCount,
                                armIndices: replays.armIndices)
    let covariates = adjustment == .none ? [] : trial.covariates
    let ri = try RandomisationInference(outcome: trial.outcome, assignment: trial.observed, control: 0, armCount: 3,
                                        covariates: covariates, adjustment: adjustment, blocks: trial.blocks)
    // 43 chunks, the last one partial.
    let statistics = try ri.drawStatistics(draws, drawsPerChunk: 7)
    #expect(try statistics == ri.drawStatistics(draws))
    var worstEstimate = 0.0, worstWald = 0.0
    for r in 0 ..< draws.count {
        let reference = try refit(trial.outcome, arms: draws.draw(r).map { Int($0) }, control: 0, armCount: 3,
                                  covariates: covariates, adjustment: adjustment, blocks: trial.blocks)
        for a in 0 ..< 2 { worstEstimate = max(worstEstimate, abs(statistics.estimates[a][r] - reference.estimates[a])) }
        worstWald = max(worstWald, abs(statistics.wald[r] - reference.wald) / reference.wald)
    }
    #expect(worstEstimate < 1e-10, "largest difference in an estimate: \(worstEstimate)")
    #expect(worstWald < 1e-10, "largest relative difference in a Wald statistic: \(worstWald)")

    // The observed statistics equal the refit of the observed assignment too.
    let result = try ri.test(draws)
    let observed = try refit(trial.outcome, arms: trial.observed, control: 0, armCount: 3, covariates: covariates,
                             adjustment: adjustment, blocks: trial.blocks)
    for a in 0 ..< 2 { #expect(abs(result.estimates[a] - observed.estimates[a]) < 1e-10) }
    #expect(result.nonEstimableDrawCount == 0)
    // The effect built into the outcome (0.7 per arm index) is found.
    #expect(result.waldPValue < 0.05)
}

@Test func redrawsKeepTheDesignsStratumCounts() throws {
    let trial = try StratifiedTrial()
    let replays = try trial.cohort.replay(count: 500, seed: 13)
    let draws = AssignmentDraws(units: replays.units, count: replays.replays, armCount: replays.armCount,
                                armIndices: replays.armIndices)
    let observedCounts = (0 ..< 4).map { s in
        (0 ..< 3).map { arm in trial.observed.indices.count { trial.blocks[$0] == s && trial.observed[$0] == arm } }
    }
    #expect(observedCounts.allSatisfy { $0 == [4, 4, 4] })
    var distinct = Set<[Int32]>()
    for r in 0 ..< draws.count {
        let draw = Array(draws.draw(r))
        distinct.insert(draw)
        for s in 0 ..< 4 {
            let counts = (0 ..< 3).map { arm in draw.indices.count { trial.blocks[$0] == s && draw[$0] == Int32(arm) } }
            #expect(counts == observedCounts[s])
        }
    }
    #expect(distinct.count > 490)
}

@Test func anEmptyObservedArmIsAnError() {
    #expect(throws: TrialAnalysisError.emptyArm("2", dropped: 0)) {
        try RandomisationInference(outcome: outcomes8, assignment: [0, 1, 0, 1, 0, 1, 0, 1], control: 0, armCount: 3)
    }
}
