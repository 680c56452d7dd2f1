import Foundation
import Testing
@testable import Statistics

/// One row of `columbus_summary.csv`, made by R (`make_summary_fixtures.R`).
struct SummaryReference: Sendable, CustomStringConvertible {
    let column: String
    let level: Double
    let expected: [String: Double]
    var description: String { "\(column) at \(level)" }
}

private func fixtureLines(_ name: String) throws -> [[String]] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
        .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

private let summaryReferences: [SummaryReference] = {
    guard let lines = try? fixtureLines("columbus_summary.csv"), let header = lines.first else { return [] }
    return lines.dropFirst().map { fields in
        var expected: [String: Double] = [:]
        for (name, field) in zip(header, fields).dropFirst() { expected[name] = Double(field) }
        return SummaryReference(column: fields[0], level: expected["level"]!, expected: expected)
    }
}()

private func columbusColumn(_ name: String) throws -> [Double] {
    let lines = try fixtureLines("columbus.csv")
    let index = try #require(lines[0].firstIndex(of: name))
    return lines.dropFirst().map { Double($0[index])! }
}

@Test func summaryFixturesLoaded() {
    #expect(summaryReferences.count == 18)
}

@Test(arguments: summaryReferences)
func summaryMatchesR(_ reference: SummaryReference) throws {
    let summary = NumericSummary(try columbusColumn(reference.column), confidenceLevel: reference.level)
    let observed: [String: Double] = [
        "n": Double(summary.count), "mean": summary.mean, "sd": summary.standardDeviation,
        "min": summary.minimum, "q1": summary.quartiles.lower, "median": summary.quartiles.median,
        "q3": summary.quartiles.upper, "max": summary.maximum,
        "ci_lower": summary.meanInterval.lower, "ci_upper": summary.meanInterval.upper,
    ]
    for (name, value) in observed {
        let expected = try #require(reference.expected[name])
        #expect(abs(value - expected) <= 1e-13 * abs(expected), "\(name): \(value) against R's \(expected)")
    }
}

@Test func summaryLeavesOutMissingAndInfiniteValues() {
    let summary = NumericSummary([1, .nan, 3, .infinity, 2, -.infinity])
    #expect(summary.count == 3)
    #expect(summary.missingCount == 1)
    #expect(summary.nonFiniteCount == 2)
    #expect(summary.mean == 2)
    #expect(summary.quartiles.median == 2)
    #expect(summary.standardDeviation == 1)
}

@Test func summaryOfTooFewValues() {
    let empty = NumericSummary([Double.nan])
    #expect(empty.count == 0 && empty.missingCount == 1 && empty.mean.isNaN && empty.minimum.isNaN)
    let single = NumericSummary([4.5])
    #expect(single.mean == 4.5 && single.quartiles.upper == 4.5)
    #expect(single.standardDeviation.isNaN && single.meanInterval.lower.isNaN)
}
