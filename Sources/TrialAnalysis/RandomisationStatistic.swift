/// The statistic a randomisation test compares across redrawn assignments.
///
/// Both give exact tests of the sharp null of no effect for anyone: only the assignment changes
/// between draws, so any statistic's randomisation distribution is known. They differ in power
/// and in what else they protect: the studentised statistic is the better-behaved choice. Under
/// a weak null (average effects zero but individual effects that vary) its test is also
/// asymptotically valid, which the raw estimate's is not when the arms' sizes or variances
/// differ (Wu and Ding 2021), and its test-inversion intervals are shorter when outcomes are
/// skewed or heteroskedastic.
public enum RandomisationStatistic: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Each arm's coefficient |τ̂ₐ|, and for the joint test the Wald statistic with the
    /// classical variance σ̂²[(GᵀG)⁻¹]_arms.
    case estimate
    /// Each arm's t statistic |τ̂ₐ / se(τ̂ₐ)| with the chosen robust standard error recomputed
    /// under every draw, and for the joint test the Wald statistic τ̂ᵀ V̂⁻¹ τ̂ with the same robust
    /// covariance V̂.
    case studentised

    /// The lower-case name (`estimate`, `studentised`).
    public var description: String { rawValue }
}
