import Foundation
import Statistics

/// One intervention arm's hazard ratio against control from the Cox model.
public struct HazardRatio: Sendable, Hashable {
    /// The arm's name.
    public let arm: String
    /// People in the arm.
    public let count: Int
    /// Events in the arm.
    public let eventCount: Int
    /// The log hazard ratio (NaN when not estimable).
    public let logHazardRatio: Double
    /// Its standard error (robust when the model's variance is robust).
    public let standardError: Double
    /// The Wald z statistic.
    public let statistic: Double
    /// The two-sided p-value from the standard normal.
    public let pValue: Double
    /// The lower confidence limit of the hazard ratio.
    public let lowerBound: Double
    /// The upper confidence limit of the hazard ratio.
    public let upperBound: Double
    /// The Holm-adjusted p-value across the estimable arms.
    public let holmPValue: Double
    /// Why the hazard ratio could not be estimated, or `nil` when it was.
    public let notEstimableReason: String?

    /// The hazard ratio exp(β).
    public var hazardRatio: Double { exp(logHazardRatio) }

    init(arm: String, count: Int, eventCount: Int, estimate: Double, standardError: Double, level: Double, holmPValue: Double) {
        self.arm = arm
        self.count = count
        self.eventCount = eventCount
        logHazardRatio = estimate
        self.standardError = standardError
        statistic = estimate / standardError
        pValue = 2 * Normal.standard.survival(abs(statistic))
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        lowerBound = exp(estimate - z * standardError)
        upperBound = exp(estimate + z * standardError)
        self.holmPValue = holmPValue
        notEstimableReason = nil
    }

    init(arm: String, count: Int, eventCount: Int, notEstimable reason: String) {
        self.arm = arm
        self.count = count
        self.eventCount = eventCount
        logHazardRatio = .nan
        standardError = .nan
        statistic = .nan
        pValue = .nan
        lowerBound = .nan
        upperBound = .nan
        holmPValue = .nan
        notEstimableReason = reason
    }
}
