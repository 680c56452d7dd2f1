import SurvivalAnalysis
import Testing

/// Kaplan-Meier curves, medians and numbers at risk against R survival's `survfit`.
@Suite struct KaplanMeierFixtureTests {
    @Test(arguments: ReferenceCase.names)
    func curvesMatchSurvfit(_ name: String) throws {
        let reference = try ReferenceCase.load(name)
        let effects = try reference.model.fit(reference.table())
        let expectedCurves = reference.json["km"] as! [[String: Any]]
        #expect(effects.curves.map(\.group) == expectedCurves.map { $0["arm"] as! String })
        #expect(effects.observationCount == Int(number(reference.json["n"])))
        #expect(effects.droppedCount == Int(number(reference.json["dropped"])))
        for (curve, expected) in zip(effects.curves, expectedCurves) {
            let label = "\(name) \(curve.group)"
            #expect(curve.steps.map(\.time) == numbers(expected["time"]), "\(label) times")
            #expect(curve.steps.map { Double($0.atRisk) } == numbers(expected["n_risk"]), "\(label) at risk")
            #expect(curve.steps.map { Double($0.events) } == numbers(expected["n_event"]), "\(label) events")
            #expect(curve.steps.map { Double($0.censored) } == numbers(expected["n_censor"]), "\(label) censored")
            expectClose(curve.steps.map(\.survival), numbers(expected["surv"]), tolerance: 1e-12, "\(label) survival")
            expectClose(curve.steps.map(\.logStandardError), numbers(expected["std_err"]), tolerance: 1e-10,
                        "\(label) std.err")
            expectClose(curve.steps.map(\.lower), numbers(expected["lower"]), tolerance: 1e-10, "\(label) lower")
            expectClose(curve.steps.map(\.upper), numbers(expected["upper"]), tolerance: 1e-10, "\(label) upper")
            expectClose(curve.median.estimate, number(expected["median"]), tolerance: 1e-12, "\(label) median")
            expectClose(curve.median.lower, number(expected["median_lower"]), tolerance: 1e-12, "\(label) median lower")
            expectClose(curve.median.upper, number(expected["median_upper"]), tolerance: 1e-12, "\(label) median upper")
        }
        let expectedStrata = reference.json["km_strata"] as? [[String: Any]] ?? []
        #expect(effects.stratumCurves.map(\.stratum) == expectedStrata.map { $0["stratum"] as! String })
        for (stratum, expected) in zip(effects.stratumCurves, expectedStrata) {
            let curves = expected["curves"] as! [[String: Any]]
            #expect(stratum.curves.map(\.group) == curves.map { $0["arm"] as! String })
            for (curve, expectedCurve) in zip(stratum.curves, curves) {
                let label = "\(name) \(stratum.stratum) \(curve.group)"
                #expect(curve.steps.map(\.time) == numbers(expectedCurve["time"]), "\(label) times")
                expectClose(curve.steps.map(\.survival), numbers(expectedCurve["surv"]), tolerance: 1e-12, "\(label) survival")
                expectClose(curve.steps.map(\.lower), numbers(expectedCurve["lower"]), tolerance: 1e-10, "\(label) lower")
                expectClose(curve.steps.map(\.upper), numbers(expectedCurve["upper"]), tolerance: 1e-10, "\(label) upper")
            }
        }
        let expectedRisk = expectedCurves.map { numbers($0["at_risk"]) }
        #expect(effects.riskTable.atRisk.map { $0.map(Double.init) } == expectedRisk, "\(name) numbers at risk")
    }

    @Test func survivalIsOneBeforeTheFirstEventAndStepsAfter() {
        let curve = KaplanMeierCurve(group: "g", times: [2, 2, 3, 5, 5, 8], events: [true, false, true, true, true, false])
        #expect(curve.survival(at: 1) == 1)
        #expect(abs(curve.survival(at: 2) - 5.0 / 6) < 1e-15)
        #expect(curve.atRisk(at: 2) == 6)
        #expect(curve.atRisk(at: 2.5) == 4)
        #expect(curve.atRisk(at: 9) == 0)
        // Everyone left at time 5 of the last 3 at risk: S falls to 1/3 of ...; a curve ending with an event at zero.
        let allDie = KaplanMeierCurve(group: "g", times: [1, 2, 3], events: [true, true, true])
        #expect(allDie.steps.last!.survival == 0)
        #expect(allDie.steps.last!.lower.isNaN && allDie.steps.last!.upper.isNaN)
        #expect(allDie.median.estimate == 2)
    }
}
