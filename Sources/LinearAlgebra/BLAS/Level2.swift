// BLAS level 2: matrix-vector products (dgemv).

internal import CLinearAlgebra

extension Matrix {
    /// Returns the product of this matrix, or its transpose, with a vector (BLAS `dgemv`).
    ///
    /// `x.multiplied(by: y, transposingSelf: true)` is X'y without forming X'.
    ///
    /// - Parameters:
    ///   - vector: A vector with `columns` elements (`rows` when transposing); a mismatch traps.
    ///   - transposingSelf: Whether to use the transpose of this matrix. Defaults to `false`.
    /// - Returns: A vector of `rows` elements (`columns` when transposing).
    /// - Complexity: O(`rows` × `columns`).
    public func multiplied(by vector: Vector, transposingSelf: Bool = false) -> Vector {
        let inner = transposingSelf ? rows : columns
        let outer = transposingSelf ? columns : rows
        precondition(vector.count == inner,
                     "dgemv: \(transposingSelf ? "transpose of a " : "")\(rows) x \(columns) matrix times a vector of \(vector.count) elements")
        var result = Vector(repeating: 0, count: outer)
        guard outer > 0 && inner > 0 else { return result }
        let m = cInt(rows, "dgemv"), n = cInt(columns, "dgemv"), lda = leadingDimension(rows, "dgemv")
        withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasColMajor, transposingSelf ? CblasTrans : CblasNoTrans, m, n,
                                1, a.baseAddress, lda, x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// The matrix-vector product (BLAS `dgemv`): `lhs.columns` must equal `rhs.count`.
    ///
    /// - Complexity: O(`rows` × `columns`).
    public static func * (lhs: Matrix, rhs: Vector) -> Vector {
        lhs.multiplied(by: rhs)
    }
}
