import DataTables
import Foundation
import LinearAlgebra
import Statistics
import Testing
@testable import TrialAnalysis

/// Dunnett's many-to-one adjustment of ``ArmEffectModel`` fits against R multcomp's
/// `glht(fit, linfct = K, df = ν)` on estimatr fits (and, for CR2's fractional degrees of
/// freedom, an independent mixture integral of mvtnorm's normal probabilities), from the
/// fixtures made by `Fixtures/make_dunnett_fixtures.R`.
struct DunnettFixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let data: String
        let model: ArmEffectModel
        let degreesOfFreedom: Double
        let criticalValue: Double
        let slope: Double
        let criticalError: Double
        var testDescription: String { id }
    }

    struct Arm: Sendable {
        let estimate: Double
        let standardError: Double
        let pValue: Double
        let pError: Double
        let lower: Double
        let upper: Double
    }

    static let cases: [Case] = {
        guard let table = try? EstimatrFixtureTests.fixture("dunnett_cases") else { return [] }
        // A column with no text at all (such as `cluster` when no case has one) reads as missing.
        func text(_ name: String) -> [String] {
            (try? table.categorical(name))?.values.map { $0 ?? "" } ?? Array(repeating: "", count: table.rowCount)
        }
        func number(_ name: String) -> [Double] { (try? table.numeric(name))?.values ?? [] }
        let ids = text("case"), data = text("data"), outcomes = text("outcome"), arms = text("arm")
        let controls = text("control"), covariates = text("covariates"), adjustments = text("adjustment")
        let clusters = text("cluster"), seTypes = text("se_type")
        let levels = number("level"), df = number("df"), critical = number("critical_value")
        let slopes = number("slope"), errors = number("critical_error")
        return ids.indices.map { i in
            Case(id: ids[i], data: data[i],
                 model: ArmEffectModel(
                    outcome: outcomes[i], arm: arms[i], control: controls[i],
                    covariates: covariates[i].isEmpty ? [] : covariates[i].split(separator: ";").map(String.init),
                    adjustment: CovariateAdjustment(rawValue: adjustments[i])!,
                    cluster: clusters[i].isEmpty ? nil : clusters[i],
                    variance: VarianceEstimator(rawValue: seTypes[i])!, confidenceLevel: levels[i]),
                 degreesOfFreedom: df[i], criticalValue: critical[i], slope: slopes[i], criticalError: errors[i])
        }
    }()

    /// The reference rows of each case, keyed by arm.
    static let arms: [String: [String: Arm]] = {
        guard let table = try? EstimatrFixtureTests.fixture("dunnett") else { return [:] }
        let ids = ((try? table.categorical("case"))?.values ?? []).map { $0 ?? "" }
        // Numeric arm levels (ChickWeight's diets) read as a numeric column.
        let armNames: [String] = {
            if case .numeric(let column)? = table["arm"] { return column.values.map(AnalysisSample.label) }
            return ((try? table.categorical("arm"))?.values ?? []).map { $0 ?? "" }
        }()
        func number(_ name: String) -> [Double] { (try? table.numeric(name))?.values ?? [] }
        let estimate = number("estimate"), se = number("std_error"), p = number("p_value_dunnett")
        let error = number("p_error"), low = number("conf_low_simultaneous"), high = number("conf_high_simultaneous")
        var result: [String: [String: Arm]] = [:]
        for i in ids.indices {
            result[ids[i], default: [:]][armNames[i]] = Arm(estimate: estimate[i], standardError: se[i], pValue: p[i],
                                                            pError: error[i], lower: low[i], upper: high[i])
        }
        return result
    }()

    @Test func fixturesAreLoaded() {
        #expect(Self.cases.count == 6)
        #expect(Self.arms.values.map(\.count).reduce(0, +) == 17)
    }

    /// Adjusted p-values agree with multcomp to the sum of both error estimates (1e-6 target
    /// for ours); the critical value to that error in probability, converted by the slope; the
    /// simultaneous bounds accordingly.
    @Test(arguments: cases)
    func agreesWithMultcomp(_ fixture: Case) throws {
        let data = try EstimatrFixtureTests.fixture("data_\(fixture.data)")
        let result = try fixture.model.fit(data)
        let reference = try #require(Self.arms[fixture.id])
        #expect(result.effects.count == reference.count)
        #expect(result.dunnett.degreesOfFreedom == fixture.degreesOfFreedom
                || abs(result.dunnett.degreesOfFreedom - fixture.degreesOfFreedom) <= 1e-8 * fixture.degreesOfFreedom)
        let criticalTolerance = (1e-6 + fixture.criticalError) / fixture.slope
        #expect(abs(result.dunnett.criticalValue - fixture.criticalValue) <= criticalTolerance,
                "critical value \(result.dunnett.criticalValue) against \(fixture.criticalValue)")
        for (a, effect) in result.effects.enumerated() {
            let expected = try #require(reference[effect.arm], "arm \(effect.arm) is not in the fixture")
            EstimatrFixtureTests.expectClose(effect.estimate, expected.estimate, "estimate", fixture.id)
            EstimatrFixtureTests.expectClose(effect.standardError, expected.standardError, "std. error", fixture.id)
            let ourError = result.dunnett.pValueErrors[a]
            #expect(ourError <= 1e-6)
            #expect(abs(effect.dunnettPValue - expected.pValue) <= ourError + expected.pError,
                    "\(effect.arm): Dunnett p \(effect.dunnettPValue) against \(expected.pValue)")
            let boundTolerance = criticalTolerance * effect.standardError + 1e-8 * abs(expected.lower)
            #expect(abs(effect.simultaneousLowerBound - expected.lower) <= boundTolerance)
            #expect(abs(effect.simultaneousUpperBound - expected.upper) <= boundTolerance + 1e-8 * abs(expected.upper))
        }
        // Simultaneous intervals are wider than the per-arm ones; adjusted p-values are larger.
        for effect in result.effects {
            #expect(effect.simultaneousLowerBound < effect.lowerBound && effect.simultaneousUpperBound > effect.upperBound)
            #expect(effect.dunnettPValue >= effect.pValue)
        }
    }

    /// Without covariates and with a classical or HC variance the correlation is one-factor and
    /// is integrated by quadrature; covariates or clusters need the Genz–Bretz method.
    @Test(arguments: cases)
    func methodFollowsTheDesign(_ fixture: Case) throws {
        let result = try fixture.model.fit(try EstimatrFixtureTests.fixture("data_\(fixture.data)"))
        let expectOneFactor = fixture.model.resolvedAdjustment == .none && fixture.model.cluster == nil
        // With covariates the correlation may still be one-factor (ChickWeight's covariate Time
        // is balanced across diets), so only the direction without covariates is certain.
        switch result.dunnett.method {
        case .oneFactor?: break
        case .genzBretz?: #expect(!expectOneFactor)
        case nil: Issue.record("no method for a fit with defined statistics")
        }
    }
}

