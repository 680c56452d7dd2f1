// Triangular solves (LAPACK dtrtrs: a singularity check, then BLAS dtrsm).

internal import CLinearAlgebra

/// Which triangle of a square matrix a routine reads.
public enum Triangle: Hashable, Sendable {
    /// The diagonal and the elements above it.
    case upper
    /// The diagonal and the elements below it.
    case lower

    var lapackCharacter: CChar {
        switch self {
        case .upper: LinearAlgebra.lapackCharacter("U")
        case .lower: LinearAlgebra.lapackCharacter("L")
        }
    }
}

extension Matrix {
    /// Solves op(T) X = B, where T is this square matrix's upper or lower triangle (LAPACK
    /// `dtrtrs`).
    ///
    /// Only the chosen triangle is read, so the other may hold anything (for example the
    /// Householder vectors below the R of a QR factorisation).
    ///
    /// - Parameters:
    ///   - b: The right-hand sides, with `rows` rows (a mismatch traps).
    ///   - triangle: The triangle that holds T.
    ///   - transposed: Whether to solve Tᵀ X = B. Defaults to `false`.
    ///   - unitDiagonal: Whether T has ones on its diagonal, which are then not read. Defaults to
    ///     `false`.
    /// - Returns: X, with the shape of `b`.
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` if a diagonal element of T is
    ///   exactly zero; ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if T
    ///   or `b` holds NaN or an infinity.
    /// - Complexity: O(n² × k) for an n × n matrix and k right-hand sides.
    public func solveTriangular(
        _ b: Matrix, triangle: Triangle, transposed: Bool = false, unitDiagonal: Bool = false
    ) throws -> Matrix {
        precondition(isSquare, "dtrtrs: the triangular matrix is \(rows) x \(columns), not square")
        precondition(b.rows == rows, "dtrtrs: a \(rows) x \(rows) matrix and right-hand sides with \(b.rows) rows")
        try requireFinite(self, routine: .dtrtrs, argument: "A", triangle: triangle)
        try requireFinite(b, routine: .dtrtrs, argument: "B")
        var x = b
        guard rows > 0 && b.columns > 0 else { return x }
        let n = cInt(rows, "dtrtrs"), nrhs = cInt(b.columns, "dtrtrs"), ld = leadingDimension(rows, "dtrtrs")
        try withUnsafeBufferPointer { a in
            try x.withUnsafeMutableBufferPointer { x in
                try lapack(.dtrtrs) {
                    LAPACKE_dtrtrs(columnMajorLayout, triangle.lapackCharacter,
                                   lapackCharacter(transposed ? "T" : "N"), lapackCharacter(unitDiagonal ? "U" : "N"),
                                   n, nrhs, a.baseAddress, ld, x.baseAddress, ld)
                }
            }
        }
        return x
    }

    /// Solves op(T) x = b for one right-hand side, where T is this square matrix's upper or lower
    /// triangle (LAPACK `dtrtrs`).
    ///
    /// - Parameters:
    ///   - b: The right-hand side, with `rows` elements (a mismatch traps).
    ///   - triangle: The triangle that holds T.
    ///   - transposed: Whether to solve Tᵀ x = b. Defaults to `false`.
    ///   - unitDiagonal: Whether T has ones on its diagonal, which are then not read. Defaults to
    ///     `false`.
    /// - Returns: x.
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` if a diagonal element of T is
    ///   exactly zero; ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if T
    ///   or `b` holds NaN or an infinity.
    /// - Complexity: O(n²) for an n × n matrix.
    public func solveTriangular(
        _ b: Vector, triangle: Triangle, transposed: Bool = false, unitDiagonal: Bool = false
    ) throws -> Vector {
        try requireFinite(b, routine: .dtrtrs, argument: "B")
        let solution = try solveTriangular(
            Matrix(b), triangle: triangle, transposed: transposed, unitDiagonal: unitDiagonal)
        return Vector(storage: solution._storage)
    }
}

extension Matrix {
    /// A one-column matrix sharing a vector's storage: how vectors reach LAPACK's matrix
    /// arguments without a copy.
    internal init(_ vector: Vector) {
        self.init(rows: vector.count, columns: 1, storage: vector._storage)
    }
}
