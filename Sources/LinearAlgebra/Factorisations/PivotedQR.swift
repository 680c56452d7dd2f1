// Rank-revealing QR factorisation with column pivoting: R-compatible limited pivoting (Householder
// steps with LAPACK dgeqrf and dormqr) or full pivoting (LAPACK dgeqp3).

internal import CLinearAlgebra

/// A QR factorisation with column pivoting, X P = Q R, that finds the numerical rank of X and
/// the columns that are aliased (linearly dependent on others).
///
/// The first ``rank`` columns of X P are the kept columns; their block R₁₁ of R is upper
/// triangular and nonsingular. The remaining columns are dropped: a regression on X reports
/// them as aliased, as R's `lm` reports `NA` coefficients.
///
/// Q is held as Householder reflectors and never formed in full; ``thinQ()`` forms only its
/// first ``rank`` columns.
public struct PivotedQR: Sendable {
    /// How columns are reordered to reveal the rank.
    public enum Pivoting: Hashable, Sendable {
        /// R's rule for `lm` and `qr(LAPACK = FALSE)` (LINPACK `dqrdc2`): columns are taken in
        /// their original order and a column is dropped (moved to the end) when the norm of what
        /// is left of it, after projecting out the kept columns before it, is below `tolerance`
        /// times its original norm. Of a set of collinear columns the later ones are dropped,
        /// which is what a regression wants: with X = [1, a, b, a + b] the fourth column goes.
        case limited

        /// LAPACK `dgeqp3`: at each step the remaining column with the largest norm comes next,
        /// and the rank is the number of diagonal elements of R with `|R[k, k]| > tolerance ×
        /// |R[0, 0]|`. Stabler for badly scaled problems, but which of a set of collinear
        /// columns it drops depends on their norms, not their order: with X = [1, a, b, a + b]
        /// it may drop `b`, unlike R.
        case full
    }

    /// The number of rows of the factorised matrix.
    public let rows: Int

    /// The number of columns of the factorised matrix.
    public let columns: Int

    /// The numerical rank: the number of kept columns, at most min(``rows``, ``columns``).
    public let rank: Int

    /// The column permutation P: `pivot[k]` is the original index of the k-th column of X P.
    ///
    /// The first ``rank`` entries are the kept columns. With ``Pivoting/limited`` they are in
    /// their original order, as in R's `qr()$pivot`.
    public let pivot: [Int]

    /// The pivoting strategy used.
    public let pivoting: Pivoting

    /// The relative tolerance used to decide the rank.
    public let tolerance: Double

    /// The column names given at factorisation, used to name columns in errors.
    public let columnNames: [String]?

    /// Q and R in LAPACK's compact form: R on and above the diagonal, the Householder vectors
    /// below it (as `dgeqrf` and `dgeqp3` leave them).
    internal let factors: Matrix

    /// The scalar factors of the Householder reflectors; the first ``rank`` define Q's kept part.
    internal let householderScales: [Double]

    /// Factorises a matrix and determines its numerical rank.
    ///
    /// A rank-deficient matrix is not an error here: ``rank``, ``keptColumns`` and
    /// ``droppedColumns`` describe it, and ``requireFullRank()`` throws if the caller needs full
    /// rank.
    ///
    /// - Parameters:
    ///   - matrix: The m × n matrix X (for a regression, the design matrix).
    ///   - pivoting: The rank-revealing strategy. Defaults to ``Pivoting/limited``, which
    ///     drops the same columns as R's `lm`.
    ///   - tolerance: The relative tolerance for the rank decision, in (0, 1); see ``Pivoting``
    ///     for how each strategy uses it. Defaults to `1e-7`, the default of R's `lm` and
    ///     `qr`.
    ///   - columnNames: Optional names of X's columns (one per column; a wrong count traps), used
    ///     in errors.
    /// - Throws: ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if X holds
    ///   NaN or an infinity, naming the column.
    /// - Complexity: O(m × n²) (2mn² − 2n³/3 flops for m ≥ n). ``Pivoting/limited`` uses
    ///   unblocked (level-2 BLAS) Householder steps, so for large n ``Pivoting/full`` is faster.
    public init(
        _ matrix: Matrix,
        pivoting: Pivoting = .limited,
        tolerance: Double = 1e-7,
        columnNames: [String]? = nil
    ) throws {
        precondition(tolerance > 0 && tolerance < 1, "PivotedQR: tolerance \(tolerance) is not in (0, 1)")
        if let columnNames {
            precondition(columnNames.count == matrix.columns,
                         "PivotedQR: \(columnNames.count) column names for \(matrix.columns) columns")
        }
        let routine: LAPACKRoutine = pivoting == .limited ? .dgeqrf : .dgeqp3
        try requireFinite(matrix, routine: routine, argument: "A", columnNames: columnNames)

        var factors = matrix
        let result = switch pivoting {
        case .limited: PivotedQR.factorInOrder(&factors, tolerance: tolerance)
        case .full: PivotedQR.factorWithFullPivoting(&factors, tolerance: tolerance)
        }
        self.rows = matrix.rows
        self.columns = matrix.columns
        self.rank = result.rank
        self.pivot = result.pivot
        self.pivoting = pivoting
        self.tolerance = tolerance
        self.columnNames = columnNames
        self.factors = factors
        self.householderScales = result.scales
    }

