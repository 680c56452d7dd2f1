import DataTables
import Foundation
import SurvivalAnalysis
import Testing

/// A trial analysed with delayed entry and case weights through ``SurvivalEffectModel``, against
/// R survival (Fixtures/make_weighted_fixtures.R): the weighted Cox model on
/// `Surv(entry, time, event)`, Kaplan-Meier curves per arm with entry, and log-rank tests with
/// entry against coxph's score test with the exact partial likelihood (which is the log-rank test).
@Suite struct DelayedEntryAndWeightsTests {
    static func reference() throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/entry_reference_trial", withExtension: "json"))
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static let model = SurvivalEffectModel(outcome: .times(time: "time", event: "event"), arm: "arm", control: "control",
                                           covariates: ["age"], weights: "weight", entry: "entry")

    @Test func weightedCoxWithEntryMatchesCoxph() throws {
        let expected = try Self.reference()
        let effects = try Self.model.fit(fixtureTable("entry_trial.csv"))
        let cox = try #require(effects.cox)
        #expect(effects.droppedCount == 2)
        #expect(Self.model.resolvedVariance == .robust)
        expectClose(cox.coefficients, numbers(expected["coef"]), tolerance: 1e-9, "coefficients")
        expectClose(cox.standardErrors, numbers(expected["se"]), tolerance: 1e-9, "robust standard errors")
        let p = cox.coefficients.count
        expectClose((0 ..< p).map { cox.modelBasedCovariance[$0 * p + $0].squareRoot() }, numbers(expected["naive_se"]),
                    tolerance: 1e-9, "model-based standard errors")
        expectClose([cox.logLikelihood.null, cox.logLikelihood.fitted], numbers(expected["loglik"]), tolerance: 1e-11, "log-likelihoods")
        let zph = try #require(effects.proportionalHazards)
        expectClose(zph.rows.map(\.test.statistic), numbers(expected["zph_chisq"]), tolerance: 1e-9, "cox.zph")
        #expect(effects.notes.contains { $0.contains("enter follow-up after allocation") })
        #expect(effects.notes.contains { $0.contains("Kaplan-Meier curves and log-rank tests are unweighted") })
    }

    @Test func logRankWithEntryEqualsTheScoreTest() throws {
        let expected = try Self.reference()
        let effects = try Self.model.fit(fixtureTable("entry_trial.csv"))
        expectClose(effects.logRank.statistic, number(expected["logrank_all"]), tolerance: 1e-9, "log-rank, all arms")
        expectClose(effects.pairwiseLogRank.map(\.statistic), numbers(expected["logrank_pairs"]), tolerance: 1e-9,
                    "log-rank, each arm against control")
    }

    @Test func kaplanMeierWithEntryMatchesSurvfit() throws {
        let expected = try Self.reference()
        var model = Self.model
        model.riskTimes = [0, 100, 200, 300]
        let effects = try model.fit(fixtureTable("entry_trial.csv"))
        for (a, reference) in (expected["curves"] as! [[String: Any]]).enumerated() {
            #expect(effects.riskTable.atRisk[a].map(Double.init) == numbers(reference["at_risk"]), "numbers at risk, arm \(a)")
        }
        for (curve, reference) in zip(effects.curves, expected["curves"] as! [[String: Any]]) {
            #expect(curve.group == reference["arm"] as! String)
            let times = numbers(reference["time"])
            #expect(curve.steps.map(\.time) == times, "\(curve.group) step times")
            #expect(curve.steps.map { Double($0.atRisk) } == numbers(reference["n_risk"]), "\(curve.group) numbers at risk")
            expectClose(curve.steps.map(\.survival), numbers(reference["surv"]), tolerance: 1e-12, "\(curve.group) survival")
            expectClose(curve.steps.map(\.logStandardError), numbers(reference["std_err"]), tolerance: 1e-12,
                        "\(curve.group) Greenwood standard errors")
        }
    }

    private func table(_ csv: String) throws -> DataTable { try DataTable(csvText: csv) }

