import DataTables
import GeneralisedLinearModels
import LinearAlgebra
import Testing
import TrialAnalysis

/// Bad input gives an error naming what is wrong, and where.
@Suite("Errors")
struct ErrorTests {
    static let table = SyntheticTrials.threeArms(events: [8, 5, 4])

    func message(_ model: OutcomeEffectModel, _ table: DataTable = ErrorTests.table) -> String? {
        thrownDescription { _ = try model.fit(table) }
    }

    @Test("an unknown control arm lists the arms")
    func unknownArm() {
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "placebo",
                                              family: .binomial, estimand: .oddsRatio))
        #expect(text == "the control level 'placebo' is not a value of arm column 'arm', whose values are 'control', 'partner', 'police'")
    }

    @Test("an unknown column is named with its role")
    func unknownColumn() {
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                              covariates: ["agee"], family: .binomial, estimand: .oddsRatio))
        #expect(text == "column 'agee': there is no such column (it was given as the covariate)")
    }

    @Test("an all-zero outcome cannot be analysed", arguments: [OutcomeFamily.binomial, .poisson, .negativeBinomial])
    func allZero(_ family: OutcomeFamily) {
        let table = SyntheticTrials.threeArms(events: [0, 0, 0])
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: family),
                           table)
        #expect(text == "outcome 'reoffended' is 0 in all 60 rows analysed, so no effect can be estimated")
    }

    @Test("a non-finite outcome is an error naming the data row")
    func nonFinite() {
        var outcome = try! Self.table.numeric("reoffended").values
        outcome[4] = .infinity
        let table = SyntheticTrials.table(numeric: [("reoffended", outcome)],
                                          text: [("arm", try! Self.table.categorical("arm").values)])
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                              family: .binomial, estimand: .oddsRatio), table)
        #expect(text == "column 'reoffended' holds an infinite value at data row 5; only finite numbers or missing values are allowed")
    }

    @Test("a binary outcome other than 0 or 1 names the data row")
    func notBinary() {
        var outcome = try! Self.table.numeric("reoffended").values
        outcome[2] = .nan   // dropped, so the bad value's data row is still reported as in the file
        outcome[9] = 2
        let table = SyntheticTrials.table(numeric: [("reoffended", outcome)],
                                          text: [("arm", try! Self.table.categorical("arm").values)])
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                              family: .binomial), table)
        #expect(text == "outcome 'reoffended' holds 2 at data row 10; a binary outcome must be 0 or 1")
    }

    @Test("a count that is not a whole number names the data row")
    func notCount() {
        var outcome = try! Self.table.numeric("reoffended").values
        outcome[0] = 1.5
        let table = SyntheticTrials.table(numeric: [("offences", outcome)],
                                          text: [("arm", try! Self.table.categorical("arm").values)])
        let text = message(OutcomeEffectModel(outcome: "offences", arm: "arm", control: "control",
                                              family: .poisson), table)
        #expect(text == "outcome 'offences' holds 1.5 at data row 1; a count must be a whole number, 0 or more")
    }

    @Test("a non-positive exposure names the data row")
    func exposure() {
        var exposure = [Double](repeating: 1, count: 60)
        exposure[12] = 0
        let table = SyntheticTrials.threeArms(events: [8, 5, 4], extra: [("days", exposure)])
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                              family: .poisson, exposure: "days"), table)
        #expect(text == "exposure column 'days' holds 0 at data row 13; exposures (time at risk) must be positive")
    }

    @Test("settings that do not fit together are named")
    func settings() {
        #expect(message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .poisson,
                                           estimand: .oddsRatio))
                == "the odds-ratio estimand does not apply to the poisson family, which allows: rate-ratio")
        #expect(message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                           estimand: .oddsRatio, variance: .hc2))
                == "the HC2 variance does not apply to a odds-ratio; use model, HC0, HC1, CR0, CR1 or stata")
        #expect(message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                           exposure: "age"))
                == "an exposure (time at risk) applies to counts only, not to a binary outcome")
        #expect(message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", family: .binomial,
                                           estimand: .oddsRatio, variance: .stata))
                == "the stata variance needs a cluster column")
    }

    @Test("a single cluster cannot give a cluster-robust variance")
    func singleCluster() {
        let table = SyntheticTrials.threeArms(events: [8, 5, 4], extra: [("family_id", [Double](repeating: 3, count: 60))])
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                              cluster: "family_id", family: .binomial, estimand: .oddsRatio), table)
        #expect(text == "the stata covariance needs at least two clusters, but there is 1")
    }

    @Test("an arm whose rows are all dropped is named")
    func emptyArm() {
        var outcome = try! Self.table.numeric("reoffended").values
        for i in 20 ..< 40 { outcome[i] = .nan }
        let table = SyntheticTrials.table(numeric: [("reoffended", outcome)],
                                          text: [("arm", try! Self.table.categorical("arm").values)])
        let text = message(OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control",
                                              family: .binomial, estimand: .oddsRatio), table)
        #expect(text == "arm 'police' has no complete rows (20 rows were dropped for missing values), so its effect cannot be estimated")
    }

    @Test("non-convergence is an error carrying the deviance of every iteration")
    func nonConvergence() {
        let model = OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", covariates: ["age"],
                                       family: .binomial, estimand: .oddsRatio,
                                       iteration: IRLSControl(maxIterations: 2))
        do {
            _ = try model.fit(Self.table)
            Issue.record("expected non-convergence")
        } catch let GLMError.notConverged(iterations, history) {
            #expect(iterations == 2)
            #expect(history.count == 2)
            #expect(history[1] < history[0])
            #expect(String(describing: GLMError.notConverged(iterations: iterations, devianceHistory: history))
                .hasPrefix("the fit did not converge in 2 iterations; deviance by iteration: "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("rows with missing values are dropped and counted")
    func missingValues() throws {
        var outcome = try Self.table.numeric("reoffended").values
        var age = try Self.table.numeric("age").values
        outcome[1] = .nan
        age[30] = .nan
        age[31] = .nan
        let table = SyntheticTrials.table(numeric: [("reoffended", outcome), ("age", age)],
                                          text: [("arm", try Self.table.categorical("arm").values)])
        let result = try OutcomeEffectModel(outcome: "reoffended", arm: "arm", control: "control", covariates: ["age"],
                                            family: .binomial, estimand: .oddsRatio).fit(table)
        #expect(result.droppedCount == 3)
        #expect(result.observationCount == 57)
    }
}
