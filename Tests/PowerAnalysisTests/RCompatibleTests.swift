import Testing
@testable import PowerAnalysis

/// `TTestPower` and `TwoProportionPower` against R's `power.t.test` and `power.prop.test`
/// (solved with `tol = 1e-12`), 1e-8 relative.
@Suite struct RCompatibleTests {
    static let tRows = FixtureRows("power_t_test.csv").rows
    static let propRows = FixtureRows("power_prop_test.csv").rows

    static func kind(_ text: String?) -> TTestPower.Kind {
        TTestPower.Kind(rawValue: text ?? "") ?? .twoSample
    }

    @Test func powerTTest() throws {
        var worst = 0.0
        for row in Self.tRows {
            let kind = Self.kind(row["type"]), twoSided = row.flag("two_sided"), strict = row.flag("strict")
            let base = TTestPower(n: row.number("n"), delta: row.number("delta"), standardDeviation: row.number("sd"),
                                  significanceLevel: row.number("sig_level"), power: nil, kind: kind, twoSided: twoSided, strict: strict)
            let power = try #require(try base.solved().power)
            worst = max(worst, relativeDifference(power, row.number("power")))

            var forN = base; forN.n = nil; forN.power = row.number("power")
            worst = max(worst, relativeDifference(try #require(try forN.solved().n), row.number("n_solved")))
            var for80 = base; for80.n = nil; for80.power = 0.8
            worst = max(worst, relativeDifference(try #require(try for80.solved().n), row.number("n_for_80")))
            var forDelta = base; forDelta.delta = nil; forDelta.power = 0.8
            worst = max(worst, relativeDifference(try #require(try forDelta.solved().delta), row.number("delta_for_80")))
            var forSD = base; forSD.standardDeviation = nil; forSD.power = 0.5
            worst = max(worst, relativeDifference(try #require(try forSD.solved().standardDeviation), row.number("sd_for_50")))
        }
        #expect(worst < 1e-8, "worst relative difference \(worst)")
    }

    @Test func powerPropTest() throws {
        var worst = 0.0
        for row in Self.propRows {
            let base = TwoProportionPower(n: row.number("n"), p1: row.number("p1"), p2: row.number("p2"),
                                          significanceLevel: row.number("sig_level"), power: nil,
                                          twoSided: row.flag("two_sided"), strict: row.flag("strict"))
            worst = max(worst, relativeDifference(try #require(try base.solved().power), row.number("power")))
            var forN = base; forN.n = nil; forN.power = 0.8
            worst = max(worst, relativeDifference(try #require(try forN.solved().n), row.number("n_for_80")))
            let p2 = row.number("p2_for_80")
            if !p2.isNaN {
                var forP2 = base; forP2.p2 = nil; forP2.power = 0.8
                worst = max(worst, relativeDifference(try #require(try forP2.solved().p2), p2))
            }
        }
        #expect(worst < 1e-8, "worst relative difference \(worst)")
    }

    @Test func exactlyOneUnknown() {
        #expect(throws: PowerAnalysisError.self) { try TTestPower(n: 10, delta: 1, power: 0.8).solved() }
        #expect(throws: PowerAnalysisError.self) { try TTestPower(n: nil, delta: nil, power: 0.8).solved() }
        #expect(throws: PowerAnalysisError.self) { try TTestPower(n: 1, delta: 1).solved() }
        #expect(throws: PowerAnalysisError.self) { try TwoProportionPower(n: 10, p1: 1.2, p2: 0.5).solved() }
    }
}