    /// Householder QR with R's limited column pivoting (the rule of LINPACK `dqrdc2`).
    ///
    /// Why not `dgeqp3` followed by a reordering: full pivoting decides *which* columns to drop
    /// by their norms, so for collinear columns it can drop an earlier one, and no reordering
    /// afterwards recovers R's choice. Instead this follows `dqrdc2` step by step: before
    /// column l is reduced, the norm of its remaining part (rows l..<m, after the reflectors
    /// of the kept columns before it) is compared with its original norm; a negligible column
    /// is rotated to the end, untouched by any later reflector of its own. Each kept column is
    /// then reduced with `dgeqrf` (one column: a single Householder reflector) and the
    /// reflector applied to every column to its right with `dormqr`. `dqrdc2` downdates the
    /// column norms; computing the remaining norm directly is exact and costs the same order.
    private static func factorInOrder(
        _ matrix: inout Matrix, tolerance: Double
    ) -> (rank: Int, pivot: [Int], scales: [Double]) {
        let (m, n) = (matrix.rows, matrix.columns)
        let steps = Swift.min(m, n)
        var pivot = Array(0 ..< n)
        // A zero column is compared with 1, as in dqrdc2, so it is always dropped.
        var references = (0 ..< n).map { j -> Double in
            let norm = matrix.column(j).norm
            return norm == 0 ? 1 : norm
        }
        var scales = [Double](repeating: 0, count: steps)
        var workspace = [Double](repeating: 0, count: Swift.max(1, n))
        let workspaceCount = cInt(workspace.count, "dormqr")
        let ld = leadingDimension(m, "dgeqrf")
        var undropped = n  // columns 0..<undropped are kept or not yet examined
        var step = 0
        matrix.withUnsafeMutableBufferPointer { x in
            guard let base = x.baseAddress else { return }
            func column(_ j: Int) -> UnsafeMutablePointer<Double> { base + j * m }

            while step < steps {
                while step < undropped
                        && cblas_dnrm2(cInt(m - step, "dnrm2"), column(step) + step, 1) < tolerance * references[step] {
                    // Rotate the negligible column to the end, shifting the others left.
                    let dropped = Array(UnsafeBufferPointer(start: column(step), count: m))
                    column(step).update(from: column(step + 1), count: (n - step - 1) * m)
                    column(n - 1).update(from: dropped, count: m)
                    pivot.append(pivot.remove(at: step))
                    references.append(references.remove(at: step))
                    undropped -= 1
                }
                if step >= undropped { break }

                let remaining = cInt(m - step, "dgeqrf")
                scales.withUnsafeMutableBufferPointer { tau in
                    let reflector = column(step) + step
                    lapackCannotFail(.dgeqrf) {
                        LAPACKE_dgeqrf_work(columnMajorLayout, remaining, 1, reflector, ld,
                                            tau.baseAddress! + step, &workspace, workspaceCount)
                    }
                    // Apply the reflector to every later column, dropped ones included (as dqrdc2
                    // does), so that R's off-diagonal block is complete.
                    if step + 1 < n {
                        lapackCannotFail(.dormqr) {
                            LAPACKE_dormqr_work(columnMajorLayout, lapackCharacter("L"), lapackCharacter("T"),
                                                remaining, cInt(n - step - 1, "dormqr"), 1, reflector, ld,
                                                tau.baseAddress! + step, column(step + 1) + step, ld,
                                                &workspace, workspaceCount)
                        }
                    }
                }
                step += 1
            }
        }
        return (step, pivot, scales)
    }

