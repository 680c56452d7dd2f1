import LinearAlgebra

/// A heteroskedasticity- or cluster-robust (sandwich) covariance of GLM coefficients, as R's
/// `sandwich` package computes it for a `glm`.
///
/// With B = (XᵀWX)⁻¹ (working weights W) and scores uᵢ = xᵢ wᵢ rᵢ (rᵢ the working residual,
/// so uᵢ = xᵢ (yᵢ − μᵢ) μ'ᵢ / V(μᵢ) × prior weight), V = B M B with:
///
/// | Estimator | Meat M | R |
/// |---|---|---|
/// | ``hc0`` | Σ uᵢuᵢᵀ | `vcovHC(fit, type = "HC0")` |
/// | ``hc1`` | HC0 × N / (N − K) | `vcovHC(fit, type = "HC1")` |
/// | ``cr0`` | Σₛ uₛuₛᵀ, uₛ the cluster's score sum | `vcovCL(fit, cluster, type = "HC0", cadjust = FALSE)` |
/// | ``cr1`` | CR0 × S / (S − 1) | `vcovCL(fit, cluster)` (its default for a `glm`) |
/// | ``stata`` | CR0 × S / (S − 1) × (N − 1) / (N − K) | `vcovCL(fit, cluster, type = "HC1")` |
///
/// K is the rank and S the number of clusters.
public enum SandwichEstimator: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// White's estimator without correction (Zou's modified Poisson uses it).
    case hc0 = "HC0"
    /// HC0 × N / (N − K).
    case hc1 = "HC1"
    /// The cluster-robust sandwich without correction.
    case cr0 = "CR0"
    /// CR0 × S / (S − 1), `sandwich::vcovCL`'s default for GLMs.
    case cr1 = "CR1"
    /// CR0 × S / (S − 1) × (N − 1) / (N − K), Stata's correction.
    case stata

    /// Whether the estimator needs a cluster for each observation.
    public var isClustered: Bool {
        switch self {
        case .hc0, .hc1: false
        case .cr0, .cr1, .stata: true
        }
    }

    /// The name used in reports and settings (`HC0`, `HC1`, `CR0`, `CR1`, `stata`).
    public var description: String { rawValue }
}

extension GeneralisedLinearModel {
    /// The sandwich covariance of the kept coefficients (in ``keptColumns`` order).
    ///
    /// - Parameters:
    ///   - estimator: The estimator.
    ///   - clusters: One cluster identifier per row, for the clustered estimators (required
    ///     for them, ignored otherwise; a wrong length traps).
    /// - Returns: A symmetric rank × rank matrix.
    /// - Throws: ``GLMError/setting(_:)`` if a clustered estimator has no clusters or fewer
    ///   than two.
    /// - Complexity: O(N K²): one scaled copy of the design and one BLAS `dsyrk`.
    public func sandwichCovariance(_ estimator: SandwichEstimator, clusters: [Int]? = nil) throws -> Matrix {
        let n = observationCount, k = rank
        var scores = design.selectingColumns(keptColumns)
        let scale = (0 ..< n).map { workingWeights[$0] * workingResiduals[$0] }
        scores.withUnsafeMutableBufferPointer { u in
            for j in 0 ..< k {
                for i in 0 ..< n { u[j * n + i] *= scale[i] }
            }
        }
        var meat: Matrix
        var factor = 1.0
        if estimator.isClustered {
            guard let clusters else {
                throw GLMError.setting("the \(estimator) covariance needs a cluster column")
            }
            precondition(clusters.count == n, "sandwichCovariance: \(clusters.count) clusters for \(n) rows")
            var number: [Int: Int] = [:]
            let clusterOfRow = clusters.map { id in
                if let known = number[id] { return known }
                number[id] = number.count
                return number.count - 1
            }
            let s = number.count
            guard s >= 2 else {
                throw GLMError.setting("the \(estimator) covariance needs at least two clusters, but there is \(s)")
            }
            var sums = Matrix(rows: s, columns: k)
            scores.withUnsafeBufferPointer { u in
                sums.withUnsafeMutableBufferPointer { target in
                    for j in 0 ..< k {
                        for i in 0 ..< n { target[j * s + clusterOfRow[i]] += u[j * n + i] }
                    }
                }
            }
            meat = sums.gram()
            if estimator != .cr0 { factor *= Double(s) / Double(s - 1) }
            if estimator == .stata { factor *= Double(n - 1) / Double(n - k) }
        } else {
            meat = scores.gram()
            if estimator == .hc1 { factor *= Double(n) / Double(n - k) }
        }
        let bread = covariance * (1 / dispersion)
        var result = bread * meat * bread
        result *= factor
        return result
    }
}
