import DataTables
import Foundation
@testable import SurvivalAnalysis
import Testing

/// A reference case written by Fixtures/make_weighted_fixtures.R: a Cox model with case weights
/// or counting-process (start, stop] rows, and R survival's results.
struct CountingReferenceCase: CustomStringConvertible {
    let name: String
    let json: [String: Any]

    static let names = ["heart_efron", "heart_cluster_breslow", "heart_weights", "cgd_strata_cluster", "cgd_weights_strata",
                        "lung_weights", "lung_count_weights_model", "lung_count_weights_breslow_model"]

    static func load(_ name: String) throws -> CountingReferenceCase {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/counting_reference_\(name)", withExtension: "json"))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return CountingReferenceCase(name: name, json: object)
    }

    var description: String { name }
    var settings: [String: Any] { json["case"] as! [String: Any] }
    var covariates: [String] { strings(settings["covariates"]) }

    /// Fits the case's model directly on the fixture's columns.
    func fit(variance: CoxVariance? = nil) throws -> CoxProportionalHazards {
        let table = try fixtureTable(settings["file"] as! String)
        func column(_ name: String) -> [Double] {
            guard case .numeric(let values)? = table[name] else { fatalError("fixture column \(name) is not numeric") }
            return values.values
        }
        func groups(_ name: String?) -> [Int]? { name.map { column($0).map { Int($0) } } }
        let counting = settings["counting"] as! Bool
        return try CoxProportionalHazards(
            times: column("stop"), entryTimes: counting ? column("start") : nil, events: column("event").map { $0 == 1 },
            covariates: covariates.map(column), columnNames: covariates, weights: (settings["weights"] as? String).map(column),
            strata: groups(settings["strata"] as? String), clusters: groups(settings["cluster"] as? String),
            ties: TieMethod(rawValue: settings["ties"] as! String)!,
            variance: variance ?? ((settings["robust"] as! Bool) ? .robust : .modelBased))
    }
}

/// Cox models with case weights and (start, stop] rows against R survival 3.5.3
/// (`coxph(Surv(start, stop, event) ~ ..., weights =, cluster =)`, `cox.zph`) on heart, cgd and lung.
@Suite struct CoxWeightsAndIntervalsTests {
    @Test(arguments: CountingReferenceCase.names)
    func coxMatchesCoxph(_ name: String) throws {
        let reference = try CountingReferenceCase.load(name)
        let expected = reference.json
        let cox = try reference.fit()
        expectClose(cox.coefficients, numbers(expected["coef"]), tolerance: 1e-9, floor: 1e-3, "\(name) coefficients")
        expectClose(cox.standardErrors, numbers(expected["se"]), tolerance: 1e-9, "\(name) standard errors")
        let p = cox.coefficients.count
        expectClose((0 ..< p).map { cox.modelBasedCovariance[$0 * p + $0].squareRoot() }, numbers(expected["naive_se"]),
                    tolerance: 1e-9, "\(name) model-based standard errors")
        expectClose([cox.logLikelihood.null, cox.logLikelihood.fitted], numbers(expected["loglik"]), tolerance: 1e-11,
                    "\(name) log-likelihoods")
        #expect(cox.iterations == Int(number(expected["iter"])), "\(name) iterations")
        #expect(cox.count == Int(number(expected["n"])) && cox.eventCount == Int(number(expected["nevent"])))
        expectClose(cox.waldTest.statistic, number(expected["wald"]), tolerance: 1e-9, "\(name) Wald")
        expectClose(cox.scoreTest.statistic, number(expected["score"]), tolerance: 1e-9, "\(name) score")
        expectClose(cox.likelihoodRatioTest.statistic, number(expected["lrt"]), tolerance: 1e-9, "\(name) likelihood ratio")
        if expected["rscore"] is NSNumber {
            expectClose(try #require(cox.robustScoreTest).statistic, number(expected["rscore"]), tolerance: 1e-9,
                        "\(name) robust score")
        } else {
            #expect(cox.robustScoreTest == nil)
        }
    }

    @Test(arguments: CountingReferenceCase.names)
    func proportionalHazardsMatchesCoxZph(_ name: String) throws {
        let reference = try CountingReferenceCase.load(name)
        let expected = reference.json
        let cox = try reference.fit()
        let terms = reference.covariates.enumerated().map { (name: $1, columns: [$0]) }
        for (transform, key) in [(ProportionalHazardsTest.TimeTransform.km, "zph_chisq"), (.identity, "zph_identity_chisq"),
                                 (.rank, "zph_rank_chisq"), (.log, "zph_log_chisq")] {
            let test = ProportionalHazardsTest(model: cox, terms: terms, transform: transform)
            #expect(test.rows.map(\.term) == strings(expected["zph_terms"]))
            expectClose(test.rows.map(\.test.statistic), numbers(expected[key]), tolerance: 1e-9, "\(name) cox.zph \(transform)")
        }
    }

