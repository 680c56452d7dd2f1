import Foundation
import StudyReport
import Testing

/// The report's outcome analyses of the small study agree with R (estimatr, glm, sandwich,
/// MASS::glm.nb, survival::coxph) on the same analysis table: see
/// `Fixtures/reference/make_reference.R`.
@Suite struct ReferenceAgreementTests {
    struct Reference {
        let outcome, measure, arm: String
        let values: [Double]   // estimate, lower, upper, p, holm
    }

    static func references() throws -> [Reference] {
        let file = StudyFixtures.folder.appendingPathComponent("reference/estimates.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let cells = line.split(separator: ",").map(String.init)
            return Reference(outcome: cells[0], measure: cells[1], arm: cells[2], values: cells[3...].map { Double($0)! })
        }
    }

    /// Closed forms (least squares with HC2) to 1e-8; iterative fits (IRLS, Newton-Raphson) to 1e-6.
    static func tolerance(_ measure: String) -> Double {
        ["Risk difference", "Mean difference in harm (days)", "Mean difference in log(1 + harm)",
         "Difference in the share with any harm"].contains(measure) ? 1e-8 : 1e-6
    }

    @Test func everyEstimateAgreesWithR() throws {
        let model = try StudyFixtures.smallTrialModel.get()
        let references = try Self.references()
        #expect(references.count == 24)
        #expect(model.estimates.count == references.count)
        var worst = 0.0
        for reference in references {
            let estimate = try #require(model.estimates.first {
                $0.outcome == reference.outcome && $0.measure == reference.measure && $0.arm == reference.arm
            }, "\(reference.outcome) \(reference.measure) \(reference.arm)")
            let ours = [estimate.estimate, estimate.lower, estimate.upper, estimate.pValue, estimate.holmPValue]
            for (name, (a, b)) in zip(["estimate", "lower", "upper", "p", "Holm p"], zip(ours, reference.values)) {
                let error = abs(a - b) / max(abs(b), 1e-3)
                worst = max(worst, error)
                #expect(error <= Self.tolerance(reference.measure),
                        "\(reference.outcome), \(reference.measure), \(reference.arm), \(name): \(a) against R's \(b)")
            }
        }
        print("Worst relative difference from R: \(worst)")
    }
}
