import DataTables
import Foundation
import LinearAlgebra
import Randomisation
import StudyProtocol
import Testing
import TrialAnalysis

// The studentised statistic and test-inversion intervals of RandomisationInference, checked
// draw by draw against RobustLinearModel (itself checked against estimatr::lm_robust), against
// full enumeration of a small design, and against the sharp-null test of shifted outcomes.

/// The arm estimates, standard errors and robust Wald statistic of a full refit with
/// RobustLinearModel: y on [1, block dummies, arm indicators, covariates (centred for Lin), Lin
/// interactions], as ArmEffectModel builds it.
private func robustRefit(_ y: [Double], arms: [Int], armCount: Int, covariates: [[Double]],
                         adjustment: CovariateAdjustment, blocks: [Int]?, clusters: [Int]?,
                         variance: VarianceEstimator) throws -> (estimates: [Double], standardErrors: [Double], wald: Double) {
    let n = y.count
    var columns: [[Double]] = [[Double](repeating: 1, count: n)]
    if let blocks {
        for level in Set(blocks).sorted().dropFirst() { columns.append(blocks.map { $0 == level ? 1 : 0 }) }
    }
    let indicators = (1 ..< armCount).map { arm in arms.map { $0 == arm ? 1.0 : 0.0 } }
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
    let model = try RobustLinearModel(design: Matrix(columns: columns), response: Vector(y),
                                      columnNames: columns.indices.map { "c\($0)" }, clusters: clusters, estimator: variance)
    let armColumns = Array(firstArm ..< firstArm + indicators.count)
    let wald = try model.waldTest(columns: armColumns)
    return (armColumns.map { model.coefficients[$0] }, armColumns.map { model.standardErrors[$0] },
            wald.statistic * Double(armColumns.count))
}

struct StudentisedCase: CustomTestStringConvertible, Sendable {
    let adjustment: CovariateAdjustment
    let variance: VarianceEstimator
    let blocks: Bool
    var testDescription: String { "\(adjustment), \(variance)\(blocks ? ", block fixed effects" : "")" }
}

private let studentisedCases: [StudentisedCase] =
    [VarianceEstimator.classical, .hc0, .hc1, .hc2, .hc3, .cr0, .stata].flatMap { variance in
        CovariateAdjustment.allCases.map { StudentisedCase(adjustment: $0, variance: variance, blocks: true) }
    } + [StudentisedCase(adjustment: .lin, variance: .hc2, blocks: false),
         StudentisedCase(adjustment: .additive, variance: .hc3, blocks: false)]

@Test(arguments: studentisedCases)
func everyStudentisedDrawEqualsARobustRefit(_ testCase: StudentisedCase) throws {
    let trial = try StratifiedTrial()
    let replays = try trial.cohort.replay(count: 120, seed: 17)
    let draws = AssignmentDraws(units: replays.units, count: replays.replays, armCount: replays.armCount,
                                armIndices: replays.armIndices)
    let covariates = testCase.adjustment == .none ? [] : trial.covariates
    let blocks = testCase.blocks ? trial.blocks : nil
    // Pairs of consecutive units as clusters, for the clustered estimators.
    let clusters = testCase.variance.isClustered ? (0 ..< trial.outcome.count).map { $0 / 2 } : nil
    let ri = try RandomisationInference(outcome: trial.outcome, assignment: trial.observed, control: 0, armCount: 3,
                                        covariates: covariates, adjustment: testCase.adjustment, blocks: blocks,
                                        clusters: clusters)
    let statistics = try ri.drawStatistics(draws, statistic: .studentised, variance: testCase.variance, drawsPerChunk: 11)
    var worstEstimate = 0.0, worstError = 0.0, worstWald = 0.0
    // Every draw of this design is estimable with defined standard errors.
    let undefined = (0 ..< draws.count).filter { r in
        statistics.wald[r].isNaN || (0 ..< 2).contains { statistics.standardErrors[$0][r].isNaN || statistics.estimates[$0][r].isNaN }
    }
    #expect(undefined.isEmpty, "draws without a statistic: \(undefined)")
    for r in 0 ..< draws.count {
        let reference = try robustRefit(trial.outcome, arms: draws.draw(r).map { Int($0) }, armCount: 3,
                                        covariates: covariates, adjustment: testCase.adjustment, blocks: blocks,
                                        clusters: clusters, variance: testCase.variance)
        for a in 0 ..< 2 {
            worstEstimate = max(worstEstimate, abs(statistics.estimates[a][r] - reference.estimates[a]) / abs(reference.estimates[a]))
            worstError = max(worstError, abs(statistics.standardErrors[a][r] - reference.standardErrors[a]) / reference.standardErrors[a])
        }
        worstWald = max(worstWald, abs(statistics.wald[r] - reference.wald) / reference.wald)
    }
    #expect(worstEstimate < 1e-10, "largest relative difference in an estimate: \(worstEstimate)")
    #expect(worstError < 1e-10, "largest relative difference in a standard error: \(worstError)")
    #expect(worstWald < 1e-10, "largest relative difference in a Wald statistic: \(worstWald)")
    // Chunking changes nothing beyond rounding (OpenBLAS may order a product's sums differently
    // for matrices of other widths).
    let unchunked = try ri.drawStatistics(draws, statistic: .studentised, variance: testCase.variance)
    var worstChunking = 0.0
    for r in 0 ..< draws.count {
        for a in 0 ..< 2 {
            worstChunking = max(worstChunking, abs(unchunked.standardErrors[a][r] - statistics.standardErrors[a][r]) / statistics.standardErrors[a][r])
        }
        worstChunking = max(worstChunking, abs(unchunked.wald[r] - statistics.wald[r]) / statistics.wald[r])
    }
    #expect(worstChunking < 1e-12, "largest relative change with the chunk size: \(worstChunking)")
}

