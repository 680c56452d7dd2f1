import LinearAlgebra

/// The CR2 (bias-reduced linearisation) cluster-robust covariance of Bell and McCaffrey (2002),
/// with the Satterthwaite degrees of freedom of each coefficient given by Pustejovsky and
/// Tipton (2018), as estimatr's `lm_robust(se_type = "CR2")` computes them, and as
/// clubSandwich's `vcovCR(type = "CR2")` with `coef_test(test = "Satterthwaite")` does for
/// an identity working model (`inverse_var = FALSE` when weighted).
///
/// With weights W (the identity without them), M = (XᵀWX)⁻¹, Q = XᵀW²X and Ĥₛₜ = XₛMXₜᵀ, the
/// rows of cluster s of I − H (H = XMXᵀW) satisfy (I − H)ₛ(I − H)ₛᵀ = Cₛ =
/// I − ĤₛₛWₛ − WₛĤₛₛ + XₛMQMXₛᵀ. The adjustment is Aₛ = Cₛ^(−1/2), the symmetric inverse
/// square root by eigendecomposition (eigenvalues at or below 1e-12 give 0, a pseudo-inverse).
/// Without weights Cₛ = I − Ĥₛₛ.
/// The covariance is M (Σₛ XₛᵀWₛAₛeₛeₛᵀAₛWₛXₛ) M, e the unweighted residuals.
///
/// For coefficient p with selector c, let gₛ = AₛWₛXₛMc, uₛ = Xₛᵀgₛ and vₛ = XₛᵀWₛgₛ. The
/// S × S matrix C = diag(‖gₛ‖²) − UᵀMV − VᵀMU + UᵀMQMU is GᵀG for the n × S matrix G of
/// Pustejovsky and Tipton, so the degrees of freedom tr(C)² / ‖C‖²_F come without any n × n
/// matrix.
struct BellMcCaffrey {
    let covariance: Matrix
    let degreesOfFreedom: [Double]

    /// Eigenvalues of DₛCₛDₛ at or below this are treated as zero.
    static let eigenvalueFloor = 1e-12