/// Degenerate cases of the Dunnett adjustment.
struct DunnettDegenerateTests {
    static func fixture(_ name: String) throws -> DataTable { try EstimatrFixtureTests.fixture(name) }

    static let oneArmModels: [ArmEffectModel] = [
        ArmEffectModel(outcome: "len", arm: "supp", control: "VC"),
        ArmEffectModel(outcome: "len", arm: "supp", control: "VC", covariates: ["dose"], variance: .hc3),
        ArmEffectModel(outcome: "mpg", arm: "am", control: "0", covariates: ["wt"], cluster: "carb"),
        ArmEffectModel(outcome: "mpg", arm: "am", control: "0", cluster: "carb", variance: .stata, confidenceLevel: 0.9),
    ]

    /// With one intervention arm the maximum is the statistic itself: the Dunnett p-value is the
    /// unadjusted one and the simultaneous interval is the ordinary one (CR2 included, since the
    /// degrees of freedom are the arm's own).
    @Test(arguments: oneArmModels)
    func oneArmGivesTheUnadjustedResult(_ model: ArmEffectModel) throws {
        let data = try Self.fixture(model.outcome == "len" ? "data_toothgrowth" : "data_mtcars")
        let result = try model.fit(data)
        let effect = try #require(result.effects.first)
        #expect(result.effects.count == 1)
        #expect(abs(effect.dunnettPValue - effect.pValue) <= 1e-10 * effect.pValue)
        #expect(abs(effect.simultaneousLowerBound - effect.lowerBound) <= 1e-9 * abs(effect.lowerBound))
        #expect(abs(effect.simultaneousUpperBound - effect.upperBound) <= 1e-9 * abs(effect.upperBound))
    }

