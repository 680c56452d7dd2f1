import LinearAlgebra
import TrialAnalysis

/// Randomisation inference for odds ratios, risk ratios and rate ratios by the score statistic
/// of the arm indicators under the null model without arms.
///
/// Under the sharp null that no arm has any effect on anyone, the outcomes are fixed, and so is
/// the fit of the model without arm indicators: `y ~ intercept + blocks + covariates` (with the
/// exposure offset), logistic, Poisson or negative binomial. Its working weights wᵢ and working
/// residuals rᵢ do not change when the assignment is redrawn. For a drawn assignment with arm
/// indicators D (n × k, one column per intervention arm) the score of the arm coefficients at
/// that fit, and its model-based variance (the efficient information of the arms given the
/// fixed columns), are
///
///     U = Dᵀ(w ∘ r),    V = DᵀWD − CᵀC,    C = Qᵀ W^½ D,
///
/// with Q an orthonormal basis of W^½X₀, and w and w ∘ r evaluated at the null fit's means μ̂:
/// μ̂(1 − μ̂) and y − μ̂ (logistic), μ̂ and y − μ̂ (Poisson), μ̂/(1 + μ̂/θ) and (y − μ̂)/(1 + μ̂/θ)
/// (negative binomial). Each arm's statistic is the studentised score
/// t_a = U_a / √V_aa (its square is R's Rao score statistic for adding that arm alone to the
/// null model, `anova(null, with_arm, test = "Rao")`), and the joint statistic is UᵀV⁻¹U, the
/// Rao statistic for adding every arm (`anova(null, full, test = "Rao")`). Every draw's U,
/// DᵀWD and C come from one `dgemm`: Zᵀ times the 0/1 indicator matrix of a chunk of draws, with
/// Z = [w ∘ r, w, W^½Q] fixed, so thousands of draws cost one or a few BLAS-3 products and no
/// refit.
///
/// The score statistic is not the Wald statistic of refitted models (its p-values differ from
/// those of refitting the ratio on every draw), but under the sharp null either gives an exact
/// test; the score statistic is the one that needs no refit. Its sign follows the log ratio: a
/// positive score means more outcome in the arm than the null model predicts.
///
/// Clustered designs need nothing special: the draws assign whole clusters and the statistic is
/// computed on units with the model-based variance. Not supported: prior weights
/// (inverse-probability weights follow the redrawn arm).
public struct ScoreRandomisationInference: Sendable {
    /// The null model's family.
    public enum NullModel: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Logistic regression (odds ratios).
        case logistic
        /// Poisson regression (rate ratios, and modified-Poisson risk ratios).
        case poisson
        /// Negative binomial (NB2) regression with θ estimated by maximum likelihood under the
        /// null model (rate ratios).
        case negativeBinomial = "negative-binomial"

