/// How baseline covariates enter the regression of the outcome on the arm indicators.
public enum CovariateAdjustment: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// No covariates: OLS of the outcome on an intercept and one indicator per intervention
    /// arm. Each arm's coefficient is its difference in means from control; with ``VarianceEstimator/hc2``
    /// its standard error is the Neyman one, as estimatr's `difference_in_means` (without blocks)
    /// reports.
    case none
    /// Covariates added to the arm indicators, each with a single slope (ANCOVA).
    case additive
    /// Lin's (2013) adjustment: covariates centred at their sample means and interacted with
    /// every arm indicator, as estimatr's `lm_lin` does. The arm coefficients estimate the
    /// average treatment effects, consistently and never less precisely asymptotically than
    /// the unadjusted estimator, under randomisation alone.
    case lin

    /// The lower-case name (`none`, `additive`, `lin`).
    public var description: String { rawValue }
}
