// General square systems by LU factorisation with partial pivoting (LAPACK dgesv).

internal import CLinearAlgebra

extension Matrix {
    /// Solves A X = B for this square matrix A (LAPACK `dgesv`: LU factorisation with partial
    /// pivoting, then two triangular solves).
    ///
    /// To solve with a symmetric positive definite matrix, ``Cholesky`` is twice as fast; for a
    /// least-squares fit use ``LeastSquares``, not the normal equations.
    ///
    /// - Parameter b: The right-hand sides, with `rows` rows (a mismatch traps).
    /// - Returns: X, with the shape of `b`.
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` if A is exactly singular (the
    ///   pivot is the zero-based index of the zero diagonal element of U);
    ///   ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if A or `b` holds
    ///   NaN or an infinity.
    /// - Complexity: O(n³ + n² × k) for an n × n matrix and k right-hand sides.
    public func solve(_ b: Matrix) throws -> Matrix {
        precondition(isSquare, "dgesv: the matrix is \(rows) x \(columns), not square")
        precondition(b.rows == rows, "dgesv: a \(rows) x \(rows) matrix and right-hand sides with \(b.rows) rows")
        try requireFinite(self, routine: .dgesv, argument: "A")
        try requireFinite(b, routine: .dgesv, argument: "B")
        var lu = self
        var x = b
        guard rows > 0 && b.columns > 0 else { return x }
        let n = cInt(rows, "dgesv"), nrhs = cInt(b.columns, "dgesv"), ld = leadingDimension(rows, "dgesv")
        var pivots = [Int32](repeating: 0, count: rows)
        try lu.withUnsafeMutableBufferPointer { a in
            try x.withUnsafeMutableBufferPointer { x in
                try lapack(.dgesv) {
                    LAPACKE_dgesv(columnMajorLayout, n, nrhs, a.baseAddress, ld, &pivots, x.baseAddress, ld)
                }
            }
        }
        return x
    }

    /// Solves A x = b for this square matrix A and one right-hand side (LAPACK `dgesv`).
    ///
    /// - Parameter b: The right-hand side, with `rows` elements (a mismatch traps).
    /// - Returns: x.
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` if A is exactly singular;
    ///   ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if A or `b` holds
    ///   NaN or an infinity.
    /// - Complexity: O(n³) for an n × n matrix.
    public func solve(_ b: Vector) throws -> Vector {
        try requireFinite(b, routine: .dgesv, argument: "B")
        return Vector(storage: try solve(Matrix(b))._storage)
    }
}
