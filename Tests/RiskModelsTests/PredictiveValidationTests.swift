import Testing
@testable import RiskModels

/// AUC and DeLong interval against R pROC; Brier score and calibration against R (`glm`, `cut`
/// of type-7 deciles), on fixed predictions.
struct PredictiveValidationTests {
    @Test(arguments: ["biopsy", "pima", "simulated"])
    func agreesWithPROCAndGLM(dataSet: String) throws {
        let predictions = try FixtureTable("validation_\(dataSet)")
        let expected = try FixtureTable("validation_\(dataSet)_metrics")
        let validation = try PredictiveValidation(outcome: predictions.column("y"), predictions: predictions.column("p"))
        #expect(relativeError(validation.auc.area, expected.column("auc")[0]) < 1e-12)
        #expect(relativeError(validation.auc.lower, expected.column("lower")[0]) < 1e-10)
        #expect(relativeError(validation.auc.upper, expected.column("upper")[0]) < 1e-10)
        #expect(relativeError(validation.auc.variance, expected.column("variance")[0]) < 1e-10)
        #expect(relativeError(validation.brierScore, expected.column("brier")[0]) < 1e-12)
        #expect(relativeError(validation.calibrationSlope, expected.column("slope")[0]) < 1e-8)
        // The intercept is near zero for in-sample glm predictions: compare absolutely.
        #expect(abs(validation.calibrationIntercept - expected.column("intercept")[0]) < 1e-9)

        let table = try FixtureTable("calibration_\(dataSet)")
        #expect(validation.calibrationTable.count == table.rows.count)
        for (group, row) in zip(validation.calibrationTable, table.rows) {
            #expect(group.count == Int(row[0]))
            #expect(group.events == Int(row[1]))
            #expect(relativeError(group.meanPredicted, row[2]) < 1e-12)
            #expect(abs(group.observedRate - row[3]) < 1e-15)
        }
    }

    @Test func perfectAndReversedRankings() throws {
        let outcome: [Double] = [0, 0, 0, 1, 1, 1]
        let perfect = try ROCArea(outcome: outcome, predictions: [0.1, 0.2, 0.3, 0.6, 0.7, 0.8])
        #expect(perfect.area == 1)
        #expect(perfect.upper == 1)
        let reversed = try ROCArea(outcome: outcome, predictions: [0.8, 0.7, 0.6, 0.3, 0.2, 0.1])
        #expect(reversed.area == 0)
        #expect(reversed.lower == 0)
        let tied = try ROCArea(outcome: outcome, predictions: [Double](repeating: 0.4, count: 6))
        #expect(tied.area == 0.5)
    }
}
