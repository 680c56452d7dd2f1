import DataTables
import Testing
@testable import TrialAnalysis

/// Each kind of bad input is a thrown ``TrialAnalysisError`` that says what is wrong.
struct InputErrorTests {
    /// A small trial: 3 arms, one covariate, clusters of unequal size.
    static let csv = """
    y,arm,x,site,dose,one_site,stratum
    1.5,control,0.3,a,0,s,low
    2.1,control,1.2,a,0,s,high
    0.7,control,-0.4,b,0,s,low
    3.2,police,0.9,b,1,s,high
    2.8,police,NA,c,1,s,low
    4.1,police,1.7,c,1,s,high
    2.2,partner,0.1,c,2,s,low
    NA,partner,0.5,d,2,s,high
    3.9,partner,1.1,d,2,s,low
    2.6,social,0.2,d,3,s,youth
    3.4,social,0.8,a,3,s,youth
    """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let csv: String
        let model: ArmEffectModel
        let expected: TrialAnalysisError
        var testDescription: String { name }
    }

    static let withEmptyArm = csv + "\n" + "NA,ghost,0.4,a,4,s,low"
    static let withZeroWeight = csv.replacingOccurrences(of: "dose,one_site,stratum", with: "dose,one_site,stratum,w")
        .split(separator: "\n").enumerated()
        .map { $0.offset == 0 ? String($0.element) : $0.element + ($0.offset == 4 ? ",0" : ",1.5") }
        .joined(separator: "\n")
    static let withInfinity = csv.replacingOccurrences(of: "4.1,police,1.7", with: "4.1,police,Inf")

    static let cases: [Case] = [
        Case(name: "missing outcome column", csv: csv,
             model: ArmEffectModel(outcome: "arrests", arm: "arm", control: "control"),
             expected: .column("arrests", problem: "there is no such column (it was given as the outcome)")),
        Case(name: "text covariate", csv: csv,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", covariates: ["site"]),
             expected: .column("site", problem: "the covariate must be numeric, but the column holds text")),
        Case(name: "infinite covariate", csv: withInfinity,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", covariates: ["x"]),
             expected: .nonFinite(column: "x", row: 5, count: 1)),
        Case(name: "zero weight", csv: withZeroWeight,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", weights: "w"),
             expected: .nonPositiveWeight(column: "w", row: 3, value: 0)),
        Case(name: "unknown control", csv: csv,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "Control"),
             expected: .unknownControl("Control", arm: "arm", levels: ["control", "partner", "police", "social"])),
        Case(name: "arm with no complete rows", csv: withEmptyArm,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control"),
             expected: .emptyArm("ghost", dropped: 2)),
        Case(name: "arm confounded with the blocks", csv: csv,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", blocks: "stratum"),
             expected: .armNotEstimable("social", reason: "its indicator is a linear combination of the intercept, the block indicators and the other arms (the arm is confounded with the blocks in 'stratum')")),
        Case(name: "single cluster", csv: csv,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", cluster: "one_site"),
             expected: .clusters("cluster-robust variance needs at least two clusters; all 10 observations are in one")),
        Case(name: "clustered variance without clusters", csv: csv,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", variance: .stata),
             expected: .clusters("the stata variance needs a cluster column")),
        Case(name: "HC variance with clusters", csv: csv,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", cluster: "site", variance: .hc1),
             expected: .clusters("with a cluster column the variance must be CR0, stata or CR2, not HC1")),
        Case(name: "confidence level", csv: csv,
             model: ArmEffectModel(outcome: "y", arm: "arm", control: "control", confidenceLevel: 95),
             expected: .confidenceLevel(95)),
    ]

    @Test(arguments: cases)
    func throwsWithAReason(_ testCase: Case) throws {
        let table = try DataTable(csvText: testCase.csv)
        #expect(throws: testCase.expected) { try testCase.model.fit(table) }
        #expect(!testCase.expected.description.isEmpty)
    }

    @Test func missingRowsAreDroppedAndCounted() throws {
        let table = try DataTable(csvText: Self.csv)
        let plain = try ArmEffectModel(outcome: "y", arm: "arm", control: "control").fit(table)
        #expect(plain.droppedCount == 1 && plain.observationCount == 10)
        let adjusted = try ArmEffectModel(outcome: "y", arm: "arm", control: "control", covariates: ["x"],
                                          adjustment: .additive, variance: .hc1).fit(table)
        #expect(adjusted.droppedCount == 2 && adjusted.observationCount == 9)
        #expect(plain.effects.map(\.arm) == ["partner", "police", "social"])
        #expect(plain.effects.map(\.observationCount) == [2, 3, 2])
        #expect(plain.controlCount == 3)
        #expect(abs(plain.effects[2].estimate - ((2.6 + 3.4) / 2 - (1.5 + 2.1 + 0.7) / 3)) < 1e-12)
        #expect(plain.jointTest != nil)
    }

    /// With the arm indicators before the covariates, R's rule drops a covariate that
    /// duplicates an arm, never the arm.
    @Test func aCovariateAliasedWithAnArmIsDropped() throws {
        var table = try DataTable(csvText: Self.csv)
        let arms = try table.categorical("arm").values
        table.append(.numeric(NumericColumn(arms.map { $0 == "police" ? 1 : 0 })), named: "is_police")
        let result = try ArmEffectModel(outcome: "y", arm: "arm", control: "control", covariates: ["is_police", "x"],
                                        adjustment: .additive).fit(table)
        #expect(result.droppedColumns == ["is_police"])
        #expect(result.effects.count == 3)
    }

    @Test func collinearCovariatesAreDroppedAndNamed() throws {
        var table = try DataTable(csvText: Self.csv)
        let x = try table.numeric("x").values
        table.append(.numeric(NumericColumn(x.map { 2 * $0 - 1 })), named: "x2")
        let result = try ArmEffectModel(outcome: "y", arm: "arm", control: "control", covariates: ["x", "x2"],
                                        adjustment: .additive, variance: .hc0).fit(table)
        #expect(result.droppedColumns == ["x2"])
        let lin = try ArmEffectModel(outcome: "y", arm: "arm", control: "control", covariates: ["x", "x2"],
                                     adjustment: .lin, variance: .hc0).fit(table)
        #expect(lin.droppedColumns.contains("x2_c"))
    }
}