    @Test func anEntryAtOrAfterTheEventIsAnErrorNamingTheRow() throws {
        let csv = "time,event,entry,arm\n5,1,0,a\n3,1,3,b\n7,0,1,a\n4,1,6,b\n"
        let model = SurvivalEffectModel(outcome: .times(time: "time", event: "event"), arm: "arm", control: "a", entry: "entry")
        #expect(throws: SurvivalAnalysisError.intervalOrder(entryColumn: "entry", exitColumn: "time", row: 1, count: 2)) {
            try model.fit(self.table(csv))
        }
    }

    @Test func aNegativeEntryIsAnError() throws {
        let csv = "time,event,entry,arm\n5,1,-1,a\n3,1,0,b\n7,0,1,a\n4,1,0,b\n"
        let model = SurvivalEffectModel(outcome: .times(time: "time", event: "event"), arm: "arm", control: "a", entry: "entry")
        #expect(throws: SurvivalAnalysisError.negativeTime(column: "entry", row: 0, count: 1)) { try model.fit(self.table(csv)) }
    }

    @Test func entryDatesCountDaysFromAllocation() throws {
        let dated = """
            start,event_date,end,entered,arm,time,event,entry
            2024-01-01,2024-03-01,2024-12-31,2024-01-11,a,60,1,10
            2024-02-01,,2024-12-31,2024-02-01,b,334,0,0
            2024-01-15,2024-02-14,2024-12-31,2024-01-20,b,30,1,5
            2024-03-01,2024-05-30,2024-12-31,2024-03-31,a,90,1,30
            2024-01-01,2024-06-01,2024-12-31,2024-01-02,b,152,1,1
            2024-02-10,,2024-12-31,2024-02-20,a,325,0,10

            """
        let byDates = SurvivalEffectModel(outcome: .dates(start: "start", event: "event_date", endOfFollowUp: .column("end"), lostToFollowUp: nil),
                                          arm: "arm", control: "a", entry: "entered")
        let byTimes = SurvivalEffectModel(outcome: .times(time: "time", event: "event"), arm: "arm", control: "a", entry: "entry")
        let fromDates = try byDates.fit(table(dated)), fromTimes = try byTimes.fit(table(dated))
        #expect(fromDates.curves.map(\.steps) == fromTimes.curves.map(\.steps))
        #expect(fromDates.logRank == fromTimes.logRank)
        #expect(fromDates.cox?.coefficients == fromTimes.cox?.coefficients)
        let early = dated.replacingOccurrences(of: "2024-01-01,2024-03-01,2024-12-31,2024-01-11", with: "2024-01-01,2024-03-01,2024-12-31,2023-12-11")
        #expect(throws: SurvivalAnalysisError.dateBeforeStart(column: "entered", start: "start", row: 0, count: 1)) {
            try byDates.fit(self.table(early))
        }
    }

    @Test(arguments: ["0", "-2"])
    func aWeightThatIsNotPositiveIsAnErrorNamingTheRow(_ bad: String) throws {
        let csv = "time,event,w,arm\n5,1,1,a\n3,1,\(bad),b\n7,0,1,a\n4,1,1,b\n"
        let model = SurvivalEffectModel(outcome: .times(time: "time", event: "event"), arm: "arm", control: "a", weights: "w")
        do {
            _ = try model.fit(table(csv))
            Issue.record("a weight of \(bad) was accepted")
        } catch let error as SurvivalAnalysisError {
            guard case .nonPositiveWeight(let column, let row, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(column == "w" && row == 1 && error.description.contains("data row 2"))
        }
    }

    @Test func missingWeightsAndEntriesDropTheRow() throws {
        let csv = "time,event,w,entry,arm\n5,1,1,0,a\n3,1,NA,0,b\n7,0,1,NA,a\n4,1,1,0,b\n6,1,2,1,a\n8,1,1,2,b\n9,0,1,0,a\n2,1,1,0,b\n"
        let model = SurvivalEffectModel(outcome: .times(time: "time", event: "event"), arm: "arm", control: "a",
                                        weights: "w", entry: "entry")
        let effects = try model.fit(table(csv))
        #expect(effects.droppedCount == 2 && effects.observationCount == 6)
    }

    @Test func anInfiniteWeightIsAnError() throws {
        let csv = "time,event,w,arm\n5,1,1,a\n3,1,Inf,b\n7,0,1,a\n4,1,1,b\n"
        let model = SurvivalEffectModel(outcome: .times(time: "time", event: "event"), arm: "arm", control: "a", weights: "w")
        #expect(throws: SurvivalAnalysisError.nonFinite(column: "w", row: 1, count: 1)) { try model.fit(self.table(csv)) }
    }
}
