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
            let adjustment: Matrix
            if let ws {
                let hat = xm.multiplied(by: xs, transposingOther: true)
                var c = (xs * mqm).multiplied(by: xs, transposingOther: true)
                for j in 0 ..< m {
                    for i in 0 ..< m { c[i, j] -= hat[i, j] * ws[j] + ws[i] * hat[i, j] }
                    c[j, j] += 1
                }
                adjustment = try SymmetricEigendecomposition(c).reconstructed {
                    $0 > Self.eigenvalueFloor ? 1 / $0.squareRoot() : 0
                }
            } else {
                var complement = -xm.multiplied(by: xs, transposingOther: true)
                for i in 0 ..< m { complement[i, i] += 1 }
                adjustment = try SymmetricEigendecomposition(complement).reconstructed {
                    $0 > Self.eigenvalueFloor ? 1 / $0.squareRoot() : 0
                }
            }
            // AₛWₛXₛ: its transpose times eₛ is the cluster's adjusted score.
            var wx = xs
            if let ws { wx.scaleRows(by: ws) }
            let awx = adjustment * wx
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
}
