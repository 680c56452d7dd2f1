import Testing
@testable import PowerAnalysis

/// The noncentral t against R 4.2's `pt(q, df, ncp)` (Fixtures/noncentral_t.csv, made by
/// Fixtures/make_fixtures.R), to 1e-10 absolute as the method's error bound allows.
@Suite struct NoncentralStudentTTests {
    static let rows = FixtureRows("noncentral_t.csv").rows

    @Test func matchesRAcrossTheGrid() {
        var worst = 0.0
        for row in Self.rows {
            let t = NoncentralStudentT(degreesOfFreedom: row.number("df"), noncentrality: row.number("ncp"))
            let q = row.number("q")
            worst = max(worst, abs(t.cdf(q) - row.number("lower")), abs(t.survival(q) - row.number("upper")))
        }
        #expect(Self.rows.count > 350)
        #expect(worst < 1e-10, "worst absolute difference \(worst)")
    }

    @Test func zeroNoncentralityIsTheCentralT() {
        let t = NoncentralStudentT(degreesOfFreedom: 7, noncentrality: 0)
        #expect(abs(t.cdf(1.3) - 0.882_616_082_303_811_39) < 1e-12)
        #expect(t.cdf(0) == 0.5)
    }

    @Test func infiniteArgumentsAndNaN() {
        let t = NoncentralStudentT(degreesOfFreedom: 12, noncentrality: 2)
        #expect(t.cdf(.infinity) == 1)
        #expect(t.cdf(-.infinity) == 0)
        #expect(t.cdf(.nan).isNaN)
        #expect(t.survival(.nan).isNaN)
    }

    @Test func infiniteDegreesOfFreedomIsTheShiftedNormal() {
        let t = NoncentralStudentT(degreesOfFreedom: .infinity, noncentrality: 1.5)
        #expect(abs(t.cdf(1.5) - 0.5) < 1e-15)
    }

    @Test func largeNoncentralityUsesTheNormalApproximation() {
        let t = NoncentralStudentT(degreesOfFreedom: 100, noncentrality: 45)
        #expect(t.survival(1.98) == 1)
        #expect(t.cdf(45) > 0.4 && t.cdf(45) < 0.6)
    }
}
