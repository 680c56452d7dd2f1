// The two blocked passes over a tall, narrow X behind TallSkinnyLeastSquares: the triangular
// factor of [X y] (TSQR) and the rows of the orthonormal basis X R⁻¹.

internal import CLinearAlgebra

/// Blocked, multithreaded passes over the rows of a tall, narrow matrix.
///
/// Why blocks: the column-by-column Householder QR of ``PivotedQR`` reads the whole of X once per
/// column, so on a million rows it waits on memory. Here each block of rows is copied once into
/// a buffer that stays in cache and reduced there with level-3 kernels; a pass reads X once.
/// Blocks are grouped into chunks (``RowChunks``) that run on the OpenBLAS threads' worth of
/// cores, and per-chunk results are combined in chunk order, so results do not depend on the
/// thread count.
///
/// The block sizes also keep each BLAS call below the size at which OpenBLAS would split it over
/// threads itself: the rows are already spread over threads, and nesting only adds contention.
internal enum TallSkinnyReduction {
    /// Blocks per chunk: enough to make one chunk's start-up negligible, few enough to balance
    /// two threads on a few hundred thousand rows.
    static let blocksPerChunk = 32

    /// The reflector block of `dtpqrt` (its `nb`).
    static let reflectorBlock = 8

    /// OpenBLAS runs a `dgemm` of m·n·k at or below 65536 × 4 on one thread; the passes stay
    /// below this.
    static let singleThreadProductSize = 196_608

    /// The default rows per block of the triangular-factor pass for `columns` columns of [X y].
    static func defaultBlockRows(columns: Int) -> Int {
        Swift.max(64, Swift.min(1024, singleThreadProductSize / (reflectorBlock * Swift.max(1, columns))))
    }

    /// The rows per block of the basis pass: X's block times a p × rank matrix. The pass holds
    /// OpenBLAS at one thread (``RowChunks/forEach(_:)``), so a block is as large as the
    /// triangular-factor pass's, as long as its U stays in a core's cache (128k values).
    static func basisBlockRows(columns: Int, rank: Int, limit: Int) -> Int {
        Swift.min(limit, Swift.max(16, 131_072 / Swift.max(1, rank)))
    }

    // MARK: - The triangular factor of [X y]

