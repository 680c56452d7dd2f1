/// How the comparisons of several intervention arms with one control share the significance
/// level, for power calculations and for the power diagnosand of a simulation.
public enum MultipleComparisons: String, Sendable, Hashable, CaseIterable {
    /// Each arm tested at the full level α.
    case none
    /// Each arm tested at α / k for k intervention arms.
    case bonferroni
    /// Holm's step-down procedure. Analytic power is that of its first step (each arm at α / k,
    /// as Bonferroni): a lower bound on the power to find each arm's effect, since later steps
    /// test at larger levels. A simulation counts an arm as found when its Holm-adjusted
    /// p-value is below α, which is Holm's actual power.
    case holm
    /// Dunnett's single-step many-to-one test: each |tᵢ| against the critical value of the
    /// maximum of the arms' correlated statistics (multivariate t, or normal for proportions and
    /// rates), from ``Statistics/ManyToOneComparison``.
    case dunnett
}