/// Holm's adjustment against R's `p.adjust(method = "holm")`.
struct HolmTests {
    struct Case: Sendable {
        let p: [Double]
        let expected: [Double]
    }

    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm"); p.adjust(c(0.5, 0.2), "holm");
    // p.adjust(c(0.3, 0.3, 0.01), "holm"); p.adjust(c(0.01, NA, 0.04, 0.03), "holm")
    static let cases = [
        Case(p: [0.01, 0.04, 0.03, 0.005], expected: [0.03, 0.06, 0.06, 0.02]),
        Case(p: [0.5, 0.2], expected: [0.5, 0.4]),
        Case(p: [0.3, 0.3, 0.01], expected: [0.6, 0.6, 0.03]),
        Case(p: [0.01, .nan, 0.04, 0.03], expected: [0.03, .nan, 0.06, 0.06]),
    ]

    @Test(arguments: cases)
    func matchesR(_ testCase: Case) {
        let adjusted = holmAdjusted(testCase.p)
        for (a, e) in zip(adjusted, testCase.expected) {
            #expect(e.isNaN ? a.isNaN : abs(a - e) < 1e-15, "\(a) against R's \(e)")
        }
    }
}

/// An undefined standard error (HC2 with an arm of one person) leaves the p-value undefined, never 1.
@Test func undefinedStandardErrorGivesAnUndefinedPValue() {
    let inference = CoefficientInference(estimate: 1.5, standardError: .nan, degreesOfFreedom: 10, level: 0.95)
    #expect(inference.pValue.isNaN)
    #expect(inference.lowerBound.isNaN && inference.upperBound.isNaN)
}