    /// The upper-triangular factor R of [X y], (p + 1) × (p + 1) column-major, by TSQR: within a
    /// chunk each block is stacked under the running R and reduced with LAPACK `dtpqrt`; the
    /// chunks' factors are then stacked the same way in chunk order.
    ///
    /// R is unique up to the signs of its rows, and RᵀR = [X y]ᵀ[X y]. With fewer rows than
    /// p + 1, the rows of R from the row count on are zero.
    ///
    /// - Returns: R, or `nil` if X or y holds NaN or an infinity (every block is checked as it
    ///   is copied, so X is read once).
    static func triangularFactor(of x: Matrix, appending y: Vector, blockRows: Int) -> [Double]? {
        let m = x.rows, p = x.columns, k = p + 1
        let chunks = RowChunks(rows: m, chunkRows: blockRows * blocksPerChunk)
        var factors = [Double](repeating: 0, count: chunks.count * k * k)
        var finite = [Bool](repeating: true, count: chunks.count)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                factors.withUnsafeMutableBufferPointer { factors in
                    finite.withUnsafeMutableBufferPointer { finite in
                        chunks.forEach { chunk in
                            finite[chunk] = reduce(
                                rows: chunks.range(chunk), of: xs, appending: ys, totalRows: m, columns: p,
                                blockRows: blockRows, into: factors.baseAddress! + chunk * k * k)
                        }
                    }
                }
            }
        }
        guard !finite.contains(false) else { return nil }

        var r = Array(factors[0 ..< k * k])
        var t = [Double](repeating: 0, count: reflectorBlock * k), work = t
        let nb = cInt(Swift.min(reflectorBlock, k), "dtpqrt"), order = cInt(k, "dtpqrt")
        factors.withUnsafeMutableBufferPointer { factors in
            for chunk in 1 ..< chunks.count {
                lapackCannotFail(.dtpqrt) {
                    LAPACKE_dtpqrt_work(columnMajorLayout, order, order, 0, nb, &r, order,
                                        factors.baseAddress! + chunk * k * k, order, &t, nb, &work)
                }
            }
        }
        return r
    }

    /// Reduces the rows `range` of [X y] to their triangular factor, written to `r` (k × k,
    /// zero on entry).
    ///
    /// - Returns: Whether every value was finite (the reduction stops at the first block that
    ///   is not).
    private static func reduce(
        rows range: Range<Int>, of x: UnsafeBufferPointer<Double>, appending y: UnsafeBufferPointer<Double>,
        totalRows m: Int, columns p: Int, blockRows b: Int, into r: UnsafeMutablePointer<Double>
    ) -> Bool {
        let k = p + 1
        let nb = Swift.min(reflectorBlock, k)
        var block = [Double](repeating: 0, count: b * k)
        var t = [Double](repeating: 0, count: nb * k), work = t
        return block.withUnsafeMutableBufferPointer { block in
            for start in stride(from: range.lowerBound, to: range.upperBound, by: b) {
                let count = Swift.min(b, range.upperBound - start)
                var probe = 0.0  // becomes NaN if any value is NaN or infinite
                for j in 0 ..< k {
                    let source = j < p ? x.baseAddress! + j * m + start : y.baseAddress! + start
                    probe += copyProbingFinite(from: source, to: block.baseAddress! + j * b, count: count)
                }
                guard probe.isFinite else { return false }
                lapackCannotFail(.dtpqrt) {
                    LAPACKE_dtpqrt_work(columnMajorLayout, cInt(count, "dtpqrt"), cInt(k, "dtpqrt"), 0,
                                        cInt(nb, "dtpqrt"), r, cInt(k, "dtpqrt"), block.baseAddress!,
                                        cInt(b, "dtpqrt"), &t, cInt(nb, "dtpqrt"), &work)
                }
            }
            return true
        }
    }

    /// Copies `count` values and returns the sum of each times zero: 0 if all are finite, NaN
    /// otherwise (∞ × 0 is NaN). Four independent sums let the loop run in vector registers.
    private static func copyProbingFinite(
        from source: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>, count: Int
    ) -> Double {
        target.update(from: source, count: count)
        var sums = SIMD4<Double>(repeating: 0)
        var i = 0
        while i + 4 <= count {
            let values = SIMD4(target[i], target[i + 1], target[i + 2], target[i + 3])
            sums += values * 0
            i += 4
        }
        var rest = 0.0
        while i < count { rest += target[i] * 0; i += 1 }
        return sums.sum() + rest
    }

    // MARK: - Rows of the orthonormal basis

    /// What one pass over the rows of U = X G computes, G a p × r matrix.
    struct BasisRows {
        /// yᵢ − uᵢᵀz: the residuals when z holds the first r effects.
        var residuals: Vector
        /// ‖uᵢ‖²: the leverages when U is an orthonormal basis of X's kept columns.
        var leverages: Vector
        /// Σᵢ ωᵢ uᵢuᵢᵀ (r × r, column-major, both triangles), if row weights were given.
        var weightedGram: [Double]?
    }

    /// One blocked pass over X: for each block of rows, U = X G by `dgemm` straight from X's
    /// storage (or, given R₁₁, the block copied and solved from UR₁₁ = X by `dtrsm`, half the
    /// arithmetic), then residuals, leverages and (with `weight`) the rows scaled by √ωᵢ, summed
    /// as UᵀΩU by `dsyrk` into one r × r sum per chunk.
    ///
    /// - Parameters:
    ///   - g: p × r, column-major.
    ///   - triangular: R₁₁ (r × r, column-major, upper) when every column of X is kept in its
    ///     own order (r = p and G = R₁₁⁻¹), or `nil`.
    ///   - z: r values.
    ///   - weight: ωᵢ from row i's residual and leverage; it must not be negative.
    static func basisRows(
        of x: Matrix, response y: Vector, times g: [Double], triangular: [Double]? = nil, rank r: Int, effects z: [Double],
        blockRows b: Int, weight: (@Sendable (_ residual: Double, _ leverage: Double) -> Double)?
    ) -> BasisRows {
        let m = x.rows, p = x.columns
        precondition(g.count == p * r && z.count == r, "basisRows: G is not \(p) x \(r) or z has not \(r) values")
        precondition(triangular.map { $0.count == r * r && r == p } ?? true, "basisRows: R₁₁ is not \(p) x \(p)")
        let chunks = RowChunks(rows: m, chunkRows: b * blocksPerChunk)
        // Every element is written by the pass.
        var residuals = Vector(storage: .allocate(count: m)), leverages = Vector(storage: .allocate(count: m))
        var sums = [Double](repeating: 0, count: weight == nil ? 0 : chunks.count * r * r)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                residuals.withUnsafeMutableBufferPointer { residuals in
                    leverages.withUnsafeMutableBufferPointer { leverages in
                        sums.withUnsafeMutableBufferPointer { sums in
                            chunks.forEach { chunk in
                                var block = [Double](repeating: 0, count: Swift.max(1, b * r))
                                var scales = [Double](repeating: 0, count: b)
                                let rows = chunks.range(chunk)
                                for start in stride(from: rows.lowerBound, to: rows.upperBound, by: b) {
                                    let count = Swift.min(b, rows.upperBound - start)
                                    let e = residuals.baseAddress! + start, h = leverages.baseAddress! + start
                                    e.update(from: ys.baseAddress! + start, count: count)
                                    h.update(repeating: 0, count: count)
                                    guard r > 0 else { continue }
                                    block.withUnsafeMutableBufferPointer { u in
                                        let u = u.baseAddress!
                                        if let triangular {
                                            for j in 0 ..< p {
                                                (u + j * b).update(from: xs.baseAddress! + j * m + start, count: count)
                                            }
                                            cblas_dtrsm(CblasColMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit,
                                                        cInt(count, "dtrsm"), cInt(r, "dtrsm"), 1, triangular,
                                                        leadingDimension(r, "dtrsm"), u, leadingDimension(b, "dtrsm"))
                                        } else {
                                            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, cInt(count, "dgemm"),
                                                        cInt(r, "dgemm"), cInt(p, "dgemm"), 1, xs.baseAddress! + start,
                                                        leadingDimension(m, "dgemm"), g, leadingDimension(p, "dgemm"),
                                                        0, u, leadingDimension(b, "dgemm"))
                                        }
                                        for j in 0 ..< r {
                                            let column = u + j * b, zj = z[j]
                                            for i in 0 ..< count {
                                                e[i] -= column[i] * zj
                                                h[i] += column[i] * column[i]
                                            }
                                        }
                                        guard let weight else { return }
                                        for i in 0 ..< count { scales[i] = weight(e[i], h[i]).squareRoot() }
                                        for j in 0 ..< r {
                                            let column = u + j * b
                                            for i in 0 ..< count { column[i] *= scales[i] }
                                        }
                                        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, cInt(r, "dsyrk"),
                                                    cInt(count, "dsyrk"), 1, u, leadingDimension(b, "dsyrk"), 1,
                                                    sums.baseAddress! + chunk * r * r, leadingDimension(r, "dsyrk"))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var weightedGram: [Double]? = nil
        if weight != nil {
            var total = [Double](repeating: 0, count: r * r)
            for chunk in 0 ..< chunks.count {
                for j in 0 ..< r { for i in 0 ... j { total[j * r + i] += sums[chunk * r * r + j * r + i] } }
            }
            for j in 0 ..< r { for i in 0 ..< j { total[i * r + j] = total[j * r + i] } }
            weightedGram = total
        }
        return BasisRows(residuals: residuals, leverages: leverages, weightedGram: weightedGram)
    }
}
