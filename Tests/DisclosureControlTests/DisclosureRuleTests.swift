import DisclosureControl
import Testing

@Suite("Disclosure rule")
struct DisclosureRuleTests {
    struct RoundingCase: Sendable {
        let base: Int
        let count: Int
        let expected: Int
    }

    @Test(arguments: [
        RoundingCase(base: 5, count: 0, expected: 0), RoundingCase(base: 5, count: 2, expected: 0),
        RoundingCase(base: 5, count: 3, expected: 5), RoundingCase(base: 5, count: 7, expected: 5),
        RoundingCase(base: 5, count: 8, expected: 10), RoundingCase(base: 10, count: 15, expected: 20),
        RoundingCase(base: 10, count: 14, expected: 10), RoundingCase(base: 1, count: 13, expected: 13),
    ])
    func roundsToTheNearestMultipleHalvesUp(_ c: RoundingCase) {
        #expect(DisclosureRule(threshold: 1, roundingBase: c.base).rounded(c.count) == c.expected)
    }

    @Test func smallCountsAreOneToBelowTheThreshold() {
        let rule = DisclosureRule(threshold: 5, roundingBase: 5)
        #expect(!rule.isSmall(0))
        #expect((1 ... 4).allSatisfy(rule.isSmall))
        #expect(!rule.isSmall(5))
    }

    @Test func describesItselfInWords() {
        #expect(DisclosureRule().description
            == "Disclosure control: Counts from 1 to 4 are suppressed ([c]); other counts and all totals are rounded to the nearest 5; "
            + "further cells are suppressed where needed so that no total reveals a suppressed count.")
        #expect(DisclosureRule(threshold: 10, roundingBase: 1).description.contains("from 1 to 9"))
        #expect(!DisclosureRule(threshold: 10, roundingBase: 1).description.contains("rounded"))
    }

    @Test func oneWayTableSuppressesASecondCellSoTheTotalGivesNothingAway() {
        let table = CountTable(labels: ["a", "b", "c"], counts: [3, 20, 40], title: "t")
        let published = DisclosureRule(threshold: 5, roundingBase: 1).protect(table)
        #expect(published.cells[0][0] == .primarySuppressed)
        #expect(published.cells[1][0] == .secondarySuppressed)
        #expect(published.cells[2][0] == .value(40))
        #expect(published.columnTotals == [.value(63)])
        #expect(published.rowTotals == nil)
        #expect(published.note.hasPrefix("Disclosure control: Counts from 1 to 4"))
    }

    @Test func twoWayTableWithMarginsIsCompletedAlongRowsAndColumns() {
        let table = CountTable(title: "t", rowLabels: ["r1", "r2", "r3"], columnLabels: ["c1", "c2", "c3"],
                               counts: [[2, 30, 40], [25, 35, 45], [50, 60, 70]])
        let published = DisclosureRule(threshold: 5, roundingBase: 1).protect(table)
        #expect(published.cells[0][0] == .primarySuppressed)
        // The smallest partner in row 1 and in column 1, and the cell where they cross.
        #expect(published.cells[0][1] == .secondarySuppressed)
        #expect(published.cells[1][0] == .secondarySuppressed)
        #expect(published.cells[1][1] == .secondarySuppressed)
        #expect(published.grandTotal == .value(357))
        #expect(published.suppressedCount == 4)
    }

    @Test func smallTotalsAreSuppressedToo() {
        let table = CountTable(title: "t", rowLabels: ["r1", "r2"], columnLabels: ["c1", "c2"], counts: [[1, 2], [30, 40]])
        let published = DisclosureRule(threshold: 5, roundingBase: 5).protect(table)
        #expect(published.rowTotals?[0] == .primarySuppressed)
        #expect(published.cells[0][0] == .primarySuppressed && published.cells[0][1] == .primarySuppressed)
        // Each column then hides a second cell, and the column of row totals a second total.
        #expect(published.cells[1] == [.secondarySuppressed, .secondarySuppressed])
        #expect(published.rowTotals?[1] == .secondarySuppressed)
        #expect(published.columnTotals == [.value(30), .value(40)])
        #expect(published.grandTotal == .value(75))
    }

    @Test func zeroIsShownAndNeverCountsAsSmall() {
        let table = CountTable(labels: ["a", "b"], counts: [0, 12], title: "t")
        let published = DisclosureRule().protect(table)
        #expect(published.cells.map { $0[0] } == [.value(0), .value(10)])
    }

    @Test func unprotectedTableSaysSo() {
        let published = PublishedTable(unprotected: CountTable(labels: ["a"], counts: [1], title: "t"))
        #expect(published.cells[0][0] == .value(1))
        #expect(published.note.contains("NOT APPLIED"))
    }
}
