import Testing
@testable import RiskModels

/// Plain logistic regression against R `glm(y ~ x, family = binomial)`.
struct LogisticRegressionTests {
    @Test(arguments: ["biopsy", "pima", "simulated"])
    func agreesWithGLM(dataSet: String) throws {
        let (data, _) = try FixtureTable.dataSet(dataSet)
        let expected = try FixtureTable("glm_\(dataSet)")
        let fit = try LogisticRegression(data: data)
        let estimates = [fit.intercept] + fit.coefficients
        for (actual, reference) in zip(estimates, expected.column("estimate")) {
            #expect(relativeError(actual, reference) < 1e-8, "estimate \(actual) against glm's \(reference)")
        }
        for (actual, reference) in zip([fit.interceptStandardError] + fit.standardErrors, expected.column("std_error")) {
            #expect(relativeError(actual, reference) < 1e-7, "standard error \(actual) against glm's \(reference)")
        }
        for (actual, reference) in zip(fit.pValues, expected.column("p_value").dropFirst()) {
            #expect(relativeError(actual, reference) < 1e-6, "p-value \(actual) against glm's \(reference)")
        }
        #expect(relativeError(fit.deviance, expected.column("deviance")[0]) < 1e-10)
        #expect(relativeError(fit.nullDeviance, expected.column("null_deviance")[0]) < 1e-12)
    }
}
