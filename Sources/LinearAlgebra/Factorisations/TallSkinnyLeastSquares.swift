// Least squares for designs with many more rows than columns: a blocked QR of [X y] (TSQR) for
// the triangular factor, R's limited pivoting on that small factor, then one blocked pass over X.

/// A least-squares fit of y on the columns of a tall, narrow X (many rows, few columns), with
/// the residuals, the leverages and optionally a sandwich covariance, in two passes over X.
///
/// The result is that of ``LeastSquares`` with ``PivotedQR/Pivoting/limited`` pivoting, so the
/// same aliased columns are dropped as by R's `lm`, but computed for speed on large data:
///
/// 1. **Triangular factor.** The (p + 1) × (p + 1) factor R of [X y], with one read of X
///    (where the column-by-column QR reads X once per column), on as many threads as
///    ``BLASThreads/count`` allows. When every column of X keeps at least 1% of its length
///    after projecting out the earlier ones (X well conditioned, the usual trial design), R is
///    the Cholesky factor of [X y]ᵀ[X y], summed block by block of rows with `dsyrk`; its
///    relative error is then about κ²ε ≤ 1e-11 and no column is near R's tolerance, so the
///    results and the columns dropped are those of the QR. Otherwise [X y] is reduced block by
///    block of rows (a block fits in cache) with LAPACK `dtpqrt`, each block stacked under the
///    factor so far (TSQR), which is backward stable whatever the conditioning.
/// 2. **Rank.** R's limited pivoting (``PivotedQR``) runs on the first p columns of that small
///    factor. Column norms and the norms left after projecting out earlier columns are the
///    same for R as for X (X = QR with orthonormal Q), so the columns dropped are the ones
///    `dqrdc2` drops on X itself. Its reflectors applied to R's last column give the effects,
///    and the coefficients follow from R₁₁.
/// 3. **Rows.** One more blocked pass forms U = X_kept R₁₁⁻¹ a block at a time (`dgemm` from X's
///    own storage): the residuals are y − Uz (z the first ``rank`` effects), the leverages
///    ‖uᵢ‖², and, when a row weight ωᵢ is given, UᵀΩU is summed with `dsyrk`, so that the
///    sandwich (XᵀX)⁻¹(Σ ωᵢxᵢxᵢᵀ)(XᵀX)⁻¹ = R₁₁⁻¹(UᵀΩU)R₁₁⁻ᵀ needs no n × p copy of X.
///
/// Rows are split into fixed chunks whose results are combined in chunk order, so results do
/// not depend on the thread count. They agree with ``LeastSquares`` to rounding (about 1e-14
/// relative on well-conditioned data); R's signs and the last bits of R₁₁ may differ, as they
/// would between any two QR algorithms. Q is never formed: use ``LeastSquares`` for the
/// effects Qᵀy beyond the kept columns or for products with Q.
public struct TallSkinnyLeastSquares: Sendable {
    /// A row weight ωᵢ of the sandwich, from row i's residual eᵢ and leverage hᵢᵢ: eᵢ² for HC0,
    /// eᵢ² / (1 − hᵢᵢ) for HC2, eᵢ² / (1 − hᵢᵢ)² for HC3. It must not be negative; it is called
    /// from several threads at once.
    public typealias RowWeight = @Sendable (_ residual: Double, _ leverage: Double) -> Double

    /// The number of rows of X.
    public let rows: Int

    /// The number of columns of X.
    public let columns: Int

    /// The rows of [X y] per block of the triangular-factor pass.
    public let rowBlockSize: Int

    /// One coefficient per column of X, NaN for the dropped (aliased) columns.
    public let coefficients: Vector

    /// The residuals y − Xβ.
    public let residuals: Vector

    /// The leverages hᵢᵢ, the diagonal of X_kept(X_keptᵀX_kept)⁻¹X_keptᵀ, as R's `hatvalues()`.
    public let leverages: Vector

    /// (X_keptᵀX_kept)⁻¹ (Σᵢ ωᵢ xᵢxᵢᵀ) (X_keptᵀX_kept)⁻¹ over the kept columns, rows and columns
    /// in the order of ``keptColumns``, for the `sandwichWeight` given at initialisation; `nil`
    /// without one.
    public let sandwichCovariance: Matrix?

    /// Limited-pivoting QR of the first p columns of [X y]'s triangular factor: it holds the
    /// rank, the pivot and R₁₁.
    internal let triangularFactorisation: PivotedQR