    /// - Parameters:
    ///   - x: The kept columns of the design, unweighted.
    ///   - residuals: The unweighted residuals y − Xβ̂.
    ///   - weights: The weights, or `nil`.
    ///   - bread: M = (XᵀWX)⁻¹.
    init(design x: Matrix, residuals: Vector, weights: [Double]?, bread: Matrix, groups: ClusterGroups) throws {
        let k = x.columns, s = groups.count
        // MQM, with Q = XᵀW²X (= XᵀX, so MQM = M, without weights).
        let mqm: Matrix
        if let weights {
            var weighted = x
            weighted.scaleRows(by: weights)
            mqm = bread * weighted.gram() * bread
        } else {
            mqm = bread
        }
        var scores = Matrix(rows: s, columns: k)
        var squaredNorms = Matrix(rows: s, columns: k)  // ‖gₛ‖² for each coefficient
        // Slice p holds the K × S matrices [u₁ … u_S] and [v₁ … v_S] of coefficient p.
        var us = [Matrix](repeating: Matrix(rows: k, columns: s), count: k)
        var vs = weights == nil ? [] : [Matrix](repeating: Matrix(rows: k, columns: s), count: k)

        for (cluster, rows) in groups.rows.enumerated() {
            let m = rows.count
            let xs = x.selectingRows(rows)
            let xm = xs * bread
            let ws = weights.map { w in rows.map { w[$0] } }
            let awx: Matrix  // AₛWₛXₛ: its transpose times eₛ is the cluster's adjusted score.
            if let ws {
                let hat = xm.multiplied(by: xs, transposingOther: true)
                var c = (xs * mqm).multiplied(by: xs, transposingOther: true)
                for j in 0 ..< m {
                    for i in 0 ..< m { c[i, j] -= hat[i, j] * ws[j] + ws[i] * hat[i, j] }
                    c[j, j] += 1
                }
                let adjustment = try SymmetricEigendecomposition(c).reconstructed {
                    $0 > Self.eigenvalueFloor ? 1 / $0.squareRoot() : 0
                }
                var wx = xs
                wx.scaleRows(by: ws)
                awx = adjustment * wx
            } else {
                awx = xs * (try Self.unweightedAdjustment(xs, bread: bread))
            }
            let es = Vector(rows.map { residuals[$0] })
            let score = awx.multiplied(by: es, transposingSelf: true)
            for j in 0 ..< k { scores[cluster, j] = score[j] }

            let g = awx * bread  // column p is gₛ = AₛWₛXₛMc for coefficient p
            let u = xs.multiplied(by: g, transposingSelf: true)
            var v: Matrix? = nil
            if let ws {
                var wg = g
                wg.scaleRows(by: ws)
                v = xs.multiplied(by: wg, transposingSelf: true)
            }
            for p in 0 ..< k {
                var norm = 0.0
                for i in 0 ..< m { norm += g[i, p] * g[i, p] }
                squaredNorms[cluster, p] = norm
                for j in 0 ..< k { us[p][j, cluster] = u[j, p] }
                if let v { for j in 0 ..< k { vs[p][j, cluster] = v[j, p] } }
            }
        }
        covariance = RobustLinearModel.sandwich(bread: bread, meat: scores.gram())

        var degreesOfFreedom = [Double](repeating: .nan, count: k)
        for p in 0 ..< k {
            let u = us[p]
            var cross: Matrix  // the S × S matrix C without its diagonal term
            if weights == nil {
                cross = -u.multiplied(by: bread * u, transposingSelf: true)  // −UᵀMU
            } else {
                let umv = u.multiplied(by: bread * vs[p], transposingSelf: true)
                cross = u.multiplied(by: mqm * u, transposingSelf: true) - umv - umv.transposed()
            }
            var trace = 0.0, squaredNorm = 0.0
            for t in 0 ..< s {
                for r in 0 ..< s {
                    var c = cross[r, t]
                    if r == t { c += squaredNorms[t, p]; trace += c }
                    squaredNorm += c * c
                }
            }
            degreesOfFreedom[p] = trace * trace / squaredNorm
        }
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The K × K matrix F with (I − Ĥₛₛ)^(−1/2) Xₛ = Xₛ F, in O(nₛK² + K³) instead of the
    /// O(nₛ³) of an nₛ × nₛ eigendecomposition.
    ///
    /// Why it exists: Ĥₛₛ = XₛMXₛᵀ has rank r ≤ K, so I − Ĥₛₛ is the identity off the column
    /// space of Xₛ. With Gₛ = XₛᵀXₛ = VΛVᵀ (eigenvalues above 1e-10 λ_max kept, the rest are
    /// columns aliased within the cluster) and T = V₊Λ₊^(−1/2), U = XₛT is an orthonormal basis
    /// of that space and Ĥₛₛ = UBUᵀ with B = TᵀGₛMGₛT (r × r). Then
    /// (I − Ĥₛₛ)^(−1/2) = I + U f(B) Uᵀ, f(b) = (1 − b)^(−1/2) − 1 (−1 at or below the
    /// eigenvalue floor, the same pseudo-inverse), so F = I + T f(B) TᵀGₛ.
    static func unweightedAdjustment(_ xs: Matrix, bread: Matrix) throws -> Matrix {
        let k = xs.columns
        let gram = xs.gram()
        let gramEigen = try SymmetricEigendecomposition(gram)
        let largest = gramEigen.eigenvalues.max() ?? 0
        let kept = (0 ..< k).filter { gramEigen.eigenvalues[$0] > 1e-10 * largest }
        if kept.isEmpty { return .identity(k) }
        var t = gramEigen.eigenvectors.selectingColumns(kept)
        t.scaleColumns(by: kept.map { 1 / gramEigen.eigenvalues[$0].squareRoot() })
        let gt = gram * t
        let b = gt.multiplied(by: bread * gt, transposingSelf: true)
        let f = try SymmetricEigendecomposition(b).reconstructed {
            let complement = 1 - $0
            return complement > Self.eigenvalueFloor ? 1 / complement.squareRoot() - 1 : -1
        }
        var adjustment = t * f.multiplied(by: gt, transposingOther: true)
        for j in 0 ..< k { adjustment[j, j] += 1 }
        return adjustment
    }
}

extension Matrix {
    /// Multiplies column j by `factors[j]`.
    fileprivate mutating func scaleColumns(by factors: [Double]) {
        precondition(factors.count == columns, "scaleColumns: \(columns) columns, \(factors.count) factors")
        for j in 0 ..< columns { for i in 0 ..< rows { self[i, j] *= factors[j] } }
    }
}
