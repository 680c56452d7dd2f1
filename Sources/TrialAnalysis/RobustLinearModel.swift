import LinearAlgebra

/// An ordinary least-squares fit with a heteroskedasticity- or cluster-robust covariance of its
/// coefficients: R estimatr's `lm_robust`, on a design matrix already built.
///
/// The fit is a blocked, multithreaded QR (`TallSkinnyLeastSquares`: TSQR for the triangular
/// factor, then R's limited pivoting on it) that drops aliased columns exactly as R's `lm`
/// does (their coefficients are NaN and they are named in ``droppedColumnNames``). The
/// covariance is a sandwich M B M with M = (XᵀX)⁻¹ from the QR factor; the HC meats are summed
/// block by block in the fit's own pass over the rows, the cluster meats on whole matrices
/// (BLAS `dsyrk`/`dgemm`). No n × n matrix is ever formed, except the blocks (I − H)ₛₛ of each
/// cluster that ``VarianceEstimator/cr2`` needs.
///
/// Estimates, standard errors and degrees of freedom agree with `estimatr::lm_robust` (version
/// 1.0.0) for every `se_type` it offers, unweighted and weighted, to 1e-12 relative on the
/// test fixtures. Weighted CR2 is clubSandwich's CR2 with an identity working model
/// (`inverse_var = FALSE`), which is what estimatr computes.
public struct RobustLinearModel: Sendable {
    /// The names of the design's columns, one per column.
    public let columnNames: [String]
    /// One coefficient per design column; NaN for a dropped (aliased) column.
    public let coefficients: Vector
    /// One standard error per design column; NaN for a dropped column.
    public let standardErrors: Vector
    /// One degree of freedom per design column (the same for all but ``VarianceEstimator/cr2``);
    /// NaN for a dropped column.
    public let degreesOfFreedom: Vector
    /// The covariance of the kept coefficients, rows and columns in the order of ``keptColumns``.
    public let covariance: Matrix
    /// The indices of the design columns kept by the QR factorisation, in increasing order.
    public let keptColumns: [Int]
    /// The indices of the design columns dropped as aliased, in increasing order.
    public let droppedColumns: [Int]
    /// The variance estimator used.
    public let estimator: VarianceEstimator
    /// The number of observations N.
    public let observationCount: Int
    /// The number of clusters S, or `nil` without clusters.
    public let clusterCount: Int?
    /// The residuals y − Xβ̂ (unweighted, also with weights).
    public let residuals: Vector

    /// The names of the dropped columns, in increasing column order.
    public var droppedColumnNames: [String] { droppedColumns.map { columnNames[$0] } }

    /// The rank K of the design.
    public var rank: Int { keptColumns.count }

    /// The denominator degrees of freedom for joint tests: N − K without clusters, S − 1 with
    /// them (as estimatr's F statistic uses, CR2 included).
    public var jointTestDegreesOfFreedom: Double {
        if let clusterCount { Double(clusterCount - 1) } else { Double(observationCount - rank) }
    }

    /// How close to 1 a leverage must be to count as 1, leaving HC2 and HC3 undefined.
    static let unitLeverageTolerance = 1e-12