    /// QR with full column pivoting (LAPACK `dgeqp3`), the rank read off R's diagonal.
    private static func factorWithFullPivoting(
        _ matrix: inout Matrix, tolerance: Double
    ) -> (rank: Int, pivot: [Int], scales: [Double]) {
        let (m, n) = (matrix.rows, matrix.columns)
        let steps = Swift.min(m, n)
        var scales = [Double](repeating: 0, count: steps)
        guard steps > 0 else { return (0, Array(0 ..< n), scales) }
        var permutation = [Int32](repeating: 0, count: n)  // 0: every column is free to move
        matrix.withUnsafeMutableBufferPointer { a in
            lapackCannotFail(.dgeqp3) {
                LAPACKE_dgeqp3(columnMajorLayout, cInt(m, "dgeqp3"), cInt(n, "dgeqp3"), a.baseAddress,
                               leadingDimension(m, "dgeqp3"), &permutation, &scales)
            }
        }
        let largest = matrix[0, 0].magnitude
        let rank = (0 ..< steps).first { matrix[$0, $0].magnitude <= tolerance * largest } ?? steps
        return (rank, permutation.map { Int($0) - 1 }, scales)
    }
}

// MARK: - Rank and columns

extension PivotedQR {
    /// Whether every column was kept.
    public var isFullRank: Bool { rank == columns }

    /// The original indices of the kept columns, in increasing order.
    ///
    /// - Complexity: O(n log n).
    public var keptColumns: [Int] { pivot[..<rank].sorted() }

    /// The original indices of the dropped (aliased) columns, in increasing order.
    ///
    /// - Complexity: O(n log n).
    public var droppedColumns: [Int] { pivot[rank...].sorted() }

    /// Throws if any column was dropped.
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(routine:rank:droppedColumns:)`` naming the
    ///   dropped columns (by name too, when ``columnNames`` were given).
    /// - Complexity: O(n log n).
    public func requireFullRank() throws {
        guard !isFullRank else { return }
        throw LinearAlgebraError.rankDeficient(
            routine: pivoting == .limited ? LAPACKRoutine.dgeqrf.rawValue : LAPACKRoutine.dgeqp3.rawValue,
            rank: rank,
            droppedColumns: droppedColumns.map { ColumnReference(index: $0, in: columnNames) })
    }
}

// MARK: - Q and R

extension PivotedQR {
    /// R₁₁: the ``rank`` × ``rank`` upper-triangular block of R for the kept columns, in pivot
    /// order (column k belongs to original column `pivot[k]`).
    ///
    /// R₁₁ᵀR₁₁ = X_keptᵀX_kept, so R₁₁ is, up to the signs of its rows, the Cholesky factor of the
    /// kept columns' Gram matrix.
    ///
    /// - Complexity: O(rank²).
    public var r: Matrix {
        var result = Matrix(rows: rank, columns: rank)
        for j in 0 ..< rank {
            for i in 0 ... j { result[i, j] = factors[i, j] }
        }
        return result
    }

    /// Forms the first ``rank`` columns of Q (LAPACK `dorgqr`): an orthonormal basis of the
    /// column space of X.
    ///
    /// - Returns: An m × rank matrix with orthonormal columns, in pivot order.
    /// - Complexity: O(m × rank²) time and O(m × rank) memory; the m × m Q is never formed.
    public func thinQ() -> Matrix {
        var q = factors.selectingColumns(0 ..< rank)
        guard rank > 0 else { return q }
        householderScales.withUnsafeBufferPointer { tau in
            q.withUnsafeMutableBufferPointer { a in
                lapackCannotFail(.dorgqr) {
                    LAPACKE_dorgqr(columnMajorLayout, cInt(rows, "dorgqr"), cInt(rank, "dorgqr"), cInt(rank, "dorgqr"),
                                   a.baseAddress, leadingDimension(rows, "dorgqr"), tau.baseAddress)
                }
            }
        }
        return q
    }

    /// Returns Qᵀy, using the ``rank`` reflectors of the kept columns (LAPACK `dormqr`).
    ///
    /// Its first ``rank`` elements are the coordinates of y's projection on the column space of
    /// X; the rest have the residual sum of squares as their sum of squares. R's `lm` calls this
    /// vector the effects. NaN or infinities in y propagate.
    ///
    /// - Parameter y: A vector of ``rows`` elements (a mismatch traps).
    /// - Returns: Qᵀy, with ``rows`` elements.
    /// - Complexity: O(m × rank).
    public func applyingQTransposed(to y: Vector) -> Vector {
        applyingQ(to: y, transposed: true)
    }