    /// The default rows per block for a matrix of `columns` columns: a block of [X y] stays in
    /// a core's cache, and each LAPACK call stays below the size at which OpenBLAS would thread
    /// it itself (the blocks are already spread over threads).
    ///
    /// - Parameter columns: The number of columns of X, at least 0.
    /// - Returns: Between 64 and 1024 rows.
    public static func defaultRowBlockSize(columns: Int) -> Int {
        TallSkinnyReduction.defaultBlockRows(columns: columns + 1)
    }

    /// Fits y on the columns of X by least squares, in blocks of rows on several threads.
    ///
    /// - Parameters:
    ///   - x: The m × p design matrix X, one column per regressor (include a column of ones for
    ///     an intercept). Any shape works; the method pays off when m is much larger than p.
    ///   - y: The response, with m elements (a mismatch traps).
    ///   - tolerance: The relative tolerance of R's limited pivoting, in (0, 1). Defaults to
    ///     `1e-7`, the default of R's `lm`.
    ///   - columnNames: Optional names of X's columns (one per column; a wrong count traps),
    ///     used in errors.
    ///   - policy: What to do if X is rank deficient. Defaults to
    ///     ``LeastSquares/RankDeficiencyPolicy/dropAliasedColumns``.
    ///   - rowBlockSize: Rows per block of the triangular-factor pass, at least 1; `nil` (the
    ///     default) chooses ``defaultRowBlockSize(columns:)``. The row pass uses blocks of at
    ///     most this size. Results differ only by rounding between block sizes.
    ///   - sandwichWeight: A row weight for ``sandwichCovariance``, or `nil` (the default) for
    ///     none.
    /// - Throws: ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if X or y
    ///   holds NaN or an infinity (naming the column of X and the row);
    ///   ``LinearAlgebraError/rankDeficient(routine:rank:droppedColumns:)`` if X is rank
    ///   deficient and `policy` is ``LeastSquares/RankDeficiencyPolicy/throwError``.
    /// - Complexity: O(m × p²) time in two reads of X (three when X is not well conditioned and
    ///   the first pass falls back to Householder steps), and O(m + p²) memory besides X: the
    ///   residuals and leverages, and a block buffer per thread.
    public init(
        _ x: Matrix,
        _ y: Vector,
        tolerance: Double = 1e-7,
        columnNames: [String]? = nil,
        whenRankDeficient policy: LeastSquares.RankDeficiencyPolicy = .dropAliasedColumns,
        rowBlockSize: Int? = nil,
        sandwichWeight: RowWeight? = nil
    ) throws {
        precondition(y.count == x.rows, "TallSkinnyLeastSquares: X has \(x.rows) rows, y has \(y.count) elements")
        precondition(tolerance > 0 && tolerance < 1, "TallSkinnyLeastSquares: tolerance \(tolerance) is not in (0, 1)")
        if let columnNames {
            precondition(columnNames.count == x.columns,
                         "TallSkinnyLeastSquares: \(columnNames.count) column names for \(x.columns) columns")
        }
        let p = x.columns, k = p + 1
        let blockRows = rowBlockSize ?? Self.defaultRowBlockSize(columns: p)
        precondition(blockRows >= 1, "TallSkinnyLeastSquares: row block size \(blockRows) is below 1")

        guard let factor = TallSkinnyGram.triangularFactor(of: x, appending: y, blockRows: blockRows)
            ?? TallSkinnyReduction.triangularFactor(of: x, appending: y, blockRows: blockRows) else {
            // Find and name the first non-finite value; X and y are read again only on this path.
            try requireFinite(x, routine: .dtpqrt, argument: "A", columnNames: columnNames)
            try requireFinite(y, routine: .dtpqrt, argument: "y")
            preconditionFailure("TallSkinnyLeastSquares: a block was not finite, but X and y are")
        }
        let r = Matrix(rows: k, columns: k, columnMajor: factor)
        guard let qr = try? PivotedQR(r.selectingColumns(0 ..< p), pivoting: .limited, tolerance: tolerance,
                                      columnNames: columnNames) else {
            // Finite X and y whose factor overflowed (values near the largest Double).
            throw LinearAlgebraError.nonFinite(routine: LAPACKRoutine.dtpqrt.rawValue, argument: "R", count: 1,
                                               row: 0, column: nil)
        }
        if policy == .throwError { try qr.requireFullRank() }

        let rank = qr.rank
        let effects = qr.applyingQTransposed(to: r.column(p))
        let keptEffects = Vector(effects.prefix(rank))
        let r11 = qr.r
        let kept = try r11.solveTriangular(keptEffects, triangle: .upper)
        var coefficients = Vector(repeating: .nan, count: p)
        for (position, value) in kept.enumerated() { coefficients[qr.pivot[position]] = value }

        // G = R₁₁⁻¹ placed on the rows of the kept columns, zero on the dropped ones, so that
        // XG = X_kept R₁₁⁻¹ reads X in place.
        let inverse = try r11.solveTriangular(.identity(rank), triangle: .upper)
        var g = [Double](repeating: 0, count: p * rank)
        for position in 0 ..< rank {
            for j in 0 ..< rank { g[j * p + qr.pivot[position]] = inverse[position, j] }
        }
        // All columns kept in their own order: U solves UR₁₁ = X, half the work of X R₁₁⁻¹.
        let inOrder = rank == p && qr.pivot == Array(0 ..< p)
        let rowPass = TallSkinnyReduction.basisRows(
            of: x, response: y, times: g, triangular: inOrder ? r11.columnMajorElements : nil, rank: rank,
            effects: Array(keptEffects),
            blockRows: TallSkinnyReduction.basisBlockRows(columns: p, rank: rank, limit: blockRows),
            weight: sandwichWeight)

        self.rows = x.rows
        self.columns = p
        self.rowBlockSize = blockRows
        self.coefficients = coefficients
        self.residuals = rowPass.residuals
        self.leverages = rowPass.leverages
        self.triangularFactorisation = qr
        self.sandwichCovariance = rowPass.weightedGram.map { gram in
            Self.sandwich(inverse: inverse, gram: Matrix(rows: rank, columns: rank, columnMajor: gram), pivot: qr.pivot)
        }
    }

