@testable import RiskScoring
import Testing

@Suite("Probability yardsticks")
struct YardstickTests {
    struct Case: Sendable, CustomStringConvertible {
        let yardstick: String
        let probability: Double
        let phrase: String
        var description: String { "\(yardstick) \(probability)" }
    }

    static let profileCases: [Case] = [
        ("0", 0, "Remote or highly unlikely"), ("0.05", 0.05, "Remote or highly unlikely"),
        ("0.0999", 0.0999, "Remote or highly unlikely"),
        ("0.10 edge, excluded", 0.10, "between Remote or highly unlikely and Improbable or unlikely"),
        ("0.12 gap", 0.12, "between Remote or highly unlikely and Improbable or unlikely"),
        ("0.15 edge", 0.15, "Improbable or unlikely"), ("0.20 edge", 0.20, "Improbable or unlikely"),
        ("0.22 gap", 0.22, "between Improbable or unlikely and Realistic possibility"),
        ("0.25 edge", 0.25, "Realistic possibility"), ("0.50 edge", 0.50, "Realistic possibility"),
        ("0.52 gap", 0.52, "between Realistic possibility and Probable or likely"),
        ("0.55 edge", 0.55, "Probable or likely"), ("0.70 edge", 0.70, "Probable or likely"),
        ("0.72 gap", 0.72, "between Probable or likely and Highly/very probable or likely"),
        ("0.75 edge", 0.75, "Highly/very probable or likely"), ("0.85 edge", 0.85, "Highly/very probable or likely"),
        ("0.87 gap", 0.87, "between Highly/very probable or likely and Almost certain"),
        ("0.90 edge, excluded", 0.90, "between Highly/very probable or likely and Almost certain"),
        ("0.9001", 0.9001, "Almost certain"), ("1", 1, "Almost certain"),
    ].map { Case(yardstick: "profile \($0.0)", probability: $0.1, phrase: $0.2) }

    static let phiaCases: [Case] = [
        ("0", 0, "Remote chance"), ("0.05 edge", 0.05, "Remote chance"),
        ("0.07 gap", 0.07, "between Remote chance and Highly unlikely"),
        ("0.10 edge", 0.10, "Highly unlikely"), ("0.20 edge", 0.20, "Highly unlikely"),
        ("0.23 gap", 0.23, "between Highly unlikely and Unlikely"),
        ("0.25 edge", 0.25, "Unlikely"), ("0.35 edge", 0.35, "Unlikely"),
        ("0.37 gap", 0.37, "between Unlikely and Realistic possibility"),
        ("0.40 edge", 0.40, "Realistic possibility"), ("0.4999", 0.4999, "Realistic possibility"),
        ("0.50 edge, excluded", 0.50, "between Realistic possibility and Likely or probable"),
        ("0.53 gap", 0.53, "between Realistic possibility and Likely or probable"),
        ("0.55 edge", 0.55, "Likely or probable"), ("0.75 edge", 0.75, "Likely or probable"),
        ("0.78 gap", 0.78, "between Likely or probable and Highly likely"),
        ("0.80 edge", 0.80, "Highly likely"), ("0.90 edge", 0.90, "Highly likely"),
        ("0.93 gap", 0.93, "between Highly likely and Almost certain"),
        ("0.95 edge", 0.95, "Almost certain"), ("1", 1, "Almost certain"),
    ].map { Case(yardstick: "phia \($0.0)", probability: $0.1, phrase: $0.2) }

    @Test(arguments: profileCases)
    func profileYardstick(_ c: Case) {
        #expect(ProbabilityYardstick.profile.reading(for: c.probability).phrase == c.phrase)
    }

    @Test(arguments: phiaCases)
    func phiaYardstick(_ c: Case) {
        #expect(ProbabilityYardstick.phia.reading(for: c.probability).phrase == c.phrase)
    }

    @Test func everyGapOfBothYardsticksIsReportedBetweenItsNeighbours() {
        for yardstick in ProbabilityYardstick.all {
            for (below, above) in zip(yardstick.bands, yardstick.bands.dropFirst()) where below.upper < above.lower {
                let middle = (below.upper + above.lower) / 2
                #expect(yardstick.reading(for: middle) == .between(below, above))
            }
        }
    }

    @Test func bandRangesReadAsTheSourcesWriteThem() {
        #expect(ProbabilityYardstick.profile.bands.map(\.range) == ["below 10%", "15-20%", "25-50%", "55-70%", "75-85%", "above 90%"])
        #expect(ProbabilityYardstick.phia.bands.map(\.range)
            == ["up to 5%", "10-20%", "25-35%", "40 to under 50%", "55-75%", "80-90%", "95% and over"])
    }

    @Test func confidenceIsTheLowerOfDataAndModel() {
        #expect(AnalyticalConfidence.data(assessedShare: 1) == .high)
        #expect(AnalyticalConfidence.data(assessedShare: 0.8) == .moderate)
        #expect(AnalyticalConfidence.data(assessedShare: 0.79) == .low)
        #expect(AnalyticalConfidence.model(aucLowerLimit: 0.75) == .high)
        #expect(AnalyticalConfidence.model(aucLowerLimit: 0.7) == .moderate)
        #expect(AnalyticalConfidence.model(aucLowerLimit: 0.6) == .low)
        #expect(min(AnalyticalConfidence.high, .moderate) == .moderate)
    }
}
