import Testing
@testable import RiskModels

/// Ridge, lasso and elastic-net paths against R glmnet 4.1 (`thresh = 1e-18` on both sides).
struct PenalisedPathTests {
    struct Case: CustomStringConvertible, Sendable {
        let dataSet: String
        let alpha: String
        var description: String { "\(dataSet), alpha \(alpha)" }
        var penalty: Penalty {
            switch alpha {
            case "1": return .lasso
            case "0": return .ridge
            default: return .elasticNet(alpha: Double(alpha)!)
            }
        }
    }

    static let cases = ["biopsy", "pima", "simulated", "wide"].flatMap { name in
        ["1", "0", "0.5"].map { Case(dataSet: name, alpha: $0) }
    }

    @Test(arguments: cases)
    func agreesWithGlmnet(_ testCase: Case) throws {
        let (data, _) = try FixtureTable.dataSet(testCase.dataSet)
        let expected = try FixtureTable("path_\(testCase.dataSet)_alpha\(testCase.alpha)")
        let path = try PenalisedLogisticPath(data: data, penalty: testCase.penalty, settings: PathSettings(threshold: 1e-18))
        // The same λ sequence, stopped early at the same point.
        #expect(path.lambdas.count == expected.rows.count)
        var worstCoefficient = 0.0
        for (l, reference) in expected.rows.enumerated() where l < path.lambdas.count {
            #expect(relativeError(path.lambdas[l], reference[0]) < 1e-10)
            #expect(abs(path.devianceRatios[l] - reference[1]) < 1e-8)
            let fitted = [path.intercepts[l]] + path.coefficients[l]
            let scale = max(1, fitted.map(abs).max()!)
            for (actual, value) in zip(fitted, reference.dropFirst(2)) {
                worstCoefficient = max(worstCoefficient, abs(actual - value) / scale)
                // A coefficient the lasso sets to zero is exactly zero in both.
                if testCase.penalty.alpha > 0 && value == 0 { #expect(actual == 0 || abs(actual) < 1e-9) }
            }
        }
        #expect(worstCoefficient < 1e-6, "worst coefficient difference \(worstCoefficient)")
    }
}