    /// R₁₁⁻¹ (UᵀΩU) R₁₁⁻ᵀ, symmetrised, rows and columns reordered from pivot order to
    /// increasing column index.
    private static func sandwich(inverse: Matrix, gram: Matrix, pivot: [Int]) -> Matrix {
        let product = inverse * gram.multiplied(by: inverse, transposingOther: true)
        let rank = inverse.rows
        let order = (0 ..< rank).sorted { pivot[$0] < pivot[$1] }
        var result = Matrix(rows: rank, columns: rank)
        for (a, i) in order.enumerated() {
            for (b, j) in order.enumerated() { result[a, b] = 0.5 * (product[i, j] + product[j, i]) }
        }
        return result
    }
}

// MARK: - Rank and columns

extension TallSkinnyLeastSquares {
    /// The numerical rank of X: the number of kept columns.
    public var rank: Int { triangularFactorisation.rank }

    /// The column permutation: the first ``rank`` entries are the kept columns, in their
    /// original order, then the dropped ones, as R's `qr()$pivot`.
    public var pivot: [Int] { triangularFactorisation.pivot }

    /// The relative tolerance used to decide the rank.
    public var tolerance: Double { triangularFactorisation.tolerance }

    /// The column names given at initialisation, used to name columns in errors.
    public var columnNames: [String]? { triangularFactorisation.columnNames }

    /// Whether every column was kept.
    public var isFullRank: Bool { rank == columns }

    /// The original indices of the kept columns, in increasing order.
    public var keptColumns: [Int] { triangularFactorisation.keptColumns }

    /// The original indices of the dropped (aliased) columns, in increasing order.
    public var droppedColumns: [Int] { triangularFactorisation.droppedColumns }

    /// Throws if any column was dropped.
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(routine:rank:droppedColumns:)`` naming the
    ///   dropped columns.
    public func requireFullRank() throws {
        try triangularFactorisation.requireFullRank()
    }

    /// The coefficients of the kept columns, in the order of ``keptColumns``.
    public var keptCoefficients: Vector { Vector(keptColumns.map { coefficients[$0] }) }

    /// R₁₁: the ``rank`` × ``rank`` upper-triangular factor of the kept columns, in pivot order,
    /// with R₁₁ᵀR₁₁ = X_keptᵀX_kept (up to the signs of its rows, the R of ``PivotedQR``).
    ///
    /// - Complexity: O(rank²).
    public var r: Matrix { triangularFactorisation.r }

    /// The residual sum of squares ‖y − Xβ‖².
    public var residualSumOfSquares: Double { residuals.dot(residuals) }

    /// The residual degrees of freedom, m − rank.
    public var residualDegreesOfFreedom: Int { rows - rank }

    /// Returns (X_keptᵀX_kept)⁻¹, rows and columns in the order of ``keptColumns``: R's
    /// `summary(fit)$cov.unscaled`.
    ///
    /// - Complexity: O(rank³).
    public func unscaledCovariance() -> Matrix {
        triangularFactorisation.unscaledCovariance()
    }
}
