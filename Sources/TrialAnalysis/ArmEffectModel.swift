import DataTables
import LinearAlgebra

/// The specification of an outcome analysis: each intervention arm against control, by OLS on
/// arm indicators with optional covariate adjustment and a robust or cluster-robust variance.
///
/// ``fit(_:)`` regresses the outcome on an intercept and one indicator per intervention arm
/// (named `<arm column><level>`, as R names factor dummies), plus the covariates as
/// ``adjustment`` says. Each arm's coefficient estimates its average treatment effect against
/// control, assuming only that arms were randomised (with clusters: that whole clusters were).
/// The estimates and their inference agree with R estimatr:
/// - ``CovariateAdjustment/none``: `lm_robust(y ~ arm)`; with HC2 the estimates and standard
///   errors equal `difference_in_means(y ~ arm, condition1 = control, condition2 = a)`.
/// - ``CovariateAdjustment/additive``: `lm_robust(y ~ arm + x1 + x2 ...)`.
/// - ``CovariateAdjustment/lin``: `lm_lin(y ~ arm, covariates = ~ x1 + x2 ...)`.
///
/// With ``blocks`` (strata), block fixed effects are added (`lm_robust(..., fixed_effects =
/// ~ block)`), so each arm's effect is estimated within blocks. With ``weights`` (for example
/// inverse assignment probabilities when they differ by stratum) the fit is weighted least
/// squares, as `lm_robust(..., weights = w)`; Lin's covariates are then centred at their
/// weighted means. (Lin with blocks adds the block indicators to `lm_lin`'s design; estimatr's
/// `lm_lin` has no fixed effects, so that one combination has no estimatr reference.)
///
/// Rows with a missing outcome, arm, cluster, block or covariate are dropped and counted, as
/// estimatr does by default. Covariates that are collinear with earlier columns are dropped and named,
/// as R does.
public struct ArmEffectModel: Sendable, Hashable {
    /// The outcome column (numeric).
    public var outcome: String
    /// The arm column: names (text) or numbers.
    public var arm: String
    /// The control arm's value in the arm column (a number is matched numerically).
    public var control: String
    /// Numeric baseline covariates.
    public var covariates: [String]
    /// How the covariates enter; ignored (treated as ``CovariateAdjustment/none``) without
    /// covariates.
    public var adjustment: CovariateAdjustment
    /// The cluster column, for cluster-randomised designs, or `nil`.
    public var cluster: String?
    /// The block (stratum) column, for block fixed effects, or `nil`.
    public var blocks: String?
    /// A column of positive weights (such as inverse assignment probabilities) for weighted
    /// least squares, or `nil`.
    public var weights: String?
    /// The variance estimator, or `nil` for the default: HC2 without clusters, CR2 with them.
    public var variance: VarianceEstimator?
    /// The confidence level of the intervals, in (0, 1).
    public var confidenceLevel: Double

    /// Creates a specification.
    ///
    /// - Parameters:
    ///   - outcome: The outcome column.
    ///   - arm: The arm column.
    ///   - control: The control arm's value.
    ///   - covariates: Covariate columns; default none.
    ///   - adjustment: Default ``CovariateAdjustment/lin`` (used only with covariates).
    ///   - cluster: The cluster column; default none.
    ///   - blocks: The block (stratum) column for fixed effects; default none.
    ///   - weights: A column of positive weights; default none.
    ///   - variance: Default `nil`: HC2, or CR2 with a cluster.
    ///   - confidenceLevel: Default 0.95.
    public init(outcome: String, arm: String, control: String, covariates: [String] = [],
                adjustment: CovariateAdjustment = .lin, cluster: String? = nil, blocks: String? = nil,
                weights: String? = nil, variance: VarianceEstimator? = nil, confidenceLevel: Double = 0.95) {
        self.outcome = outcome
        self.arm = arm
        self.control = control
        self.covariates = covariates
        self.adjustment = adjustment
        self.cluster = cluster
        self.blocks = blocks
        self.weights = weights
        self.variance = variance
        self.confidenceLevel = confidenceLevel
    }

    /// The estimator that ``fit(_:)`` uses.
    public var resolvedVariance: VarianceEstimator {
        variance ?? .default(clustered: cluster != nil)
    }

    /// The adjustment that ``fit(_:)`` uses: ``CovariateAdjustment/none`` without covariates.
    public var resolvedAdjustment: CovariateAdjustment {
        covariates.isEmpty ? .none : adjustment
    }

    /// Estimates each intervention arm's effect against control.
    ///
    /// - Parameter table: The trial data, one row per person.
    /// - Returns: One ``ArmEffect`` per intervention arm, the joint test and the whole fit.
    /// - Throws: ``TrialAnalysisError`` for a missing or non-numeric column, an infinite value,
    ///   an unknown control, an arm left empty or not estimable, a clustered variance without
    ///   two or more clusters, or a bad confidence level; `LinearAlgebraError` if a
    ///   factorisation fails.
    /// - Complexity: O(N K²) with K design columns (see ``RobustLinearModel`` for CR2).
    public func fit(_ table: DataTable) throws -> ArmEffects {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw TrialAnalysisError.confidenceLevel(confidenceLevel)
        }
        let estimator = resolvedVariance
        if estimator.isClustered && cluster == nil {
            throw TrialAnalysisError.clusters("the \(estimator) variance needs a cluster column")
        }
        if !estimator.isClustered && cluster != nil {
            throw TrialAnalysisError.clusters("with a cluster column the variance must be CR0, stata or CR2, not \(estimator)")
        }
        let sample = try AnalysisSample(table: table, outcome: outcome, arm: arm, control: control,
                                        covariates: covariates, cluster: cluster, blocks: blocks,
                                        weights: weights)
        let design = DesignMatrix(sample: sample, armColumn: arm, blockColumn: blocks, covariateNames: covariates,
                                  adjustment: resolvedAdjustment)
        let model = try RobustLinearModel(design: design.matrix, response: Vector(sample.outcome),
                                          columnNames: design.columnNames, clusters: sample.clusters,
                                          weights: sample.weights.map { Vector($0) },
                                          estimator: estimator)

