// The triangular factor of a tall, narrow [X y] from its Gram matrix, for well-conditioned X:
// the cheap first pass of TallSkinnyLeastSquares.

internal import CLinearAlgebra

/// The upper-triangular factor R of [X y] as the Cholesky factor of [X y]ᵀ[X y], summed with
/// BLAS `dsyrk` and `dgemv` straight from X's storage, a block of rows at a time on the
/// ``RowChunks`` threads.
///
/// Why: the Householder reduction of ``TallSkinnyReduction`` costs about twice the arithmetic of
/// the Gram matrix and runs its column norms and reflectors at level-2 speed; the Gram matrix is
/// one level-3 product. Its price is accuracy: the Cholesky factor of the Gram matrix carries
/// relative errors of about κ²ε where the QR's carry κε (κ the condition number of X with its
/// columns scaled to unit length). So the factor is used only when every column keeps at least
/// ``minimumRelativePivot`` of its length after the earlier columns are projected out, which
/// bounds κ by a few hundred: then the coefficients agree with the QR's to about 1e-11 relative,
/// and R's limited pivoting (tolerance 1e-7) drops no column on either factor, so the rank
/// decisions are R's. Anything else (a column near collinearity, a zero column, a value that
/// is not finite) returns `nil` and the caller reduces X by Householder steps instead.
internal enum TallSkinnyGram {
    /// The smallest ratio ‖xⱼ − projection on x₀ … xⱼ₋₁‖ / ‖xⱼ‖ (Rⱼⱼ / ‖xⱼ‖) for which the Gram
    /// matrix's factor is used.
    static let minimumRelativePivot = 1e-2

    /// R (k × k column-major, k = p + 1, upper triangle, positive diagonal but possibly a zero
    /// last one) with RᵀR = [X y]ᵀ[X y], or `nil` if X is not well conditioned enough for it, or
    /// X or y holds a value that is not finite, or X has no rows.
    static func triangularFactor(of x: Matrix, appending y: Vector, blockRows: Int) -> [Double]? {
        let m = x.rows, p = x.columns, k = p + 1
        guard m > 0, p > 0 else { return nil }
        let chunks = RowChunks(rows: m, chunkRows: blockRows * TallSkinnyReduction.blocksPerChunk)
        // Per chunk: XᵀX (upper triangle, p × p at leading dimension k), Xᵀy, yᵀy, as the
        // columns of a k × k block.
        var grams = [Double](repeating: 0, count: chunks.count * k * k)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                grams.withUnsafeMutableBufferPointer { grams in
                    chunks.forEach { chunk in
                        let gram = grams.baseAddress! + chunk * k * k
                        let rows = chunks.range(chunk)
                        var yy = 0.0
                        for start in stride(from: rows.lowerBound, to: rows.upperBound, by: blockRows) {
                            let count = Swift.min(blockRows, rows.upperBound - start)
                            let block = xs.baseAddress! + start, response = ys.baseAddress! + start
                            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, cInt(p, "dsyrk"), cInt(count, "dsyrk"),
                                        1, block, leadingDimension(m, "dsyrk"), 1, gram, leadingDimension(k, "dsyrk"))
                            cblas_dgemv(CblasColMajor, CblasTrans, cInt(count, "dgemv"), cInt(p, "dgemv"), 1, block,
                                        leadingDimension(m, "dgemv"), response, 1, 1, gram + p * k, 1)
                            for i in 0 ..< count { yy += response[i] * response[i] }
                        }
                        gram[p * k + p] = yy
                    }
                }
            }
        }
        // Sum the chunks in chunk order, so the result does not depend on the thread count.
        var a = [Double](repeating: 0, count: k * k)
        for chunk in 0 ..< chunks.count {
            for j in 0 ..< k { for i in 0 ... j { a[j * k + i] += grams[chunk * k * k + j * k + i] } }
        }
        return choleskyFactor(a, order: k, checkedColumns: p)
    }

    /// The upper Cholesky factor of the symmetric `a` (upper triangle read, column-major), or
    /// `nil` if a value is not finite or one of the first `checkedColumns` pivots falls below
    /// ``minimumRelativePivot`` of its column's length. The last pivot (the response's residual
    /// length) may round to zero or below; it is then set to zero.
    private static func choleskyFactor(_ a: [Double], order k: Int, checkedColumns p: Int) -> [Double]? {
        guard a.allSatisfy({ $0.isFinite }) else { return nil }
        var r = [Double](repeating: 0, count: k * k)
        let limit = minimumRelativePivot * minimumRelativePivot
        for j in 0 ..< k {
            // Column j of R above the diagonal: Rᵢⱼ = (aᵢⱼ − Σₗ Rₗᵢ Rₗⱼ) / Rᵢᵢ.
            for i in 0 ..< j {
                var value = a[j * k + i]
                for l in 0 ..< i { value -= r[i * k + l] * r[j * k + l] }
                r[j * k + i] = r[i * k + i] > 0 ? value / r[i * k + i] : 0
            }
            var pivot = a[j * k + j]
            for l in 0 ..< j { pivot -= r[j * k + l] * r[j * k + l] }
            if j < p {
                guard a[j * k + j] > 0, pivot >= limit * a[j * k + j] else { return nil }
                r[j * k + j] = pivot.squareRoot()
            } else {
                r[j * k + j] = Swift.max(0, pivot).squareRoot()
            }
        }
        return r
    }
}
