import DataTables
import Foundation
import GeneralisedLinearModels
import LinearAlgebra
import Testing
import TrialAnalysis

/// The score randomisation test for ratio estimands: its statistic against R's Rao score test,
/// against a direct per-draw computation, and its exact p-values against full enumeration.
@Suite struct ScoreRandomisationTests {
    static let raoCases = ScoreFixtures.shared.rao
    static let enumerationCases = ScoreFixtures.shared.enumeration

    /// The analysis of a Rao fixture, as `prevent analyse` would specify it.
    static func analysis(_ fixture: ScoreFixtures.Rao) throws -> (OutcomeEffects, DataTable) {
        let file = fixture.name.hasPrefix("infert") ? "trial_infert.csv"
            : fixture.name.hasPrefix("quine") ? "trial_quine.csv" : "trial_five_arm.csv"
        let table = try ReferenceFixtures.table(file)
        let family: OutcomeFamily = fixture.family == "negbin" ? .negativeBinomial
            : fixture.name.hasPrefix("infert") ? .binomial : .poisson
        let estimand: OutcomeEstimand = fixture.family == "logistic" ? .oddsRatio
            : fixture.name.hasPrefix("infert") ? .riskRatio : .rateRatio
        let model = OutcomeEffectModel(outcome: fixture.outcome, arm: fixture.arm, control: fixture.control,
                                       covariates: fixture.fixed.filter { $0 != "Sex" },
                                       blocks: fixture.fixed.contains("Sex") ? "Sex" : nil, family: family,
                                       estimand: estimand, exposure: fixture.offset)
        return (try model.fit(table), table)
    }

    static func scoreTest(_ inputs: OutcomeRandomisationInputs) throws -> ScoreRandomisationInference {
        guard case let .score(inference) = inputs.test else {
            Issue.record("a ratio analysis should get the score test")
            throw CancellationError()
        }
        return inference
    }

    @Test func fixturesAreLoaded() {
        #expect(Self.raoCases.count == 6)
        #expect(Self.enumerationCases.count == 2)
    }

