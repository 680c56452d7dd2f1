import DataTables
import GeneralisedLinearModels
import LinearAlgebra
import Testing

/// Separation is reported, naming the arm or covariate responsible, instead of huge estimates.
@Suite("Separation")
struct SeparationTests {
    @Test("an arm with no events stops the odds ratio and names the arm")
    func armWithoutEvents() {
        let table = SyntheticTrials.threeArms(events: [6, 0, 5])
        let message = thrownDescription {
            _ = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                       estimand: .oddsRatio).fit(table)
        }
        #expect(message?.contains("quasi-complete separation by arm 'police'") == true, "\(message ?? "no error")")
        #expect(message?.contains("0 of 20") == true)
    }

    @Test("an arm where everyone has the outcome stops the odds ratio but not the risk ratio")
    func armAllEvents() throws {
        let table = SyntheticTrials.threeArms(events: [6, 20, 5])
        let message = thrownDescription {
            _ = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                       estimand: .oddsRatio).fit(table)
        }
        #expect(message?.contains("separation by arm 'police'") == true, "\(message ?? "no error")")
        let ratio = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                           estimand: .riskRatio).fit(table)
        let police = try #require(ratio.effects.first { $0.arm == "police" })
        #expect(relativeError(police.estimate, 20.0 / 6.0) < 1e-8)
    }

    @Test("an arm with no events still has a risk difference")
    func riskDifferenceWithoutEvents() throws {
        let table = SyntheticTrials.threeArms(events: [6, 0, 5])
        let result = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                            family: .binomial).fit(table)
        let police = try #require(result.effects.first { $0.arm == "police" })
        #expect(abs(police.estimate - (0 - 0.3)) < 1e-12)
    }

    @Test("a binary covariate whose rows all have the outcome is named (quasi-complete)")
    func binaryCovariate() {
        // 'gang_link' = 1 in six rows, all of whom reoffended.
        let base = SyntheticTrials.threeArms(events: [8, 6, 5])
        let outcome = try! base.numeric("reoffended").values
        var link = [Double](repeating: 0, count: outcome.count)
        var marked = 0
        for i in outcome.indices where outcome[i] == 1 && marked < 6 {
            link[i] = 1
            marked += 1
        }
        let table = SyntheticTrials.table(
            numeric: [("reoffended", outcome), ("gang_link", link)],
            text: [("arm", try! base.categorical("arm").values)])
        let message = thrownDescription {
            _ = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                       covariates: ["gang_link"], family: .binomial, estimand: .oddsRatio).fit(table)
        }
        #expect(message?.contains("quasi-complete separation by covariate 'gang_link'") == true, "\(message ?? "no error")")
    }

    @Test("complete separation by a continuous covariate is found after fitting and named")
    func completeContinuous() {
        // y = 1 exactly when x > 0.
        let x: [Double] = [-3, -2.5, -2, -1.5, -1, -0.5, -0.2, 0.3, 0.6, 1, 1.4, 2, 2.2, 3]
        let y = x.map { $0 > 0 ? 1.0 : 0.0 }
        let design = Matrix(columns: [[Double](repeating: 1, count: x.count), x])
        let message = thrownDescription {
            _ = try GeneralisedLinearModel(design: design, response: y, columnNames: ["(Intercept)", "risk_score"],
                                           family: .binomial)
        }
        #expect(message?.hasPrefix("complete separation by column 'risk_score'") == true, "\(message ?? "no error")")
    }

    @Test("quasi-complete separation by a continuous covariate is found after fitting and named")
    func quasiCompleteContinuous() {
        // y = 1 when x > 0, y = 0 when x < 0; at x = 0 both outcomes occur.
        let x: [Double] = [-3, -2, -1.5, -1, -0.5, 0, 0, 0, 0, 0.5, 1, 1.5, 2, 3]
        let y: [Double] = [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1]
        let z: [Double] = [1, 0, 2, 1, 0, 1, 2, 0, 1, 2, 0, 1, 1, 0]
        let design = Matrix(columns: [[Double](repeating: 1, count: x.count), x, z])
        let message = thrownDescription {
            _ = try GeneralisedLinearModel(design: design, response: y, columnNames: ["(Intercept)", "x", "z"],
                                           family: .binomial)
        }
        #expect(message?.hasPrefix("quasi-complete separation by column 'x'") == true, "\(message ?? "no error")")
        #expect(message?.contains("column 'z'") == false, "\(message ?? "no error")")
    }

    @Test("strong but finite effects are not mistaken for separation")
    func overlapNotSeparation() throws {
        let x: [Double] = [-3, -2.5, -2, -1.5, -1, -0.5, -0.2, 0.3, 0.6, 1, 1.4, 2, 2.2, 3]
        let y: [Double] = [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1]
        let design = Matrix(columns: [[Double](repeating: 1, count: x.count), x])
        let model = try GeneralisedLinearModel(design: design, response: y, family: .binomial)
        #expect(model.coefficients[1] > 0 && model.coefficients[1] < 5)
    }
}
