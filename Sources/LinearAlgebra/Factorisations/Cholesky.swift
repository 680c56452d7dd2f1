// Cholesky factorisation of a symmetric positive definite matrix (LAPACK dpotrf, dpotrs, dpotri).

internal import CLinearAlgebra

/// The Cholesky factorisation A = UᵀU of a symmetric positive definite matrix.
///
/// Use it to solve systems with, and invert, a covariance or Gram matrix. Only the upper
/// triangle of A is read; the lower triangle is assumed to mirror it.
public struct Cholesky: Sendable {
    /// The upper-triangular factor U, with zeros below the diagonal.
    public let factor: Matrix

    /// Factorises a symmetric positive definite matrix (LAPACK `dpotrf`).
    ///
    /// - Parameter matrix: A square matrix (not square traps), of which only the upper triangle
    ///   is read.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(routine:leadingMinor:)`` naming the
    ///   order of the first leading minor that is not positive definite;
    ///   ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if the upper
    ///   triangle holds NaN or an infinity.
    /// - Complexity: O(n³ / 3) for an n × n matrix.
    public init(_ matrix: Matrix) throws {
        precondition(matrix.isSquare, "dpotrf: the matrix is \(matrix.rows) x \(matrix.columns), not square")
        try requireFinite(matrix, routine: .dpotrf, argument: "A", triangle: .upper)
        var u = matrix
        let order = matrix.rows
        if order > 0 {
            let n = cInt(order, "dpotrf")
            try u.withUnsafeMutableBufferPointer { a in
                try lapack(.dpotrf) { LAPACKE_dpotrf(columnMajorLayout, lapackCharacter("U"), n, a.baseAddress, n) }
                for j in 0 ..< order {
                    for i in j + 1 ..< order { a[j * order + i] = 0 }
                }
            }
        }
        factor = u
    }

    /// The order n of the factorised n × n matrix.
    public var order: Int { factor.rows }

    /// Solves A X = B (LAPACK `dpotrs`).
    ///
    /// - Parameter b: The right-hand sides, with ``order`` rows (a mismatch traps).
    /// - Returns: X, with the shape of `b`.
    /// - Throws: ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if `b`
    ///   holds NaN or an infinity.
    /// - Complexity: O(n² × k) for k right-hand sides.
    public func solve(_ b: Matrix) throws -> Matrix {
        precondition(b.rows == order, "dpotrs: a factor of order \(order) and right-hand sides with \(b.rows) rows")
        try requireFinite(b, routine: .dpotrs, argument: "B")
        var x = b
        guard order > 0 && b.columns > 0 else { return x }
        let n = cInt(order, "dpotrs"), nrhs = cInt(b.columns, "dpotrs")
        factor.withUnsafeBufferPointer { u in
            x.withUnsafeMutableBufferPointer { x in
                lapackCannotFail(.dpotrs) {
                    LAPACKE_dpotrs(columnMajorLayout, lapackCharacter("U"), n, nrhs, u.baseAddress, n, x.baseAddress, n)
                }
            }
        }
        return x
    }

    /// Solves A x = b for one right-hand side (LAPACK `dpotrs`).
    ///
    /// - Parameter b: The right-hand side, with ``order`` elements (a mismatch traps).
    /// - Returns: x.
    /// - Throws: ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if `b`
    ///   holds NaN or an infinity.
    /// - Complexity: O(n²).
    public func solve(_ b: Vector) throws -> Vector {
        try requireFinite(b, routine: .dpotrs, argument: "B")
        return Vector(storage: try solve(Matrix(b))._storage)
    }

    /// Returns A⁻¹ (LAPACK `dpotri`), symmetric with both triangles filled.
    ///
    /// - Returns: The n × n inverse of the factorised matrix.
    /// - Complexity: O(n³) (2n³/3 flops).
    public func inverse() -> Matrix {
        var inverse = factor
        let order = self.order
        guard order > 0 else { return inverse }
        let n = cInt(order, "dpotri")
        inverse.withUnsafeMutableBufferPointer { a in
            // dpotrf succeeded, so U has a positive diagonal and dpotri cannot report singularity.
            lapackCannotFail(.dpotri) { LAPACKE_dpotri(columnMajorLayout, lapackCharacter("U"), n, a.baseAddress, n) }
            for j in 0 ..< order {
                for i in j + 1 ..< order { a[j * order + i] = a[i * order + j] }
            }
        }
        return inverse
    }
}