    /// The observed score, each arm's squared studentised score and the joint statistic are R's
    /// scores and Rao statistics (`anova(null, bigger, test = "Rao")`), to 1e-6 relative.
    @Test(arguments: raoCases)
    func agreesWithRaoScoreTest(_ fixture: ScoreFixtures.Rao) throws {
        let (effects, table) = try Self.analysis(fixture)
        let inputs = try effects.randomisationInputs(table: table)
        #expect(inputs.rows.count == fixture.n)
        #expect(inputs.armNames[0] == fixture.control && Set(inputs.armNames.dropFirst()) == Set(fixture.arms))
        let inference = try Self.scoreTest(inputs)
        if let theta = fixture.theta {
            #expect(relativeError(try #require(inference.theta), theta) <= 1e-6)
        }
        let observed = inference.drawStatistics(AssignmentDraws(assignments: [inference.assignment], armCount: inference.armCount))
        for (a, arm) in inputs.armNames.dropFirst().enumerated() {
            let r = try #require(fixture.arms.firstIndex(of: arm))
            #expect(relativeError(observed.scores[a][0], fixture.scores[r]) <= 1e-6,
                    "\(fixture.name) arm \(a): score \(observed.scores[a][0]) against \(fixture.scores[r])")
            let squared = observed.statistics[a][0] * observed.statistics[a][0]
            #expect(relativeError(squared, fixture.rao_arm[r]) <= 1e-6,
                    "\(fixture.name) arm \(a): t² \(squared) against Rao \(fixture.rao_arm[r])")
            #expect((observed.statistics[a][0] > 0) == (fixture.scores[r] > 0))
        }
        #expect(relativeError(observed.joint[0], fixture.rao_joint) <= 1e-6,
                "\(fixture.name): joint \(observed.joint[0]) against Rao \(fixture.rao_joint)")
    }

    /// Every draw's statistics equal a direct computation from the full information matrix of
    /// the model with arms, [X₀ D]ᵀW[X₀ D], inverted per draw, to 1e-10 relative, across chunk
    /// boundaries.
    @Test(arguments: [ScoreRandomisationInference.NullModel.logistic, .poisson, .negativeBinomial])
    func drawsMatchDirectComputation(_ nullModel: ScoreRandomisationInference.NullModel) throws {
        let n = 60, armCount = 3
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let x = (0 ..< n).map { _ in uniform() * 2 - 1 }
        let block = (0 ..< n).map { Double($0 % 5 < 2 ? 1 : 0) }
        // Binary, or overdispersed counts (an exponential mixture of rates).
        let outcome = (0 ..< n).map { i -> Double in
            nullModel == .logistic ? (uniform() < 0.3 + 0.3 * block[i] ? 1 : 0)
                : (-log(1 - uniform()) * 3 * exp(0.5 * x[i])).rounded(.down)
        }
        let observed = (0 ..< n).map { $0 % armCount }
        let fixed = Matrix(columns: [[Double](repeating: 1, count: n), block, x])
        let inference = try ScoreRandomisationInference(outcome: outcome, assignment: observed, control: 0,
                                                        armCount: armCount, fixedDesign: fixed, nullModel: nullModel)
        var assignments: [[Int]] = [observed]
        for _ in 0 ..< 24 {
            var assignment = observed
            for i in stride(from: n - 1, to: 0, by: -1) { assignment.swapAt(i, Int(uniform() * Double(i + 1))) }
            assignments.append(assignment)
        }
        let draws = AssignmentDraws(assignments: assignments, armCount: armCount)
        let statistics = inference.drawStatistics(draws, drawsPerChunk: 7)

        // Weights and score contributions at the null fit's means, from the families' formulas.
        let mu = Array(inference.nullFit.fittedValues)
        let scale = mu.map { nullModel == .negativeBinomial ? 1 + $0 / inference.theta! : 1 }
        let w = (0 ..< n).map { nullModel == .logistic ? mu[$0] * (1 - mu[$0]) : mu[$0] / scale[$0] }
        let r = (0 ..< n).map { (outcome[$0] - mu[$0]) / scale[$0] / w[$0] }
        func information(_ columns: [[Double]]) -> Matrix {
            Matrix(rows: columns.count, columns: columns.count, columnMajor: columns.flatMap { c in
                columns.map { d in (0 ..< n).reduce(0) { $0 + c[$1] * w[$1] * d[$1] } }
            })
        }
        let fixedColumns = (0 ..< 3).map { j in (0 ..< n).map { fixed[$0, j] } }
        for (d, assignment) in assignments.enumerated() {
            let indicators = (1 ..< armCount).map { a in assignment.map { $0 == a ? 1.0 : 0.0 } }
            let scores = indicators.map { column in (0 ..< n).reduce(0) { $0 + column[$1] * w[$1] * r[$1] } }
            // Joint: Uᵀ (I⁻¹)_DD U with I the information of [X₀ D].
            let inverse = try Cholesky(information(fixedColumns + indicators)).inverse()
            var joint = 0.0
            for a in 0 ..< 2 { for b in 0 ..< 2 { joint += scores[a] * inverse[3 + a, 3 + b] * scores[b] } }
            #expect(relativeError(statistics.joint[d], joint) <= 1e-10, "draw \(d): joint \(statistics.joint[d]) against \(joint)")
            for a in 0 ..< 2 {
                let single = try Cholesky(information(fixedColumns + [indicators[a]])).inverse()
                let t = scores[a] * single[3, 3].squareRoot()
                #expect(relativeError(statistics.scores[a][d], scores[a]) <= 1e-10)
                #expect(relativeError(statistics.statistics[a][d], t) <= 1e-10,
                        "draw \(d) arm \(a): \(statistics.statistics[a][d]) against \(t)")
            }
        }
    }

    /// Every assignment of nine people to three arms of three, refitted in R: the statistics to
    /// 1e-6 and the exact p-values equal.
    @Test(arguments: enumerationCases)
    func exactPValuesMatchEnumeration(_ fixture: ScoreFixtures.Enumeration) throws {
        let n = fixture.y.count
        let fixed = Matrix(columns: [[Double](repeating: 1, count: n), fixture.x])
        let inference = try ScoreRandomisationInference(
            outcome: fixture.y, assignment: fixture.observed, control: 0, armCount: 3, fixedDesign: fixed,
            nullModel: fixture.family == "logistic" ? .logistic : .poisson, offset: fixture.exposure?.map { log($0) })
        let all = Self.threeArmsOfThree()
        #expect(all.count == fixture.assignments)
        let result = try inference.test(AssignmentDraws(assignments: all, armCount: 3, enumeratesDesign: true))
        #expect(result.isExact)
        for a in 0 ..< 2 {
            #expect(relativeError(result.statistics[a], fixture.statistics[a]) <= 1e-6)
            #expect(abs(result.pValues[a] - fixture.p_values[a]) <= 1e-12,
                    "\(fixture.name) arm \(a): p \(result.pValues[a]) against \(fixture.p_values[a])")
        }
        #expect(relativeError(result.jointStatistic, fixture.joint) <= 1e-6)
        #expect(abs(result.jointPValue - fixture.p_joint) <= 1e-12, "\(fixture.name): joint p \(result.jointPValue) against \(fixture.p_joint)")
    }

    /// Every assignment of people 0...8 to arms 0, 1, 2 with three in each, in R's combn order.
    static func threeArmsOfThree() -> [[Int]] {
        var all: [[Int]] = []
        func combinations(_ pool: [Int], _ size: Int) -> [[Int]] {
            guard size > 0 else { return [[]] }
            guard pool.count >= size else { return [] }
            let first = pool[0], rest = Array(pool.dropFirst())
            return combinations(rest, size - 1).map { [first] + $0 } + combinations(rest, size)
        }
        for one in combinations(Array(0 ..< 9), 3) {
            for two in combinations((0 ..< 9).filter { !one.contains($0) }, 3) {
                var arm = [Int](repeating: 0, count: 9)
                for i in one { arm[i] = 1 }
                for i in two { arm[i] = 2 }
                all.append(arm)
            }
        }
        return all
    }

    /// Monte Carlo p-values count the observed statistic's ties and extremes as (1 + #) / (1 + R);
    /// draws that empty an arm have no statistic and count as extreme.
    @Test func drawsWithAnEmptyArmCountAsExtreme() throws {
        let outcome: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0]
        let observed = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]
        let fixed = Matrix(columns: [[Double](repeating: 1, count: 12)])
        let inference = try ScoreRandomisationInference(outcome: outcome, assignment: observed, control: 0, armCount: 3,
                                                        fixedDesign: fixed, nullModel: .logistic)
        let withoutArmTwo = observed.map { $0 == 2 ? 1 : $0 }
        let result = try inference.test(AssignmentDraws(assignments: [observed, withoutArmTwo, withoutArmTwo], armCount: 3))
        #expect(result.nonEstimableDrawCount == 2)
        #expect(result.pValues[1] == 1)  // (1 + 3) / (1 + 3): the observed draw ties, the others are extreme.
        #expect(result.jointPValue == 1)
        let statistics = inference.drawStatistics(AssignmentDraws(assignments: [withoutArmTwo], armCount: 3))
        #expect(statistics.statistics[1][0].isNaN && statistics.joint[0].isNaN)
        #expect(statistics.statistics[0][0].isFinite)
    }

    @Test func anEmptyObservedArmIsAnError() {
        let fixed = Matrix(columns: [[Double](repeating: 1, count: 6)])
        let message = thrownDescription {
            _ = try ScoreRandomisationInference(outcome: [1, 0, 1, 0, 1, 0], assignment: [0, 1, 0, 1, 0, 1], control: 0,
                                                armCount: 3, fixedDesign: fixed, nullModel: .poisson)
        }
        #expect(message != nil)
    }

    /// An arm whose indicator equals a block's carries no information beyond the blocks.
    @Test func anArmCollinearWithTheBlocksIsAnError() throws {
        let observed = [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2]
        let block = observed.map { Double($0 == 2 ? 1 : 0) }
        let fixed = Matrix(columns: [[Double](repeating: 1, count: 12), block])
        let inference = try ScoreRandomisationInference(
            outcome: [1, 0, 2, 3, 1, 0, 2, 1, 4, 0, 1, 2], assignment: observed, control: 0, armCount: 3,
            fixedDesign: fixed, nullModel: .poisson)
        let message = thrownDescription { _ = try inference.test(AssignmentDraws(assignments: [observed], armCount: 3)) }
        #expect(message?.contains("no information beyond the blocks and covariates") == true, "\(message ?? "no error")")
    }

    @Test func aMissingOrInfiniteOutcomeIsAnError() {
        let fixed = Matrix(columns: [[Double](repeating: 1, count: 6)])
        for bad in [Double.nan, .infinity] {
            let message = thrownDescription {
                _ = try ScoreRandomisationInference(outcome: [1, 0, bad, 0, 1, 0], assignment: [0, 1, 0, 1, 0, 1], control: 0,
                                                    armCount: 2, fixedDesign: fixed, nullModel: .logistic)
            }
            #expect(message != nil)
        }
    }

    /// A block in which everyone has the outcome separates the model without arms; the error
    /// names the block.
    @Test func separationOfTheNullModelIsAnError() {
        let block: [Double] = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
        let fixed = Matrix(columns: [[Double](repeating: 1, count: 10), block])
        let message = thrownDescription {
            _ = try ScoreRandomisationInference(outcome: [1, 0, 1, 0, 0, 1, 1, 1, 1, 1], assignment: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
                                                control: 0, armCount: 2, fixedDesign: fixed, columnNames: ["(Intercept)", "block"],
                                                nullModel: .logistic)
        }
        #expect(message?.contains("block") == true, "\(message ?? "no error")")
    }

    /// Weighted analyses cannot be redrawn; the risk difference gets the linear test.
    @Test func weightsAreRefusedAndTheRiskDifferenceIsLinear() throws {
        let table = SyntheticTrials.threeArms(events: [8, 5, 4], extra: [("w", [Double](repeating: 1.5, count: 60))])
        let weighted = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", weights: "w",
                                              family: .binomial, estimand: .oddsRatio).fit(table)
        let message = thrownDescription { _ = try weighted.randomisationInputs(table: table) }
        #expect(message?.contains("weights") == true)
        let difference = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                                family: .binomial).fit(table)
        let inputs = try difference.randomisationInputs(table: table)
        guard case .linear = inputs.test else {
            Issue.record("the risk difference should get the linear test")
            return
        }
        #expect(inputs.armNames == ["control", "partner", "police"])  // sorted as R sorts factor levels
    }
}
