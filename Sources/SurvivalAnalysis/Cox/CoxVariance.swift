/// The variance of the Cox model's coefficients.
public enum CoxVariance: String, Sendable, Hashable, CaseIterable {
    /// The inverse of the information matrix (coxph's default without clusters).
    case modelBased = "model"
    /// The sandwich from dfbeta residuals, summed within clusters when there are clusters
    /// (coxph's `robust = TRUE` or `cluster =`; the default with clusters).
    case robust
}