        /// The name used in reports.
        public var description: String { rawValue }
    }

    /// The number of units.
    public let units: Int
    /// The number of arms in the coding of the assignment and the draws.
    public let armCount: Int
    /// The control arm's index.
    public let control: Int
    /// The observed assignment, one arm index per unit.
    public let assignment: [Int]
    /// The null model's family.
    public let nullModel: NullModel
    /// The null model's fit (without arm indicators).
    public let nullFit: GeneralisedLinearModel
    /// The negative binomial shape θ of the null fit, or `nil` for other families.
    public let theta: Double?

    /// The null model's default IRLS settings: a relative deviance change of 1e-12, at most 100
    /// iterations.
    public static let nullModelIteration = IRLSControl(tolerance: 1e-12, maxIterations: 100)

    /// The intervention arms' indices, in increasing order: the order of every result's arms.
    public var interventionArms: [Int] { (0 ..< armCount).filter { $0 != control } }

    /// Z = [w ∘ r, w, W^½Q], n × (2 + p): the fixed columns whose products with the drawn
    /// indicators give every draw's score, information diagonal and C.
    let fixedColumns: Matrix
    /// The position of each arm among the intervention arms, or -1 for control.
    let armPosition: [Int]

    /// Fits the null model once and prepares the test.
    ///
    /// - Parameters:
    ///   - outcome: The outcome of each unit: 0/1 for logistic, whole numbers ≥ 0 for counts.
    ///   - assignment: The observed arm index of each unit, in `0 ..< armCount` (anything else
    ///     traps; a count other than n traps).
    ///   - control: The control arm's index.
    ///   - armCount: The number of arms, at least 2.
    ///   - fixedDesign: The n × p₀ design of the null model, with a column of ones for the
    ///     intercept, then block indicators and covariates (a row count other than n traps).
    ///   - columnNames: p₀ names for errors about the null model; default `x1`, `x2`...
    ///   - nullModel: The family.
    ///   - offset: n known terms of the linear predictor (log exposure), or `nil`.
    ///   - iteration: IRLS settings for the null model; default a relative deviance change of
    ///     1e-12 and 100 iterations, tighter than R's 1e-8, because the score moves at first order
    ///     with whatever error the fit has left (the coefficients only at second order in the
    ///     deviance).
    /// - Throws: ``GLMError`` if the null model cannot be fitted (an outcome the family cannot
    ///   take, separation, non-convergence); ``TrialAnalysis/TrialAnalysisError/emptyArm(_:dropped:)``
    ///   if an arm has no unit; `LinearAlgebraError` if a factorisation fails.
    /// - Complexity: the null fit, O(n p₀²) per IRLS iteration, and O(n p₀²) for Q.
    public init(outcome: [Double], assignment: [Int], control: Int, armCount: Int, fixedDesign: Matrix,
                columnNames: [String]? = nil, nullModel: NullModel, offset: [Double]? = nil,
                iteration: IRLSControl = Self.nullModelIteration) throws {
        let n = outcome.count
        precondition(armCount >= 2 && control >= 0 && control < armCount, "ScoreRandomisationInference: control \(control) of \(armCount) arms")
        precondition(assignment.count == n && fixedDesign.rows == n,
                     "ScoreRandomisationInference: \(n) outcomes, \(assignment.count) assignments, \(fixedDesign.rows) design rows")
        precondition(assignment.allSatisfy { $0 >= 0 && $0 < armCount }, "ScoreRandomisationInference: an arm index is outside 0..<\(armCount)")
        for arm in 0 ..< armCount where !assignment.contains(arm) {
            throw TrialAnalysisError.emptyArm("\(arm)", dropped: 0)
        }
        let fit: GeneralisedLinearModel
        switch nullModel {
        case .logistic:
            fit = try GeneralisedLinearModel(design: fixedDesign, response: outcome, columnNames: columnNames,
                                             family: .binomial, offset: offset, control: iteration)
            theta = nil
        case .poisson:
            fit = try GeneralisedLinearModel(design: fixedDesign, response: outcome, columnNames: columnNames,
                                             family: .poisson, offset: offset, control: iteration)
            theta = nil
        case .negativeBinomial:
            let negativeBinomial = try NegativeBinomialModel(design: fixedDesign, response: outcome, columnNames: columnNames,
                                                             offset: offset, control: iteration)
            fit = negativeBinomial.model
            theta = negativeBinomial.theta
        }
        self.units = n
        self.armCount = armCount
        self.control = control
        self.assignment = assignment
        self.nullModel = nullModel
        self.nullFit = fit
        var position = [Int](repeating: -1, count: armCount)
        for (p, arm) in (0 ..< armCount).filter({ $0 != control }).enumerated() { position[arm] = p }
        armPosition = position

        // The weights and score contributions at the fitted means themselves (not the working
        // weights of the last iteration, which lag one step behind them).
        let means = Array(fit.fittedValues)
        var weights = [Double](repeating: 0, count: n), score = weights
        for i in 0 ..< n {
            let mu = means[i]
            switch nullModel {
            case .logistic:
                weights[i] = mu * (1 - mu)
                score[i] = outcome[i] - mu
            case .poisson:
                weights[i] = mu
                score[i] = outcome[i] - mu
            case .negativeBinomial:
                let scale = 1 + mu / theta!
                weights[i] = mu / scale
                score[i] = (outcome[i] - mu) / scale
            }
        }
        let root = weights.map { $0.squareRoot() }
        var scaled = fixedDesign.selectingColumns(fit.keptColumns)
        scaled.withUnsafeMutableBufferPointer { values in
            for j in 0 ..< fit.keptColumns.count {
                for i in 0 ..< n { values[j * n + i] *= root[i] }
            }
        }
        let q = try PivotedQR(scaled).thinQ()
        var columns: [[Double]] = [score, weights]
        for j in 0 ..< q.columns { columns.append(q.withUnsafeBufferPointer { values in (0 ..< n).map { values[j * n + $0] * root[$0] } }) }
        fixedColumns = Matrix(columns: columns)
    }
}
