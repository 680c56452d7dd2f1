import Foundation
import GeneralisedLinearModels
import Testing

/// The four output formats state the sample, family, link, estimand and θ, in the shape of an
/// arm-effects report.
@Suite("Rendering")
struct RenderingTests {
    static func negativeBinomial() throws -> OutcomeEffects {
        let reference = ReferenceFixtures.shared.trials.first { $0.name == "quine_negbin" }!
        return try reference.model.fit(try ReferenceFixtures.table(reference.file))
    }

    @Test("JSON holds every field, null where absent")
    func json() throws {
        let result = try Self.negativeBinomial()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.rendered(as: .json).utf8)) as? [String: Any])
        #expect(object["family"] as? String == "negative-binomial")
        #expect(object["link"] as? String == "log")
        #expect(object["estimand"] as? String == "rate-ratio")
        #expect(object["se_type"] as? String == "model")
        #expect(object["n"] as? Int == 138)
        #expect(object["n_dropped"] as? Int == 8)
        #expect(object["n_clusters"] is NSNull)
        #expect(abs((object["theta"] as? Double ?? 0) - result.theta!) < 1e-12)
        let estimates = try #require(object["estimates"] as? [[String: Any]])
        #expect(estimates.map { $0["arm"] as? String } == ["F1", "F2", "F3"])
        #expect(estimates[0]["df"] is NSNull)
        let joint = try #require(object["joint_test"] as? [String: Any])
        #expect(joint["distribution"] as? String == "chi-squared")
        #expect(joint["df2"] is NSNull)
    }

    @Test("CSV has one row per arm with the sample and the model")
    func csv() throws {
        let result = try Self.negativeBinomial()
        let lines = result.rendered(as: .csv).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("outcome,arm,control,n_arm,total_arm,estimand,estimate,coefficient,std_error"))
        #expect(lines[1].hasPrefix("Days,F1,F0,"))
        #expect(lines[1].contains(",138,8,negative-binomial,log,model,additive,"))
        #expect(lines[1].contains(",\(result.theta!),\(result.thetaStandardError!),"))  // then the Dunnett columns
    }

    @Test("text and Markdown state the estimand, family, sample and theta")
    func text() throws {
        let result = try Self.negativeBinomial()
        let text = result.rendered(as: .text)
        #expect(text.contains("Rows analysed: 138; rows dropped for missing values: 8"))
        #expect(text.contains("Estimand: rate ratio; family: negative-binomial, link: log; adjustment: additive (learner); standard errors: model; block fixed effects: Sex"))
        #expect(text.contains("Negative binomial theta: "))
        #expect(text.contains("Joint test that every arm equals control: chi-squared(3) = "))
        let markdown = result.rendered(as: .markdown)
        #expect(markdown.hasPrefix("### Rate ratio on Days against F0\n"))
        #expect(markdown.contains("| arm | n | total | rate ratio | log std. error | z | df | p |"))
    }

    @Test("the risk difference reports the linear model's t inference")
    func riskDifference() throws {
        let reference = ReferenceFixtures.shared.trials.first { $0.name == "infert_risk_difference" }!
        let result = try reference.model.fit(try ReferenceFixtures.table(reference.file))
        #expect(result.familyName == "gaussian" && result.linkName == "identity")
        #expect(result.adjustment == "lin")
        #expect(result.effects.allSatisfy { $0.degreesOfFreedom != nil })
        #expect(result.rendered(as: .text).contains("Estimand: risk difference; family: gaussian, link: identity; adjustment: lin (age, parity); standard errors: HC2"))
    }
}