    /// Two arms with identical estimates and perfectly correlated statistics count as one.
    @Test func identicalArmsCountOnce() {
        let covariance = Matrix(rows: 2, columns: 2, columnMajor: [0.25, 0.25, 0.25, 0.25])
        let adjustment = DunnettAdjustment(estimates: [1.1, 1.1], standardErrors: [0.5, 0.5], degreesOfFreedom: [20, 20],
                                           covariance: covariance, confidenceLevel: 0.95)
        let unadjusted = 2 * StudentT(degreesOfFreedom: 20).survival(2.2)
        for p in adjustment.pValues { #expect(abs(p - unadjusted) <= 1e-12 * unadjusted) }
        #expect(abs(adjustment.criticalValue - StudentT(degreesOfFreedom: 20).quantile(0.975)) <= 1e-9)
    }

    /// A third arm identical to another: the singular correlation gives the same as the two
    /// distinct arms.
    @Test func singularCorrelationMatchesTheDistinctArms() {
        let three = Matrix(rows: 3, columns: 3, columnMajor: [1, 0.5, 0.5, 0.5, 1, 1, 0.5, 1, 1])
        let two = Matrix(rows: 2, columns: 2, columnMajor: [1, 0.5, 0.5, 1])
        let a = DunnettAdjustment(estimates: [2.3, -1.4, -1.4], standardErrors: [1, 1, 1], degreesOfFreedom: [15, 15, 15],
                                  covariance: three, confidenceLevel: 0.95)
        let b = DunnettAdjustment(estimates: [2.3, -1.4], standardErrors: [1, 1], degreesOfFreedom: [15, 15],
                                  covariance: two, confidenceLevel: 0.95)
        #expect(a.method == .genzBretz)
        #expect(abs(a.pValues[0] - b.pValues[0]) <= a.pValueErrors[0] + b.pValueErrors[0])
        #expect(abs(a.pValues[1] - b.pValues[1]) <= a.pValueErrors[1] + b.pValueErrors[1])
        #expect(a.pValues[1] == a.pValues[2])
        #expect(abs(a.criticalValue - b.criticalValue) <= 1e-4)
    }

    /// A trial in which one arm has a single person: with HC2 its leverage is 1, which leaves the
    /// whole covariance undefined, so every arm's Dunnett p-value and simultaneous bounds are
    /// undefined (as the Holm ones are), reported as `null`, `NA` and `-`.
    @Test func undefinedStandardErrorGivesUndefinedDunnettResults() throws {
        let csv = """
        y,arm
        1.5,control
        2.1,control
        0.7,control
        3.2,police
        2.8,police
        4.1,police
        2.6,social
        """
        let result = try ArmEffectModel(outcome: "y", arm: "arm", control: "control").fit(try DataTable(csvText: csv))
        for effect in result.effects {
            #expect(effect.standardError.isNaN && effect.holmPValue.isNaN)
            #expect(effect.dunnettPValue.isNaN)
            #expect(effect.simultaneousLowerBound.isNaN && effect.simultaneousUpperBound.isNaN)
        }
        #expect(result.dunnett.method == nil && result.dunnett.criticalValue.isNaN)
        let json = result.rendered(as: .json)
        #expect(json.contains("\"p_value_dunnett\" : null"))
        #expect(json.contains("\"conf_low_simultaneous\" : null"))
        let output = result.rendered(as: .csv).split(separator: "\n").map(String.init)
        let header = output[0].split(separator: ",").map(String.init)
        let row = output[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = try #require(header.firstIndex(of: "p_value_dunnett"))
        #expect(row[column] == "NA")
        #expect(result.rendered(as: .text).contains("Dunnett adjustment: not available"))
    }

    /// One arm with an undefined standard error among three: it is undefined and the other two
    /// are adjusted among themselves.
    @Test func undefinedArmIsLeftOutOfTheAdjustment() {
        let three = Matrix(rows: 3, columns: 3, columnMajor: [1, 0.4, .nan, 0.4, 1, .nan, .nan, .nan, .nan])
        let two = Matrix(rows: 2, columns: 2, columnMajor: [1, 0.4, 0.4, 1])
        let a = DunnettAdjustment(estimates: [2.1, -0.7, 1.0], standardErrors: [1, 1, .nan], degreesOfFreedom: [30, 30, 30],
                                  covariance: three, confidenceLevel: 0.95)
        let b = DunnettAdjustment(estimates: [2.1, -0.7], standardErrors: [1, 1], degreesOfFreedom: [30, 30],
                                  covariance: two, confidenceLevel: 0.95)
        #expect(a.pValues[2].isNaN && a.lowerBounds[2].isNaN && a.upperBounds[2].isNaN)
        #expect(a.pValues[0] == b.pValues[0] && a.pValues[1] == b.pValues[1])
        #expect(a.criticalValue == b.criticalValue)
    }

    /// Every output format carries the Dunnett columns.
    @Test func outputsCarryTheDunnettColumns() throws {
        let data = try Self.fixture("data_plantgrowth")
        let result = try ArmEffectModel(outcome: "weight", arm: "group", control: "ctrl").fit(data)
        let json = result.rendered(as: .json)
        for key in ["p_value_dunnett", "conf_low_simultaneous", "conf_high_simultaneous", "critical_value", "one-factor"] {
            #expect(json.contains("\"\(key)\"") || json.contains(key), "JSON lacks \(key)")
        }
        let csv = result.rendered(as: .csv)
        #expect(csv.hasPrefix("outcome,arm,control,n_arm,estimate,std_error,statistic,df,p_value,conf_low,conf_high,p_value_holm,p_value_dunnett,conf_low_simultaneous,conf_high_simultaneous,"))
        let text = result.rendered(as: .text)
        #expect(text.contains("p (Dunnett)") && text.contains("Dunnett adjustment (many-to-one, single-step): critical value"))
        #expect(result.rendered(as: .markdown).contains("| p (Dunnett) |"))
    }
}