    /// Returns Qz, using the ``rank`` reflectors of the kept columns (LAPACK `dormqr`): the
    /// inverse of ``applyingQTransposed(to:)``.
    ///
    /// - Parameter z: A vector of ``rows`` elements (a mismatch traps).
    /// - Returns: Qz, with ``rows`` elements.
    /// - Complexity: O(m × rank).
    public func applyingQ(to z: Vector) -> Vector {
        applyingQ(to: z, transposed: false)
    }

    private func applyingQ(to vector: Vector, transposed: Bool) -> Vector {
        precondition(vector.count == rows, "dormqr: Q of order \(rows) and a vector of \(vector.count) elements")
        var result = vector
        guard rank > 0 else { return result }
        let m = cInt(rows, "dormqr"), k = cInt(rank, "dormqr"), ld = leadingDimension(rows, "dormqr")
        // dormqr needs one element per column of C. Below its blocked optimum it uses the
        // unblocked dorm2r, which is what a single vector wants anyway.
        var workspace = [Double](repeating: 0, count: 1)
        let workspaceCount = cInt(workspace.count, "dormqr")
        factors.withUnsafeBufferPointer { a in
            householderScales.withUnsafeBufferPointer { tau in
                result.withUnsafeMutableBufferPointer { c in
                    // The _work variant skips LAPACKE's NaN scan of C: non-finite y propagates.
                    lapackCannotFail(.dormqr) {
                        LAPACKE_dormqr_work(columnMajorLayout, lapackCharacter("L"), lapackCharacter(transposed ? "T" : "N"),
                                            m, 1, k, a.baseAddress, ld, tau.baseAddress, c.baseAddress, ld,
                                            &workspace, workspaceCount)
                    }
                }
            }
        }
        return result
    }

    /// Returns the leverages hᵢᵢ, the diagonal of the hat matrix H = X(XᵀX)⁻¹Xᵀ restricted to the
    /// kept columns.
    ///
    /// hᵢᵢ is the squared norm of row i of the thin Q, so H (m × m) is never formed. HC2 and CR2
    /// variances use these; they agree with R's `hatvalues()`.
    ///
    /// - Returns: ``rows`` values in [0, 1] summing to ``rank``.
    /// - Complexity: O(m × rank²) time and O(m × rank) memory.
    public func leverages() -> Vector {
        let q = thinQ()
        var result = Vector(repeating: 0, count: rows)
        q.withUnsafeBufferPointer { q in
            result.withUnsafeMutableBufferPointer { h in
                for j in 0 ..< rank {
                    for i in 0 ..< rows { h[i] += q[j * rows + i] * q[j * rows + i] }
                }
            }
        }
        return result
    }

    /// Returns (R₁₁ᵀR₁₁)⁻¹ = (X_keptᵀX_kept)⁻¹ (LAPACK `dpotri` on R₁₁), the unscaled covariance
    /// of a regression's coefficients.
    ///
    /// Rows and columns follow ``keptColumns`` (increasing original index), whatever the pivot
    /// order. Multiplied by σ̂² it is the classical covariance; HC2 and CR2 sandwich it.
    ///
    /// - Returns: A symmetric rank × rank matrix.
    /// - Complexity: O(rank³).
    public func unscaledCovariance() -> Matrix {
        var inverse = r
        guard rank > 0 else { return inverse }
        let n = cInt(rank, "dpotri")
        inverse.withUnsafeMutableBufferPointer { a in
            // Kept columns have R[k, k] ≠ 0 by construction, so dpotri cannot report singularity.
            lapackCannotFail(.dpotri) { LAPACKE_dpotri(columnMajorLayout, lapackCharacter("U"), n, a.baseAddress, n) }
        }
        // Positions in pivot order, sorted by original column index.
        let order = (0 ..< rank).sorted { pivot[$0] < pivot[$1] }
        var result = Matrix(rows: rank, columns: rank)
        for (a, i) in order.enumerated() {
            for (b, j) in order.enumerated() {
                result[a, b] = inverse[Swift.min(i, j), Swift.max(i, j)]  // dpotri fills the upper triangle
            }
        }
        return result
    }
}
