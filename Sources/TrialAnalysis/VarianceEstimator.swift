/// How the sampling variance of regression coefficients is estimated.
///
/// The names and formulas are those of R estimatr's `lm_robust(se_type = ...)`, and the
/// results agree with it to rounding. With M = (XᵀX)⁻¹, residuals eᵢ and leverages hᵢᵢ:
///
/// | Estimator | Meat | Degrees of freedom |
/// |---|---|---|
/// | ``classical`` | σ̂² = Σeᵢ² / (N − K), V = σ̂²M | N − K |
/// | ``hc0`` | Σ eᵢ² xᵢxᵢᵀ | N − K |
/// | ``hc1`` | HC0 × N / (N − K) | N − K |
/// | ``hc2`` | Σ eᵢ² / (1 − hᵢᵢ) xᵢxᵢᵀ | N − K |
/// | ``hc3`` | Σ eᵢ² / (1 − hᵢᵢ)² xᵢxᵢᵀ | N − K |
/// | ``cr0`` | Σₛ XₛᵀeₛeₛᵀXₛ | S − 1 |
/// | ``stata`` | CR0 × (N − 1) / (N − K) × S / (S − 1) | S − 1 |
/// | ``cr2`` | Σₛ XₛᵀAₛeₛeₛᵀAₛXₛ, Aₛ = (I − Hₛₛ)^(−1/2) | Bell-McCaffrey, per coefficient |
///
/// K is the rank of the design (aliased columns dropped) and S the number of clusters. With
/// weights, X and e are those of the regression on rows scaled by √wᵢ (N still counts rows),
/// except CR2, which uses the weighted adjustment of Pustejovsky and Tipton with an identity
/// working model, as estimatr does.
public enum VarianceEstimator: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// The homoskedastic OLS variance σ̂²(XᵀX)⁻¹.
    case classical
    /// White's heteroskedasticity-consistent estimator without small-sample correction.
    case hc0 = "HC0"
    /// HC0 scaled by N / (N − K).
    case hc1 = "HC1"
    /// Squared residuals divided by 1 − hᵢᵢ. The default without clusters: for a difference in
    /// means it equals the conservative Neyman variance.
    case hc2 = "HC2"
    /// Squared residuals divided by (1 − hᵢᵢ)², an approximate jackknife.
    case hc3 = "HC3"
    /// The cluster-robust sandwich (Liang-Zeger) without correction.
    case cr0 = "CR0"
    /// CR0 with Stata's small-sample factor (N − 1) / (N − K) × S / (S − 1) (often called CR1).
    case stata
    /// The bias-reduced linearisation of Bell and McCaffrey (2002), with the Satterthwaite
    /// degrees of freedom of Pustejovsky and Tipton (2018) for each coefficient. The default
    /// with clusters.
    case cr2 = "CR2"

    /// Whether the estimator needs a cluster for each observation.
    public var isClustered: Bool {
        switch self {
        case .classical, .hc0, .hc1, .hc2, .hc3: false
        case .cr0, .stata, .cr2: true
        }
    }

    /// The default: ``hc2`` without clusters, ``cr2`` with them.
    public static func `default`(clustered: Bool) -> VarianceEstimator {
        clustered ? .cr2 : .hc2
    }

    /// The name estimatr uses for `se_type`.
    public var description: String { rawValue }
}
