import Testing
@testable import RiskModels

/// Cross-validated λ choice against R `cv.glmnet(..., foldid = fold, thresh = 1e-18)`.
struct CrossValidationTests {
    struct Case: CustomStringConvertible, Sendable {
        let dataSet: String
        let alpha: String
        var description: String { "\(dataSet), alpha \(alpha)" }
    }

    static let cases = ["biopsy", "simulated"].flatMap { name in ["1", "0"].map { Case(dataSet: name, alpha: $0) } }

    @Test(arguments: cases)
    func agreesWithCvGlmnet(_ testCase: Case) throws {
        let (data, folds) = try FixtureTable.dataSet(testCase.dataSet)
        let expected = try FixtureTable("cv_\(testCase.dataSet)_alpha\(testCase.alpha)")
        let cv = try CrossValidatedPath(
            data: data, penalty: testCase.alpha == "1" ? .lasso : .ridge, folds: try FoldAssignment(folds: folds),
            settings: PathSettings(threshold: 1e-18))
        #expect(cv.path.lambdas.count == expected.rows.count)
        for (l, (mean, error)) in zip(expected.column("cvm"), expected.column("cvsd")).enumerated() where l < cv.meanDeviance.count {
            #expect(relativeError(cv.meanDeviance[l], mean) < 1e-7, "cvm at λ \(l)")
            #expect(relativeError(cv.standardErrors[l], error) < 1e-7, "cvsd at λ \(l)")
        }
        #expect(relativeError(cv.lambdaMin, expected.column("lambda_min")[0]) < 1e-10)
        #expect(relativeError(cv.lambda1se, expected.column("lambda_1se")[0]) < 1e-10)
    }

    @Test func seededFoldsAreBalancedAndReproducible() throws {
        let first = try FoldAssignment(people: 103, folds: 10, seed: 42)
        let again = try FoldAssignment(people: 103, folds: 10, seed: 42)
        let other = try FoldAssignment(people: 103, folds: 10, seed: 43)
        #expect(first == again)
        #expect(first != other)
        let sizes = (1 ... 10).map { fold in first.folds.filter { $0 == fold }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(sizes.reduce(0, +) == 103)
    }

    @Test func fittedModelUsesTheChosenLambdaAndItsOutOfFoldPredictions() throws {
        let (data, folds) = try FixtureTable.dataSet("simulated")
        let model = try FittedRiskModel(data: data, settings: RiskModelSettings(kind: .lasso, foldAssignment: folds))
        let cv = try #require(model.crossValidation)
        #expect(model.lambda == cv.lambdaMin)
        #expect(model.coefficients == cv.path.coefficients[cv.minimumIndex])
        #expect(model.outOfFoldProbabilities == cv.outOfFoldAtMinimum)
        #expect(model.validation.count == data.count)
        #expect(model.validation.auc.area > 0.6)
        // The same folds sequentially and in parallel give the same model.
        let sequential = try FittedRiskModel(
            data: data, settings: RiskModelSettings(kind: .lasso, foldAssignment: folds, concurrentFolds: false))
        #expect(sequential.coefficients == model.coefficients)
        #expect(sequential.outOfFoldProbabilities == model.outOfFoldProbabilities)
    }

    @Test func plainModelIsCrossValidatedToo() throws {
        let (data, _) = try FixtureTable.dataSet("pima")
        let model = try FittedRiskModel(data: data, settings: RiskModelSettings(kind: .plain, folds: 5, seed: 3))
        let plain = try #require(model.plainFit)
        #expect(model.coefficients == plain.coefficients)
        #expect(model.lambda == nil)
        // Out-of-fold predictions are not the in-sample ones.
        let inSample = plain.probabilities(for: data.factors)
        #expect(zip(inSample, model.outOfFoldProbabilities).contains { $0 != $1 })
        #expect(model.validation.calibrationSlope < 1.05)
    }
}