        let armColumns = design.armColumns
        for (a, column) in armColumns.enumerated() where model.coefficients[column].isNaN {
            let others = model.droppedColumnNames.filter { $0 != design.columnNames[column] }
            throw TrialAnalysisError.armNotEstimable(
                sample.interventionArms[a],
                reason: (blocks == nil
                    ? "its indicator is a linear combination of the intercept and the other arms"
                    : "its indicator is a linear combination of the intercept, the block indicators and the other arms (the arm is confounded with the blocks in '\(blocks!)')")
                    + (others.isEmpty ? "" : " (also dropped: \(others.joined(separator: ", ")))"))
        }
        let inferences = armColumns.map { model.inference(forColumn: $0, level: confidenceLevel)! }
        let holm = holmAdjusted(inferences.map(\.pValue))
        let dunnett = model.dunnettAdjustment(columns: armColumns, level: confidenceLevel)
        let effects = inferences.enumerated().map { a, inference in
            ArmEffect(arm: sample.interventionArms[a], observationCount: sample.armCounts[a + 1],
                      inference: inference, holmPValue: holm[a], dunnettPValue: dunnett.pValues[a],
                      simultaneousLowerBound: dunnett.lowerBounds[a], simultaneousUpperBound: dunnett.upperBounds[a])
        }
        return ArmEffects(
            specification: self, estimator: estimator, adjustment: resolvedAdjustment,
            control: sample.controlName, controlCount: sample.armCounts[0],
            observationCount: sample.count, droppedCount: sample.droppedCount,
            clusterCount: model.clusterCount, droppedColumns: model.droppedColumnNames,
            effects: effects, jointTest: try? model.waldTest(columns: armColumns), dunnett: dunnett, model: model)
    }
}

/// One intervention arm's effect against control.
public struct ArmEffect: Sendable, Hashable {
    /// The arm's name (its level in the arm column).
    public let arm: String
    /// The number of complete rows in the arm.
    public let observationCount: Int
    /// The estimate, its standard error, t test and confidence interval.
    public let inference: CoefficientInference
    /// The Holm-adjusted p-value across all intervention arms.
    public let holmPValue: Double
    /// Dunnett's single-step adjusted p-value across all intervention arms (see
    /// ``DunnettAdjustment``); NaN where the arm's statistic is undefined.
    public let dunnettPValue: Double
    /// The lower limit of the simultaneous (Dunnett) confidence interval at the chosen level.
    public let simultaneousLowerBound: Double
    /// The upper limit of the simultaneous (Dunnett) confidence interval at the chosen level.
    public let simultaneousUpperBound: Double

    /// The estimated average effect against control.
    public var estimate: Double { inference.estimate }
    /// Its standard error.
    public var standardError: Double { inference.standardError }
    /// The t statistic.
    public var statistic: Double { inference.statistic }
    /// The degrees of freedom of the t reference distribution.
    public var degreesOfFreedom: Double { inference.degreesOfFreedom }
    /// The two-sided p-value.
    public var pValue: Double { inference.pValue }
    /// The lower confidence limit.
    public var lowerBound: Double { inference.lowerBound }
    /// The upper confidence limit.
    public var upperBound: Double { inference.upperBound }
}

/// The result of ``ArmEffectModel/fit(_:)``: one row per intervention arm and a joint test.
public struct ArmEffects: Sendable {
    /// The specification that was fitted.
    public let specification: ArmEffectModel
    /// The variance estimator used.
    public let estimator: VarianceEstimator
    /// The covariate adjustment used.
    public let adjustment: CovariateAdjustment
    /// The control arm's name.
    public let control: String
    /// The number of complete rows in control.
    public let controlCount: Int
    /// The number of complete rows analysed, N.
    public let observationCount: Int
    /// The number of rows dropped for a missing outcome, arm, cluster, block, weight or covariate.
    public let droppedCount: Int
    /// The number of clusters, or `nil` without clusters.
    public let clusterCount: Int?
    /// Design columns dropped as collinear (covariates, or their interactions), in design order.
    public let droppedColumns: [String]
    /// One row per intervention arm, in the order of the arm column's levels.
    public let effects: [ArmEffect]
    /// The Wald F test that every arm equals control, with the chosen variance; denominator
    /// degrees of freedom N − K, or S − 1 with clusters (as estimatr's F statistic). `nil` when
    /// the arms' covariance is singular or undefined, as with HC2 or HC3 and an arm of one
    /// person (leverage 1).
    public let jointTest: WaldTest?
    /// Dunnett's many-to-one adjustment across the arms: the simultaneous critical value, its
    /// degrees of freedom and method, and each arm's adjusted p-value and its error.
    public let dunnett: DunnettAdjustment
    /// The whole regression: every coefficient, the covariance and the residuals.
    public let model: RobustLinearModel
}
