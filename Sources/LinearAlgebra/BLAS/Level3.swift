// BLAS level 3: matrix-matrix products (dgemm) and the Gram matrix X'X (dsyrk).

internal import CLinearAlgebra

extension Matrix {
    /// Returns the product of this matrix and another, either of them optionally transposed
    /// (BLAS `dgemm`).
    ///
    /// `x.multiplied(by: w, transposingSelf: true)` is X'W without forming X'.
    ///
    /// - Parameters:
    ///   - other: The right-hand factor. Its row count (column count when transposing it) must
    ///     equal this matrix's column count (row count when transposing this one); a mismatch
    ///     traps.
    ///   - transposingSelf: Whether to use the transpose of this matrix. Defaults to `false`.
    ///   - transposingOther: Whether to use the transpose of `other`. Defaults to `false`.
    /// - Returns: op(self) · op(other).
    /// - Complexity: O(m × n × k) for an m × k times k × n product.
    public func multiplied(
        by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false
    ) -> Matrix {
        let m = transposingSelf ? columns : rows
        let k = transposingSelf ? rows : columns
        let otherInner = transposingOther ? other.columns : other.rows
        let n = transposingOther ? other.rows : other.columns
        precondition(k == otherInner,
                     "dgemm: inner dimensions differ: op(A) is \(m) x \(k), op(B) is \(otherInner) x \(n)")
        guard m > 0 && n > 0 && k > 0 else { return Matrix(rows: m, columns: n) }
        // dgemm with beta = 0 sets every element of C without reading it.
        var result = Matrix(unsetRows: m, columns: n)
        let lda = leadingDimension(rows, "dgemm"), ldb = leadingDimension(other.rows, "dgemm")
        let ldc = leadingDimension(m, "dgemm")
        let (mm, nn, kk) = (cInt(m, "dgemm"), cInt(n, "dgemm"), cInt(k, "dgemm"))
        withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasColMajor,
                                transposingSelf ? CblasTrans : CblasNoTrans,
                                transposingOther ? CblasTrans : CblasNoTrans,
                                mm, nn, kk, 1, a.baseAddress, lda, b.baseAddress, ldb, 0, c.baseAddress, ldc)
                }
            }
        }
        return result
    }

    /// The matrix product (BLAS `dgemm`): `lhs.columns` must equal `rhs.rows`.
    ///
    /// - Complexity: O(m × n × k) for an m × k times k × n product.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        lhs.multiplied(by: rhs)
    }

    /// Returns the Gram matrix X'X of this matrix X (BLAS `dsyrk`).
    ///
    /// `dsyrk` computes one triangle, half the work of a general product; the other triangle is
    /// filled by symmetry, so the result is exactly symmetric.
    ///
    /// - Returns: A symmetric `columns × columns` matrix.
    /// - Complexity: O(`rows` × `columns`²).
    public func gram() -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        guard rows > 0 && columns > 0 else { return result }
        let n = cInt(columns, "dsyrk"), k = cInt(rows, "dsyrk")
        let lda = leadingDimension(rows, "dsyrk"), ldc = leadingDimension(columns, "dsyrk")
        let order = columns
        withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n, k, 1, a.baseAddress, lda, 0, c.baseAddress, ldc)
                for j in 0 ..< order {
                    for i in 0 ..< j { c[i * order + j] = c[j * order + i] }
                }
            }
        }
        return result
    }
}