    /// coxph's default variance: robust for weights that are not whole numbers, model-based for
    /// whole-number (frequency) weights without clusters.
    @Test func defaultVarianceFollowsCoxph() throws {
        #expect(try CountingReferenceCase.load("lung_weights").fit(variance: nil).robustCovariance != nil)
        let table = try fixtureTable("counting_lung.csv")
        guard case .numeric(let time)? = table["stop"], case .numeric(let event)? = table["event"],
              case .numeric(let age)? = table["age"], case .numeric(let weight)? = table["count_weight"] else {
            Issue.record("fixture columns missing"); return
        }
        let fit = try CoxProportionalHazards(times: time.values, events: event.values.map { $0 == 1 }, covariates: [age.values],
                                             columnNames: ["age"], weights: weight.values)
        #expect(fit.robustCovariance == nil)
    }

    /// Whole-number weights are frequency weights: with Breslow's ties the fit equals the one on
    /// rows repeated that many times (coefficients, model-based variance, log-likelihood). Efron's
    /// approximation counts tied rows, not weights, so there (as in coxph) the two differ where
    /// events are tied.
    @Test(arguments: [TieMethod.breslow])
    func wholeNumberWeightsEqualRepeatedRows(_ ties: TieMethod) throws {
        let time: [Double] = [5, 8, 8, 12, 15, 15, 15, 20, 22, 30]
        let event = [true, true, false, true, true, true, false, true, false, true]
        let x: [Double] = [0.5, 1.2, -0.3, 2.0, 0.1, -1.0, 0.7, 1.5, -0.2, 0.9]
        let arm: [Double] = [0, 1, 0, 1, 1, 0, 0, 1, 0, 1]
        let weights: [Double] = [1, 2, 1, 3, 1, 2, 1, 1, 2, 1]
        let weighted = try CoxProportionalHazards(times: time, events: event, covariates: [arm, x], columnNames: ["arm", "x"],
                                                  weights: weights, ties: ties, variance: .modelBased)
        let rows = time.indices.flatMap { i in [Int](repeating: i, count: Int(weights[i])) }
        let repeated = try CoxProportionalHazards(times: rows.map { time[$0] }, events: rows.map { event[$0] },
                                                  covariates: [rows.map { arm[$0] }, rows.map { x[$0] }],
                                                  columnNames: ["arm", "x"], ties: ties, variance: .modelBased)
        expectClose(weighted.coefficients, repeated.coefficients, tolerance: 1e-10, "coefficients")
        expectClose(weighted.modelBasedCovariance, repeated.modelBasedCovariance, tolerance: 1e-9, "covariance")
        expectClose(weighted.logLikelihood.fitted, repeated.logLikelihood.fitted, tolerance: 1e-12, "log-likelihood")
    }

    /// Splitting each person's follow-up into (start, stop] pieces with the same covariates
    /// leaves the fit unchanged, including the robust variance clustered by person.
    @Test func splitIntervalsEqualWholeFollowUp() throws {
        let time: [Double] = [6, 9, 9, 14, 17, 21, 25, 30, 31, 40, 44, 50]
        let event = [true, false, true, true, false, true, true, false, true, true, false, true]
        let x: [Double] = [1.1, -0.4, 0.3, 0.8, -1.2, 0.0, 0.5, 1.9, -0.7, 0.2, 1.4, -0.1]
        let whole = try CoxProportionalHazards(times: time, events: event, covariates: [x], columnNames: ["x"],
                                               clusters: Array(time.indices), variance: .robust)
        var start: [Double] = [], stop: [Double] = [], status: [Bool] = [], covariate: [Double] = [], person: [Int] = []
        for i in time.indices {
            let cut = (time[i] / 2).rounded(.down)
            start += [0, cut]; stop += [cut, time[i]]; status += [false, event[i]]
            covariate += [x[i], x[i]]; person += [i, i]
        }
        let split = try CoxProportionalHazards(times: stop, entryTimes: start, events: status, covariates: [covariate],
                                               columnNames: ["x"], clusters: person, variance: .robust)
        expectClose(split.coefficients, whole.coefficients, tolerance: 1e-10, "coefficients")
        expectClose(split.standardErrors, whole.standardErrors, tolerance: 1e-9, "robust standard errors")
        expectClose(split.logLikelihood.fitted, whole.logLikelihood.fitted, tolerance: 1e-12, "log-likelihood")
    }

    @Test func entryNotBeforeExitIsAnError() {
        #expect(throws: SurvivalAnalysisError.intervalOrder(entryColumn: "entry", exitColumn: "time", row: 1, count: 2)) {
            try CoxProportionalHazards(times: [5, 3, 7, 9], entryTimes: [0, 3, 8, 1], events: [true, true, false, true],
                                       covariates: [[0, 1, 0, 1]], columnNames: ["arm"])
        }
    }

    @Test(arguments: [0.0, -1.0, Double.nan, Double.infinity])
    func nonPositiveOrNonFiniteWeightIsAnError(_ bad: Double) throws {
        do {
            _ = try CoxProportionalHazards(times: [5, 3, 7, 9], events: [true, true, false, true], covariates: [[0, 1, 0, 1]],
                                           columnNames: ["arm"], weights: [1, 2, bad, 1])
            Issue.record("a weight of \(bad) was accepted")
        } catch let error as SurvivalAnalysisError {
            guard case .nonPositiveWeight(_, let row, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(row == 2)
            #expect(error.description.contains("data row 3"))
        }
    }
}
