import SurvivalAnalysis
import Testing

/// Log-rank tests (`survdiff`) and Cox models (`coxph`, `cox.zph`) against R survival.
@Suite struct LogRankAndCoxFixtureTests {
    @Test(arguments: ReferenceCase.names)
    func logRankMatchesSurvdiff(_ name: String) throws {
        let reference = try ReferenceCase.load(name)
        let effects = try reference.model.fit(reference.table())
        let expected = reference.json["logrank"] as! [String: Any]
        expectClose(effects.logRank.statistic, number(expected["chisq"]), tolerance: 1e-10, "\(name) log-rank chi-square")
        expectClose(effects.logRank.observed, numbers(expected["obs_by_arm"]), tolerance: 1e-12, "\(name) observed")
        expectClose(effects.logRank.expected, numbers(expected["exp_by_arm"]), tolerance: 1e-10, "\(name) expected")
        let pairwise = reference.json["pairwise"] as! [[String: Any]]
        for (test, expected) in zip(effects.pairwiseLogRank, pairwise) {
            expectClose(test.statistic, number(expected["chisq"]), tolerance: 1e-10, "\(name) log-rank \(test.groups)")
        }
    }

    @Test(arguments: ReferenceCase.names)
    func coxMatchesCoxph(_ name: String) throws {
        let reference = try ReferenceCase.load(name)
        let effects = try reference.model.fit(reference.table())
        let expected = reference.json["cox"] as! [String: Any]
        let cox = try #require(effects.cox)
        #expect(cox.columnNames == strings(expected["names"]).map { $0.replacingOccurrences(of: "armf", with: reference.settings["arm"] as! String) })
        expectClose(cox.coefficients, numbers(expected["coef"]), tolerance: 1e-10, floor: 1e-3, "\(name) coefficients")
        expectClose(cox.standardErrors, numbers(expected["se"]), tolerance: 1e-10, "\(name) standard errors")
        let p = cox.coefficients.count
        expectClose((0 ..< p).map { cox.modelBasedCovariance[$0 * p + $0].squareRoot() }, numbers(expected["naive_se"]),
                    tolerance: 1e-10, "\(name) model-based standard errors")
        expectClose([cox.logLikelihood.null, cox.logLikelihood.fitted], numbers(expected["loglik"]), tolerance: 1e-11,
                    "\(name) log-likelihoods")
        #expect(cox.iterations == Int(number(expected["iter"])), "\(name) iterations")
        expectClose(cox.waldTest.statistic, number(expected["wald"]), tolerance: 1e-10, "\(name) Wald")
        expectClose(cox.scoreTest.statistic, number(expected["score"]), tolerance: 1e-10, "\(name) score")
        expectClose(cox.likelihoodRatioTest.statistic, number(expected["lrt"]), tolerance: 1e-10, "\(name) likelihood ratio")
        if expected["rscore"] is NSNumber {
            expectClose(try #require(cox.robustScoreTest).statistic, number(expected["rscore"]), tolerance: 1e-10,
                        "\(name) robust score")
        } else {
            #expect(cox.robustScoreTest == nil)
        }
        let zph = try #require(effects.proportionalHazards)
        #expect(zph.rows.map(\.term) == strings(expected["zph_terms"]).map { $0 == "armf" ? reference.settings["arm"] as! String : $0 })
        expectClose(zph.rows.map(\.test.statistic), numbers(expected["zph_chisq"]), tolerance: 1e-10, "\(name) cox.zph chi-square")
        #expect(zph.rows.map { Double($0.test.degreesOfFreedom) } == numbers(expected["zph_df"]))
        expectClose(zph.rows.map(\.test.pValue), numbers(expected["zph_p"]), tolerance: 1e-10, "\(name) cox.zph p")
        let terms = [(name: reference.settings["arm"] as! String, columns: Array(0 ..< cox.coefficients.count - strings(reference.settings["covariates"]).count))]
            + strings(reference.settings["covariates"]).enumerated().map { (name: $1, columns: [cox.coefficients.count - strings(reference.settings["covariates"]).count + $0]) }
        for (transform, key) in [(ProportionalHazardsTest.TimeTransform.identity, "zph_identity_chisq"), (.rank, "zph_rank_chisq"), (.log, "zph_log_chisq")] {
            let test = ProportionalHazardsTest(model: cox, terms: terms, transform: transform)
            expectClose(test.rows.map(\.test.statistic), numbers(expected[key]), tolerance: 1e-10, "\(name) cox.zph \(transform)")
        }
    }
}

import Foundation