    /// Fits y on the columns of X by OLS and estimates the coefficients' covariance.
    ///
    /// - Parameters:
    ///   - x: The N × p design matrix, with a column of ones for an intercept.
    ///   - y: The outcome, N values (a mismatch traps).
    ///   - columnNames: One name per column of `x` (a mismatch traps), used in results and errors.
    ///   - clusters: One cluster identifier per row for a clustered estimator (a count mismatch
    ///     traps); any integers, not necessarily contiguous or sorted. `nil` without clusters.
    ///   - weights: Positive weights for weighted least squares, one per row (a count mismatch
    ///     traps), or `nil`. The fit and every variance are computed on the rows scaled by
    ///     √wᵢ, as estimatr does; N counts rows, not weights.
    ///   - estimator: The variance estimator. A clustered one needs `clusters`.
    /// - Throws: ``TrialAnalysisError/clusters(_:)`` if a clustered estimator has no clusters or
    ///   only one, or an unclustered one is given clusters;
    ///   ``TrialAnalysisError/tooFewObservations(observations:coefficients:)`` if N ≤ K;
    ///   `LinearAlgebraError` if X or y is not finite or an eigendecomposition fails.
    /// - Complexity: O(N K²) for the fit and HC or CR0/stata variances; CR2 adds
    ///   O(Σₛ nₛ K² + K S² K) for its adjustment matrices and degrees of freedom (weighted: plus
    ///   O(Σₛ nₛ³) for the eigendecompositions of its nₛ × nₛ blocks).
    public init(
        design x: Matrix,
        response y: Vector,
        columnNames: [String],
        clusters: [Int]? = nil,
        weights: Vector? = nil,
        estimator: VarianceEstimator = .hc2
    ) throws {
        precondition(columnNames.count == x.columns, "RobustLinearModel: \(x.columns) columns, \(columnNames.count) names")
        precondition(y.count == x.rows, "RobustLinearModel: X has \(x.rows) rows, y has \(y.count)")
        if let clusters { precondition(clusters.count == x.rows, "RobustLinearModel: \(x.rows) rows, \(clusters.count) cluster ids") }
        if estimator.isClustered && clusters == nil {
            throw TrialAnalysisError.clusters("the \(estimator) variance needs a cluster for each observation")
        }
        if !estimator.isClustered && clusters != nil {
            throw TrialAnalysisError.clusters("the \(estimator) variance does not use clusters; choose CR0, stata or CR2")
        }

        var x = x, y = y
        var rootWeights: [Double]? = nil
        if let weights {
            precondition(weights.count == x.rows, "RobustLinearModel: \(x.rows) rows, \(weights.count) weights")
            let roots = weights.map { $0.squareRoot() }
            x.scaleRows(by: roots)
            y = Vector(zip(y, roots).map { $0 * $1 })
            rootWeights = roots
        }
        // The HC meats are summed in the fit's own pass over the rows (no n × K copy of X).
        // A leverage of 1 (a person alone in an arm, say) leaves HC2 and HC3 undefined: R's QR
        // gives 0 / 0 there, and the NaN spreads to every standard error, as in estimatr. The
        // blocked QR's leverage can miss 1 by a few ulps, so within 1e-12 of 1 counts as 1.
        let sandwichWeight: TallSkinnyLeastSquares.RowWeight? = switch estimator {
        case .hc0, .hc1: { residual, _ in residual * residual }
        case .hc2: { residual, leverage in
            1 - leverage <= Self.unitLeverageTolerance ? .nan : residual * residual / (1 - leverage) }
        case .hc3: { residual, leverage in
            1 - leverage <= Self.unitLeverageTolerance ? .nan : residual * residual / ((1 - leverage) * (1 - leverage)) }
        case .classical, .cr0, .stata, .cr2: nil
        }
        let fit = try TallSkinnyLeastSquares(x, y, columnNames: columnNames, sandwichWeight: sandwichWeight)
        let kept = fit.keptColumns
        let n = x.rows, k = kept.count
        guard n > k else { throw TrialAnalysisError.tooFewObservations(observations: n, coefficients: k) }
        let bread = fit.unscaledCovariance()
        let residuals = fit.residuals  // √w-scaled with weights

        var covariance: Matrix
        var perCoefficientDF: [Double]? = nil
        var clusterCount: Int? = nil
        switch estimator {
        case .classical:
            covariance = bread * (fit.residualSumOfSquares / Double(n - k))
        case .hc0, .hc1, .hc2, .hc3:
            // M (Σ ωᵢ xᵢxᵢᵀ) M from the fit's row pass: U = X R₁₁⁻¹ a block at a time gives the
            // leverages ‖uᵢ‖² and UᵀΩU, and M XᵀΩX M = R₁₁⁻¹ (UᵀΩU) R₁₁⁻ᵀ.
            covariance = fit.sandwichCovariance!
            if estimator == .hc1 { covariance *= Double(n) / Double(n - k) }
        case .cr0, .stata, .cr2:
            let groups = ClusterGroups(clusters!)
            guard groups.count >= 2 else {
                throw TrialAnalysisError.clusters("cluster-robust variance needs at least two clusters; all \(n) observations are in one")
            }
            clusterCount = groups.count
            let xKept = kept.count == x.columns ? x : x.selectingColumns(kept)
            if estimator == .cr2 {
                // CR2 works with the unweighted design and residuals and the weights themselves.
                var design = xKept, unweightedResiduals = residuals
                if let rootWeights {
                    let inverse = rootWeights.map { 1 / $0 }
                    design.scaleRows(by: inverse)
                    unweightedResiduals = Vector(zip(residuals, inverse).map { $0 * $1 })
                }
                let cr2 = try BellMcCaffrey(design: design, residuals: unweightedResiduals,
                                            weights: weights.map(Array.init), bread: bread, groups: groups)
                covariance = cr2.covariance
                perCoefficientDF = cr2.degreesOfFreedom
            } else {
                let scores = groups.sums(of: xKept, weightedBy: residuals)
                covariance = Self.sandwich(bread: bread, meat: scores.gram())
                if estimator == .stata {
                    let s = Double(groups.count)
                    covariance *= Double(n - 1) / Double(n - k) * s / (s - 1)
                }
            }
        }

        var coefficients = fit.coefficients
        var standardErrors = Vector(repeating: .nan, count: x.columns)
        var degreesOfFreedom = Vector(repeating: .nan, count: x.columns)
        for (position, column) in kept.enumerated() {
            standardErrors[column] = covariance[position, position].squareRoot()
            degreesOfFreedom[column] = perCoefficientDF?[position]
                ?? (clusterCount.map { Double($0 - 1) } ?? Double(n - k))
        }
        for column in fit.droppedColumns { coefficients[column] = .nan }

        self.columnNames = columnNames
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.degreesOfFreedom = degreesOfFreedom
        self.covariance = covariance
        self.keptColumns = kept
        self.droppedColumns = fit.droppedColumns
        self.estimator = estimator
        self.observationCount = n
        self.clusterCount = clusterCount
        self.residuals = rootWeights.map { roots in Vector(zip(residuals, roots).map { $0 / $1 }) } ?? residuals
    }

    /// M B M with both products as BLAS `dgemm`, symmetrised to remove rounding asymmetry.
    static func sandwich(bread: Matrix, meat: Matrix) -> Matrix {
        let product = bread * meat * bread
        return (product + product.transposed()) * 0.5
    }
}

extension Matrix {
    /// Multiplies row i by `factors[i]`, column by column over contiguous storage.
    mutating func scaleRows(by factors: [Double]) {
        precondition(factors.count == rows, "scaleRows: \(rows) rows, \(factors.count) factors")
        let rows = self.rows, columns = self.columns
        withUnsafeMutableBufferPointer { a in
            factors.withUnsafeBufferPointer { f in
                for j in 0 ..< columns {
                    let base = j * rows
                    for i in 0 ..< rows { a[base + i] *= f[i] }
                }
            }
        }
    }
}