/// Every assignment of `counts[a]` units to arm a, in a fixed order.
private func everyAssignment(counts: [Int]) -> [[Int]] {
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

private let outcomes9: [Double] = [3.1, 4.7, 2.2, 6.0, 5.4, 1.9, 7.3, 4.4, 8.6]
private let covariate9: [Double] = [12, 15, 11, 17, 14, 10, 18, 13, 16]

@Test(arguments: [VarianceEstimator.hc2, .hc0, .classical])
func studentisedEnumerationGivesTheExactDistribution(_ variance: VarianceEstimator) throws {
    // 9 units, 3 arms of 3: 1,680 assignments, each equally likely under complete randomisation.
    let observed = [0, 1, 2, 0, 1, 2, 1, 0, 2]
    let assignments = everyAssignment(counts: [3, 3, 3])
    #expect(assignments.count == 1680)
    let ri = try RandomisationInference(outcome: outcomes9, assignment: observed, control: 0, armCount: 3,
                                        covariates: [covariate9], adjustment: .additive)
    let result = try ri.test(AssignmentDraws(assignments: assignments, armCount: 3, enumeratesDesign: true),
                             statistic: .studentised, variance: variance)
    let reference = try robustRefit(outcomes9, arms: observed, armCount: 3, covariates: [covariate9],
                                    adjustment: .additive, blocks: nil, clusters: nil, variance: variance)
    let observedT = zip(reference.estimates, reference.standardErrors).map { abs($0 / $1) }
    var extreme = [0, 0], extremeWald = 0
    for arms in assignments {
        let fit = try robustRefit(outcomes9, arms: arms, armCount: 3, covariates: [covariate9], adjustment: .additive,
                                  blocks: nil, clusters: nil, variance: variance)
        for a in 0 ..< 2 where abs(fit.estimates[a] / fit.standardErrors[a]) >= observedT[a] * (1 - 1e-9) { extreme[a] += 1 }
        if fit.wald >= reference.wald * (1 - 1e-9) { extremeWald += 1 }
    }
    #expect(result.isExact && result.statistic == .studentised && result.variance == variance)
    #expect(result.pValues == extreme.map { Double($0) / 1680 })
    #expect(result.waldPValue == Double(extremeWald) / 1680)
    for a in 0 ..< 2 {
        #expect(abs(result.standardErrors[a] - reference.standardErrors[a]) < 1e-12 * reference.standardErrors[a])
    }
    #expect(result.pValues.allSatisfy { $0 > 2.0 / 1680 && $0 < 1 }, "\(result.pValues)")
}

/// The interval's limits are where the p-value of the shifted sharp null crosses 1 − level: the
/// test of τ_a = τ₀ is the sharp-null test of y − τ₀D_a − Σ_{b≠a} τ̂_b D_b with the same draws.
@Test(arguments: [RandomisationStatistic.studentised, .estimate])
func intervalLimitsAreWhereTheShiftedTestRejects(_ statistic: RandomisationStatistic) throws {
    let trial = try StratifiedTrial()
    let replays = try trial.cohort.replay(count: 400, seed: 23)
    let draws = AssignmentDraws(units: replays.units, count: replays.replays, armCount: replays.armCount,
                                armIndices: replays.armIndices)
    let ri = try RandomisationInference(outcome: trial.outcome, assignment: trial.observed, control: 0, armCount: 3,
                                        covariates: trial.covariates, adjustment: .lin, blocks: trial.blocks)
    let result = try ri.test(draws, statistic: statistic, variance: .hc2, intervalLevel: 0.9)
    #expect(result.intervals.count == 2 && result.intervalLevel == 0.9)
    for a in 0 ..< 2 {
        let interval = result.intervals[a]
        #expect(interval.lower < result.estimates[a] && result.estimates[a] < interval.upper, "\(interval)")
        func shiftedPValue(_ effect: Double) throws -> Double {
            var shifted = trial.outcome
            for i in shifted.indices where trial.observed[i] > 0 {
                let arm = trial.observed[i] - 1
                shifted[i] -= arm == a ? effect : result.estimates[arm]
            }
            let shiftedTest = try RandomisationInference(outcome: shifted, assignment: trial.observed, control: 0, armCount: 3,
                                                         covariates: trial.covariates, adjustment: .lin, blocks: trial.blocks)
            return try shiftedTest.test(draws, statistic: statistic, variance: .hc2).pValues[a]
        }
        let width = interval.upper - interval.lower
        let step = 1e-6 * width
        #expect(try shiftedPValue(interval.lower + step) > 0.1)
        #expect(try shiftedPValue(interval.lower - step) <= 0.1)
        #expect(try shiftedPValue(interval.upper - step) > 0.1)
        #expect(try shiftedPValue(interval.upper + step) <= 0.1)
        #expect(try shiftedPValue(result.estimates[a]) == 1)
    }
}

@Test func studentisedCR2IsRefusedWithAReason() throws {
    let ri = try RandomisationInference(outcome: outcomes9, assignment: [0, 1, 2, 0, 1, 2, 1, 0, 2], control: 0, armCount: 3,
                                        clusters: [0, 0, 1, 1, 2, 2, 3, 3, 4])
    let draws = AssignmentDraws(assignments: [[0, 1, 2, 0, 1, 2, 1, 0, 2]], armCount: 3)
    #expect(throws: RandomisationInferenceError.unsupportedVariance(.cr2)) {
        try ri.test(draws, statistic: .studentised, variance: .cr2)
    }
    let unclustered = try RandomisationInference(outcome: outcomes9, assignment: [0, 1, 2, 0, 1, 2, 1, 0, 2], control: 0, armCount: 3)
    #expect(throws: RandomisationInferenceError.self) { try unclustered.test(draws, statistic: .studentised, variance: .cr0) }
    #expect(throws: RandomisationInferenceError.confidenceLevel(1.5)) { try unclustered.test(draws, intervalLevel: 1.5) }
    // The estimate statistic needs no variance, so CR2 is accepted there.
    #expect(try ri.test(draws, statistic: .estimate, variance: .cr2).pValues.count == 2)
}

