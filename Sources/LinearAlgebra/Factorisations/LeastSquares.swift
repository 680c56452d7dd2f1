// Linear least squares through the pivoted QR factorisation, in the manner of R's lm.fit.

/// A least-squares fit of y on the columns of X, computed from a rank-revealing QR
/// factorisation as R's `lm.fit` does.
///
/// Minimises ‖y − Xβ‖². Aliased columns (linearly dependent on earlier ones, by the rule of
/// ``PivotedQR/Pivoting/limited``) are dropped, and their coefficients reported as NaN, like
/// R's `NA`; or, with ``RankDeficiencyPolicy/throwError``, the fit throws naming them.
///
/// Besides the coefficients it keeps what regression variances need later: the residuals, the
/// effects Qᵀy, (X_keptᵀX_kept)⁻¹ (``unscaledCovariance()``) and the leverages
/// (``leverages()``), all without forming an m × m matrix. With the default settings the
/// results agree with R's `lm` (`coef`, `residuals`, `effects`, `summary()$cov.unscaled`,
/// `hatvalues`) to rounding.
public struct LeastSquares: Sendable {
    /// What to do when X does not have full column rank.
    public enum RankDeficiencyPolicy: Hashable, Sendable {
        /// Drop the aliased columns and report their coefficients as NaN, as R's `lm` does.
        case dropAliasedColumns
        /// Throw ``LinearAlgebraError/rankDeficient(routine:rank:droppedColumns:)``.
        case throwError
    }

    /// The QR factorisation of X.
    public let decomposition: PivotedQR

    /// One coefficient per column of X, NaN for the dropped (aliased) columns.
    public let coefficients: Vector

    /// Qᵀy: R's effects. The first ``rank`` are in pivot order.
    public let effects: Vector

    /// The residuals y − Xβ, computed as Q applied to the last m − rank effects (as R does).
    public let residuals: Vector

    /// The fitted values Xβ = y − residuals.
    public let fittedValues: Vector

    /// Fits y on the columns of X by least squares.
    ///
    /// - Parameters:
    ///   - x: The m × n design matrix X, one column per regressor (include a column of ones for
    ///     an intercept).
    ///   - y: The response, with m elements (a mismatch traps).
    ///   - pivoting: The rank-revealing strategy. Defaults to ``PivotedQR/Pivoting/limited``,
    ///     which drops the same columns as R's `lm`.
    ///   - tolerance: The relative tolerance for the rank decision, in (0, 1). Defaults to
    ///     `1e-7`, the default of R's `lm`.
    ///   - columnNames: Optional names of X's columns (one per column), used in errors.
    ///   - policy: What to do if X is rank deficient. Defaults to
    ///     ``RankDeficiencyPolicy/dropAliasedColumns``.
    /// - Throws: ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if X or y
    ///   holds NaN or an infinity (naming the column of X);
    ///   ``LinearAlgebraError/rankDeficient(routine:rank:droppedColumns:)`` if X is rank
    ///   deficient and `policy` is ``RankDeficiencyPolicy/throwError``.
    /// - Complexity: O(m × n²).
    public init(
        _ x: Matrix,
        _ y: Vector,
        pivoting: PivotedQR.Pivoting = .limited,
        tolerance: Double = 1e-7,
        columnNames: [String]? = nil,
        whenRankDeficient policy: RankDeficiencyPolicy = .dropAliasedColumns
    ) throws {
        precondition(y.count == x.rows, "LeastSquares: X has \(x.rows) rows, y has \(y.count) elements")
        try requireFinite(y, routine: .dormqr, argument: "y")
        let qr = try PivotedQR(x, pivoting: pivoting, tolerance: tolerance, columnNames: columnNames)
        if policy == .throwError { try qr.requireFullRank() }

        let effects = qr.applyingQTransposed(to: y)
        let rank = qr.rank
        // R₁₁ β_kept = (Qᵀy)[0..<rank]; β_kept is in pivot order.
        let keptEffects = Vector(effects.prefix(rank))
        let kept = try qr.r.solveTriangular(keptEffects, triangle: .upper)
        var coefficients = Vector(repeating: .nan, count: x.columns)
        for (position, value) in kept.enumerated() { coefficients[qr.pivot[position]] = value }

        var residualEffects = effects
        for i in 0 ..< rank { residualEffects[i] = 0 }
        let residuals = qr.applyingQ(to: residualEffects)

        self.decomposition = qr
        self.coefficients = coefficients
        self.effects = effects
        self.residuals = residuals
        self.fittedValues = y - residuals
    }
}

extension LeastSquares {
    /// The numerical rank of X: the number of kept columns.
    public var rank: Int { decomposition.rank }

    /// The original indices of the kept columns, in increasing order.
    public var keptColumns: [Int] { decomposition.keptColumns }

    /// The original indices of the dropped (aliased) columns, in increasing order.
    public var droppedColumns: [Int] { decomposition.droppedColumns }

    /// The coefficient of column `index`, or `nil` if that column was dropped as aliased.
    ///
    /// - Parameter index: A column index of X (out of range traps).
    /// - Returns: The estimate, or `nil` for an aliased column.
    public func coefficient(_ index: Int) -> Double? {
        let value = coefficients[index]
        return decomposition.pivot[..<rank].contains(index) ? value : nil
    }

    /// The coefficients of the kept columns, in the order of ``keptColumns``: the order of the
    /// rows and columns of ``unscaledCovariance()``.
    public var keptCoefficients: Vector {
        Vector(keptColumns.map { coefficients[$0] })
    }

    /// The residual sum of squares ‖y − Xβ‖².
    public var residualSumOfSquares: Double { residuals.dot(residuals) }

    /// The residual degrees of freedom, m − rank.
    public var residualDegreesOfFreedom: Int { decomposition.rows - rank }

    /// Returns (X_keptᵀX_kept)⁻¹, rows and columns in the order of ``keptColumns``.
    ///
    /// This is R's `summary(fit)$cov.unscaled`; times σ̂² = RSS / (m − rank) it is the classical
    /// covariance of ``keptCoefficients``.
    ///
    /// - Complexity: O(rank³).
    public func unscaledCovariance() -> Matrix {
        decomposition.unscaledCovariance()
    }

    /// Returns the leverages hᵢᵢ (R's `hatvalues`), from the thin Q without forming the hat
    /// matrix.
    ///
    /// - Complexity: O(m × rank²) time, O(m × rank) memory.
    public func leverages() -> Vector {
        decomposition.leverages()
    }
}
