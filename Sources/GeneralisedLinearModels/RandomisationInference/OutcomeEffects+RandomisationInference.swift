import DataTables
import LinearAlgebra
import TrialAnalysis

/// The randomisation test that fits an outcome analysis's estimand.
public enum OutcomeRandomisationTest: Sendable {
    /// The risk difference: the linear model's test (estimate or studentised statistic), as for a
    /// difference in means.
    case linear(RandomisationInference)
    /// Odds ratios, risk ratios and rate ratios: the score statistic under the null model.
    case score(ScoreRandomisationInference)
}

/// A fitted outcome analysis prepared for randomisation inference: the rows it analysed, its
/// arms and the test of its estimand on those rows.
public struct OutcomeRandomisationInputs: Sendable {
    /// The table rows analysed (complete rows), in table order, numbered from 0.
    public let rows: [Int]
    /// The arms' names in the coding of the test: the control (index 0), then the intervention
    /// arms in the order of the analysis's rows.
    public let armNames: [String]
    /// The test, ready for draws of the analysed rows coded like ``armNames``.
    public let test: OutcomeRandomisationTest
}

extension OutcomeEffects {
    /// Prepares a randomisation test of this analysis on the table it was fitted to: the same
    /// complete rows, outcome, covariates, blocks, clusters and exposure.
    ///
    /// The risk difference gets the linear model's test (``TrialAnalysis/RandomisationInference``);
    /// the ratios get the score test of ``ScoreRandomisationInference``: logistic for odds ratios,
    /// Poisson for risk ratios (modified Poisson) and Poisson rate ratios, negative binomial for
    /// NB2 rate ratios, each fitted once without arms (to a relative deviance change of 1e-12 or
    /// the analysis's own tolerance if tighter; see ``ScoreRandomisationInference/nullModelIteration``).
    ///
    /// - Parameter table: The table given to ``OutcomeEffectModel/fit(_:)``.
    /// - Returns: The analysed rows, the arm coding and the prepared test.
    /// - Throws: ``TrialAnalysis/RandomisationInferenceError/weights(_:)`` for a weighted
    ///   analysis; the errors of the null fit (``GLMError``) or of
    ///   ``TrialAnalysis/ArmEffects/randomisationInputs(table:)``.
    /// - Complexity: one fit of the null model.
    public func randomisationInputs(table: DataTable) throws -> OutcomeRandomisationInputs {
        let specification = self.specification
        if let weights = specification.weights { throw RandomisationInferenceError.weights(weights) }
        if let linearModel {
            let inputs = try linearModel.randomisationInputs(table: table)
            return OutcomeRandomisationInputs(rows: inputs.rows, armNames: inputs.armNames, test: .linear(inputs.inference))
        }
        let sample = try TrialSample(table: table, outcome: specification.outcome, arm: specification.arm,
                                     control: specification.control, covariates: specification.covariates,
                                     cluster: specification.cluster, blocks: specification.blocks, weights: nil,
                                     exposure: specification.exposure)
        let design = TrialDesign(sample: sample, armColumn: specification.arm, blockColumn: specification.blocks,
                                 covariateNames: specification.covariates)
        let fixed = (0 ..< design.matrix.columns).filter { !design.armColumns.contains($0) }
        let nullModel: ScoreRandomisationInference.NullModel = switch (specification.family, estimand) {
        case (.binomial, .oddsRatio): .logistic
        case (.negativeBinomial, _): .negativeBinomial
        default: .poisson
        }
        let inference = try ScoreRandomisationInference(
            outcome: sample.outcome, assignment: sample.arm, control: 0, armCount: 1 + sample.interventionArms.count,
            fixedDesign: design.matrix.selectingColumns(fixed), columnNames: fixed.map { design.columnNames[$0] },
            nullModel: nullModel, offset: sample.offset,
            iteration: IRLSControl(tolerance: min(specification.iteration.tolerance, 1e-12),
                                   maxIterations: max(specification.iteration.maxIterations, 100)))
        return OutcomeRandomisationInputs(rows: sample.dataRows, armNames: [sample.controlName] + sample.interventionArms,
                                          test: .score(inference))
    }
}
