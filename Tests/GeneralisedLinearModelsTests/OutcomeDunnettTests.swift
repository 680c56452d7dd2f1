import DataTables
import Foundation
import GeneralisedLinearModels
import Testing
import TrialAnalysis

/// Dunnett's many-to-one adjustment of ratio estimands against multcomp's
/// `glht(fit, linfct, vcov = V)` (multivariate normal), and its pass-through for the risk
/// difference.
@Suite struct OutcomeDunnettTests {
    static let cases = ScoreFixtures.shared.dunnett

    @Test(arguments: cases)
    func agreesWithMultcomp(_ fixture: ScoreFixtures.Dunnett) throws {
        let trial = try #require(ReferenceFixtures.shared.trials.first { $0.name == fixture.name })
        let effects = try trial.model.fit(try ReferenceFixtures.table(trial.file))
        #expect(Set(effects.effects.map(\.arm)) == Set(fixture.arms))
        #expect(effects.dunnett.degreesOfFreedom == .infinity)
        // The critical value to the probability error of both tools, converted by the slope.
        let criticalTolerance = (1e-6 + 1e-8) / fixture.critical_slope
        #expect(abs(effects.dunnett.criticalValue - fixture.critical_value) <= criticalTolerance,
                "\(fixture.name): critical value \(effects.dunnett.criticalValue) against \(fixture.critical_value)")
        for (a, effect) in effects.effects.enumerated() {
            let r = try #require(fixture.arms.firstIndex(of: effect.arm))
            let tolerance = 1e-6 + fixture.p_errors[r] + effects.dunnett.pValueErrors[a]
            #expect(abs(effect.dunnettPValue - fixture.p_values[r]) <= tolerance,
                    "\(fixture.name) arm \(effect.arm): \(effect.dunnettPValue) against \(fixture.p_values[r])")
            #expect(effect.dunnettPValue >= effect.pValue - 1e-12)
            let c = effects.dunnett.criticalValue
            #expect(relativeError(effect.simultaneousLowerBound, exp(effect.coefficient - c * effect.standardError)) <= 1e-14)
            #expect(relativeError(effect.simultaneousUpperBound, exp(effect.coefficient + c * effect.standardError)) <= 1e-14)
            #expect(effect.simultaneousLowerBound <= effect.lowerBound && effect.simultaneousUpperBound >= effect.upperBound)
        }
    }

    /// The risk difference reports the linear model's Dunnett adjustment (t on its df).
    @Test func riskDifferencePassesTheLinearAdjustmentThrough() throws {
        let table = SyntheticTrials.threeArms(events: [9, 5, 3])
        let effects = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial).fit(table)
        let linear = try #require(effects.linearModel)
        #expect(effects.dunnett == linear.dunnett)
        for (effect, arm) in zip(effects.effects, linear.effects) {
            #expect(effect.dunnettPValue == arm.dunnettPValue)
            #expect(effect.simultaneousLowerBound == arm.simultaneousLowerBound)
        }
    }

    /// With one intervention arm the Dunnett p-value is the unadjusted z test's.
    @Test func oneArmIsUnadjusted() throws {
        var arms: [String?] = [], outcome: [Double] = []
        for i in 0 ..< 40 {
            arms.append(i < 20 ? "control" : "police")
            outcome.append(i % 20 < (i < 20 ? 9 : 5) ? 1 : 0)
        }
        let table = SyntheticTrials.table(numeric: [("reoffended", outcome)], text: [("arm", arms)])
        let effects = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                             estimand: .oddsRatio).fit(table)
        #expect(abs(effects.effects[0].dunnettPValue - effects.effects[0].pValue) <= 1e-6)
        #expect(relativeError(effects.effects[0].simultaneousLowerBound, effects.effects[0].lowerBound) <= 1e-6)
    }

    /// Every format carries the adjustment.
    @Test func everyFormatShowsDunnett() throws {
        let table = SyntheticTrials.threeArms(events: [9, 5, 3])
        let effects = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                             estimand: .oddsRatio).fit(table)
        let json = try #require(JSONSerialization.jsonObject(with: Data(effects.rendered(as: .json).utf8)) as? [String: Any])
        let estimates = try #require(json["estimates"] as? [[String: Any]])
        #expect(estimates.allSatisfy { $0["p_value_dunnett"] is Double && $0["simultaneous_conf_low"] is Double })
        let dunnett = try #require(json["dunnett"] as? [String: Any])
        #expect(dunnett["df"] is NSNull && dunnett["critical_value"] is Double)
        let csv = effects.rendered(as: .csv).split(separator: "\n")
        #expect(csv[0].hasSuffix("p_value_dunnett,simultaneous_conf_low,simultaneous_conf_high"))
        #expect(csv.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == csv[0].split(separator: ",").count })
        for format in [OutcomeEffects.Format.text, .markdown] {
            let text = effects.rendered(as: format)
            #expect(text.contains("p (Dunnett)") && text.contains("Dunnett adjustment (many-to-one, single-step)")
                    && text.contains("multivariate normal"))
        }
    }
}
