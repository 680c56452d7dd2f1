/// One arm's estimated effect against control on one outcome measure: the rows of the forest
/// plots and of the summary of effects.
public struct EffectEstimate: Sendable, Hashable {
    /// The outcome (`Any offence`).
    public var outcome: String
    /// The measure (`Risk difference`, `Odds ratio`...).
    public var measure: String
    /// The intervention arm.
    public var arm: String
    /// The estimate.
    public var estimate: Double
    /// The lower confidence limit.
    public var lower: Double
    /// The upper confidence limit.
    public var upper: Double
    /// The unadjusted two-sided p-value.
    public var pValue: Double
    /// The p-value after Holm's adjustment across the intervention arms.
    public var holmPValue: Double
    /// Whether the measure is a ratio (no effect at 1) rather than a difference (no effect at 0).
    public var isRatio: Bool

    /// Creates an estimate.
    public init(outcome: String, measure: String, arm: String, estimate: Double, lower: Double, upper: Double,
                pValue: Double, holmPValue: Double, isRatio: Bool) {
        self.outcome = outcome
        self.measure = measure
        self.arm = arm
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.pValue = pValue
        self.holmPValue = holmPValue
        self.isRatio = isRatio
    }
}
