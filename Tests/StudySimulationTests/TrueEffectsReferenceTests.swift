import Foundation
import Testing
@testable import StudySimulation

/// The true effects agree with an independent computation in Python (mpmath for the closed
/// forms, scipy quad and root for the Cox limit): Fixtures/make_fixtures.py.
@Suite struct TrueEffectsReferenceTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let rates: [Double]
        let windows: [Int]
        let shares: [Double]
        let rate_ratios: [Double]
        let mean_counted_harm: Double
        let control_risk: Double
        let risk_differences: [Double]
        let harm_mean_differences: [Double]
        let hazard_ratios: [Double]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("true_effects.json")
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    static func relativeError(_ value: Double, _ reference: Double) -> Double {
        abs(value - reference) / max(abs(reference), 1e-300)
    }

    @Test(arguments: cases) func agreesWithTheReference(_ reference: Case) {
        let names = ["control"] + (1 ..< reference.shares.count).map { "arm\($0)" }
        let truth = TrueEffects(countedRates: reference.rates, followUpDays: reference.windows, armNames: names,
                                armShares: reference.shares, rateRatios: reference.rate_ratios,
                                meanCountedHarm: reference.mean_counted_harm)
        #expect(Self.relativeError(truth.controlRisk, reference.control_risk) < 1e-12)
        for (index, arm) in truth.arms.enumerated() {
            #expect(Self.relativeError(arm.riskDifference, reference.risk_differences[index]) < 1e-10, "\(arm.arm) risk difference")
            #expect(Self.relativeError(arm.harmMeanDifference, reference.harm_mean_differences[index]) < 1e-12, "\(arm.arm) harm")
            #expect(arm.rateRatio == reference.rate_ratios[index + 1])
            // Quadrature against adaptive quadrature: both far below the Monte Carlo error of any trial.
            #expect(Self.relativeError(arm.hazardRatio, reference.hazard_ratios[index]) < 1e-8, "\(arm.arm) hazard ratio \(arm.hazardRatio) vs \(reference.hazard_ratios[index])")
        }
    }

    @Test func equalRatiosHaveNoEffect() {
        let truth = TrueEffects(countedRates: [0.001, 0.002, 0.004], followUpDays: [365, 200, 365], armNames: ["control", "a"],
                                armShares: [0.5, 0.5], rateRatios: [1, 1], meanCountedHarm: 10)
        #expect(abs(truth.arms[0].riskDifference) < 1e-15)
        #expect(abs(truth.arms[0].hazardRatio - 1) < 1e-12)
        #expect(truth.arms[0].harmMeanDifference == 0)
    }
}
