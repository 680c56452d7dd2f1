import DataTables
import Foundation
import GeneralisedLinearModels
import Testing

/// Arm effects (odds, risk and rate ratios, risk differences) on data with missing values,
/// against R's glm, glm.nb, sandwich and estimatr on the complete rows.
@Suite("Arm effects agree with R")
struct TrialAgreementTests {
    static let trials = ReferenceFixtures.shared.trials
    static let tolerance = 1e-6

    @Test("estimates, standard errors, intervals and p-values", arguments: trials)
    func agreement(_ reference: ReferenceFixtures.Trial) throws {
        let table = try ReferenceFixtures.table(reference.file)
        let result = try reference.model.fit(table)
        #expect(result.observationCount == reference.n)
        #expect(result.droppedCount == reference.n_dropped)
        #expect(result.effects.count == reference.rows.count)
        for expected in reference.rows {
            let effect = try #require(result.effects.first { $0.arm == expected.arm }, "arm \(expected.arm)")
            #expect(relativeError(effect.coefficient, expected.coefficient) < Self.tolerance, "\(expected.arm) coefficient")
            #expect(relativeError(effect.standardError, expected.std_error) < Self.tolerance, "\(expected.arm) SE")
            #expect(relativeError(effect.estimate, expected.estimate) < Self.tolerance, "\(expected.arm) estimate")
            #expect(relativeError(effect.lowerBound, expected.conf_low) < Self.tolerance, "\(expected.arm) lower")
            #expect(relativeError(effect.upperBound, expected.conf_high) < Self.tolerance, "\(expected.arm) upper")
            #expect(relativeError(effect.pValue, expected.p_value) < 1e-5, "\(expected.arm) p")
        }
        if let theta = reference.theta {
            #expect(relativeError(try #require(result.theta), theta) < Self.tolerance)
            #expect(relativeError(try #require(result.thetaStandardError), reference.theta_se!) < Self.tolerance)
        }
        if let aic = reference.aic {
            #expect(relativeError(try #require(result.aic), aic) < Self.tolerance)
        }
        if let deviance = reference.deviance {
            #expect(relativeError(try #require(result.deviance), deviance) < Self.tolerance)
        }
        // Holm across arms, as p.adjust(method = "holm").
        let p = result.effects.map(\.pValue)
        let order = p.indices.sorted { p[$0] < p[$1] }
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(p.count - rank) * p[index]))
            #expect(abs(result.effects[index].holmPValue - running) < 1e-12)
        }
    }

    @Test("the default estimand is the risk difference for binary outcomes and the rate ratio for counts")
    func defaults() {
        let binary = OutcomeEffectModel(outcome: "y", arm: "arm", control: "control", family: .binomial)
        #expect(binary.resolvedEstimand == .riskDifference)
        #expect(binary.resolvedVariance == .hc2)
        let clustered = OutcomeEffectModel(outcome: "y", arm: "arm", control: "control", cluster: "family",
                                           family: .binomial, estimand: .oddsRatio)
        #expect(clustered.resolvedVariance == .stata)
        let counts = OutcomeEffectModel(outcome: "y", arm: "arm", control: "control", family: .negativeBinomial)
        #expect(counts.resolvedEstimand == .rateRatio)
        #expect(counts.resolvedVariance == .model)
        #expect(OutcomeEffectModel(outcome: "y", arm: "arm", control: "c", family: .poisson).resolvedVariance == .hc0)
    }
}