/// A draw that puts a single unit in an arm gives it leverage 1: its HC2 standard error is
/// undefined, and the draw counts as at least as extreme.
@Test func aDrawWithLeverageOneCountsAsExtreme() throws {
    let observed = [0, 1, 2, 0, 1, 2, 1, 0, 2]
    let ri = try RandomisationInference(outcome: outcomes9, assignment: observed, control: 0, armCount: 3)
    let draws = AssignmentDraws(assignments: [observed, [0, 0, 0, 0, 1, 2, 2, 2, 2]], armCount: 3)
    let statistics = try ri.drawStatistics(draws, statistic: .studentised, variance: .hc2)
    #expect(statistics.standardErrors[0][1].isNaN)
    let result = try ri.test(draws, statistic: .studentised, variance: .hc2)
    #expect(result.nonEstimableDrawCount == 1)
    #expect(result.pValues[0] == 1)  // (1 + 2) / (1 + 2): the observed draw ties, the other is NaN
    // The same single-unit arm observed is an error that names the arm.
    let lone = try RandomisationInference(outcome: outcomes9, assignment: [0, 0, 0, 0, 1, 2, 2, 2, 2], control: 0, armCount: 3)
    #expect(throws: TrialAnalysisError.self) { try lone.test(draws, statistic: .studentised, variance: .hc2) }
}

/// Exact p-values over all 1,680 assignments of nine units to three arms of three, from
/// estimatr (Fixtures/make_ri_enumeration.R): lm_robust with additive adjustment and lm_lin,
/// HC2, for both statistics and the joint tests.
@Test(arguments: [CovariateAdjustment.additive, .lin])
func enumeratedPValuesAgreeWithEstimatr(_ adjustment: CovariateAdjustment) throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/ri_enumeration", withExtension: "csv"))
    let table = try DataTable(csvFile: url.path)
    let adjustments = try table.categorical("adjustment").values, statistics = try table.categorical("statistic").values
    let tests = try table.categorical("test").values, pValues = try table.numeric("p_value").values
    func reference(_ statistic: RandomisationStatistic, _ test: String) throws -> Double {
        let row = try #require(table.rowCount > 0 ? (0 ..< table.rowCount).first {
            adjustments[$0] == adjustment.rawValue && statistics[$0] == statistic.rawValue && tests[$0] == test
        } : nil)
        return pValues[row]
    }
    let observed = [0, 1, 2, 0, 1, 2, 1, 0, 2]
    let ri = try RandomisationInference(outcome: outcomes9, assignment: observed, control: 0, armCount: 3,
                                        covariates: [covariate9], adjustment: adjustment)
    let draws = AssignmentDraws(assignments: everyAssignment(counts: [3, 3, 3]), armCount: 3, enumeratesDesign: true)
    for statistic in RandomisationStatistic.allCases {
        let result = try ri.test(draws, statistic: statistic, variance: .hc2)
        // The fixture holds 15 significant digits; one assignment more or less moves p by 6e-4.
        #expect(abs(result.pValues[0] - (try reference(statistic, "arm1"))) < 1e-12, "\(statistic)")
        #expect(abs(result.pValues[1] - (try reference(statistic, "arm2"))) < 1e-12, "\(statistic)")
        #expect(abs(result.waldPValue - (try reference(statistic, "joint"))) < 1e-12, "\(statistic)")
    }
}
