import Foundation
@testable import SurvivalAnalysis
import Testing

/// The report in every format, and the Kaplan-Meier plot.
@Suite struct RenderingTests {
    private func trial() throws -> SurvivalEffects {
        try ReferenceCase.load("trial_four_arms").model.fit(try fixtureTable("trial.csv"))
    }

    @Test func jsonHasTheSharedKeysAndEveryArm() throws {
        let effects = try trial()
        let object = try JSONSerialization.jsonObject(with: Data(effects.rendered(as: .json).utf8)) as! [String: Any]
        #expect(object["control"] as? String == "control")
        #expect((object["n"] as? Int) == effects.observationCount)
        #expect((object["n_dropped"] as? Int) == effects.droppedCount)
        #expect(object["se_type"] as? String == "robust")
        let estimates = try #require(object["estimates"] as? [[String: Any]])
        #expect(estimates.map { $0["arm"] as? String } == ["partner", "police", "social_media"])
        let first = estimates[0]
        for key in ["estimate", "hazard_ratio", "std_error", "statistic", "p_value", "conf_low", "conf_high", "p_value_holm", "logrank"] {
            #expect(first[key] != nil, "missing key \(key)")
        }
        let ratio = effects.hazardRatios[0]
        let written = try #require(first["hazard_ratio"] as? Double)
        #expect(abs(written - ratio.hazardRatio) <= 1e-15 * ratio.hazardRatio)
        #expect((object["arms"] as? [[String: Any]])?.count == 4)
        #expect((object["proportional_hazards"] as? [[String: Any]])?.last?["term"] as? String == "GLOBAL")
    }

    @Test func csvHasOneRowPerInterventionArmThatReadsBack() throws {
        let effects = try trial()
        let lines = effects.rendered(as: .csv).split(separator: "\n")
        #expect(lines.count == 4)
        let header = lines[0].split(separator: ",").map(String.init)
        let row = lines[2].split(separator: ",").map(String.init)
        let estimate = try #require(Double(row[header.firstIndex(of: "estimate")!]))
        #expect(estimate == effects.hazardRatios[1].logHazardRatio)
        #expect(row[header.firstIndex(of: "arm")!] == "police")
    }

    @Test func textAndMarkdownStateTheSampleAndTests() throws {
        let effects = try trial()
        let text = effects.rendered(as: .text)
        #expect(text.contains("Rows analysed: \(effects.observationCount)"))
        #expect(text.contains("Log-rank test across arms (stratified by block)"))
        #expect(text.contains("robust with family clusters"))
        #expect(text.contains("Proportional hazards"))
        #expect(text.hasSuffix("\n"))
        let markdown = effects.rendered(as: .markdown)
        #expect(markdown.hasPrefix("### Time to event against control"))
        #expect(markdown.contains("| arm | n | events | hazard ratio |"))
    }

    @Test func thePlotDrawsEachArmWithLimitsAndNumbersAtRisk() throws {
        let effects = try trial()
        let svg = KaplanMeierPlot(effects.curves, title: "Time to first offence").document().render()
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<title>Time to first offence</title>"))
        #expect(svg.contains("Number at risk"))
        for (index, arm) in effects.arms.enumerated() {
            #expect(svg.contains(">\(arm)</text>"))
            let colour = ["#000000", "#0072B2", "#D55E00", "#009E73"][index]
            #expect(svg.contains("stroke=\"\(colour)\" stroke-width=\"2\""))
            #expect(svg.contains("stroke=\"\(colour)\" stroke-width=\"0.8\" stroke-dasharray=\"4 3\""))
        }
        // Numbers at risk at time 0 are the arm sizes.
        for count in effects.armCounts { #expect(svg.contains(">\(count)</text>")) }
    }

    @Test func stepSegmentsStartAtOneAndStopWhereLimitsAreUndefined() {
        let curve = KaplanMeierCurve(group: "g", times: [1, 2, 3], events: [true, true, true], transform: .log)
        let points = KaplanMeierPlot.stepSegments(curve, value: \.survival, end: 3)
        #expect(points.count == 1)
        #expect(points[0].first!.time == 0 && points[0].first!.value == 1 && points[0].last!.value == 0)
        let lower = KaplanMeierPlot.stepSegments(curve, value: \.lower, end: 3)
        #expect(lower.count == 1 && lower[0].last!.time == 3 && lower[0].last!.value.isFinite)
    }
}
