import Statistics

/// The area under the ROC curve (the concordance statistic) of predicted risks against observed
/// outcomes, with DeLong's variance and confidence interval.
///
/// The AUC is the probability that a person with the event has a higher predicted risk than one
/// without (ties count one half). DeLong, DeLong and Clarke-Pearson (1988) estimate its variance
/// from the structural components, var = S₁₀/m + S₀₁/n for m people with the event and n
/// without; the interval is AUC ± z × √var, cut to [0, 1]. Agrees with R pROC's
/// `ci.auc(roc(y, p, levels = c(0, 1), direction = "<"), method = "delong")` to about 1e-12.
public struct ROCArea: Hashable, Sendable {
    /// The area under the curve.
    public let area: Double
    /// DeLong's variance of the area.
    public let variance: Double
    /// The confidence level of ``lower`` and ``upper``.
    public let confidenceLevel: Double
    /// The lower confidence limit, at least 0.
    public let lower: Double
    /// The upper confidence limit, at most 1.
    public let upper: Double

    /// Computes the area and its DeLong interval.
    ///
    /// - Parameters:
    ///   - outcome: 0 or 1 per person, both present.
    ///   - predictions: One predicted risk (any real score) per person, finite.
    ///   - confidenceLevel: In (0, 1). Defaults to 0.95.
    /// - Throws: ``RiskModelError/outcomeHasOneClass(value:)``,
    ///   ``RiskModelError/outcomeNotBinary(row:value:)``,
    ///   ``RiskModelError/predictionOutOfRange(row:value:)`` for a non-finite prediction, or
    ///   ``RiskModelError/invalidSetting(setting:value:reason:)`` for the confidence level.
    /// - Complexity: O(n log n).
    public init(outcome: [Double], predictions: [Double], confidenceLevel: Double = 0.95) throws {
        precondition(outcome.count == predictions.count, "ROCArea: \(outcome.count) outcomes and \(predictions.count) predictions")
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw RiskModelError.invalidSetting(setting: "confidence_level", value: "\(confidenceLevel)", reason: "it must lie strictly between 0 and 1")
        }
        if let row = outcome.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw RiskModelError.outcomeNotBinary(row: row, value: outcome[row])
        }
        if let row = predictions.firstIndex(where: { !$0.isFinite }) {
            throw RiskModelError.predictionOutOfRange(row: row, value: predictions[row])
        }
        let cases = zip(predictions, outcome).filter { $0.1 == 1 }.map(\.0).sorted()
        let controls = zip(predictions, outcome).filter { $0.1 == 0 }.map(\.0).sorted()
        guard !cases.isEmpty && !controls.isEmpty else {
            throw RiskModelError.outcomeHasOneClass(value: outcome.first ?? 0)
        }
        // Each case's share of controls it outranks (V₁₀), and each control's share of cases
        // that outrank it (V₀₁), ties counting one half.
        let caseComponents = cases.map { Self.share(below: $0, in: controls) }
        let controlComponents = controls.map { 1 - Self.share(below: $0, in: cases) }
        let area = caseComponents.reduce(0, +) / Double(cases.count)
        let variance = Self.sampleVariance(caseComponents) / Double(cases.count)
            + Self.sampleVariance(controlComponents) / Double(controls.count)
        let z = Normal.standard.quantile(0.5 + confidenceLevel / 2)
        self.area = area
        self.variance = variance
        self.confidenceLevel = confidenceLevel
        lower = max(0, area - z * variance.squareRoot())
        upper = min(1, area + z * variance.squareRoot())
    }

    /// The fraction of `sorted` below `value`, ties counting one half.
    private static func share(below value: Double, in sorted: [Double]) -> Double {
        let less = partitionPoint(sorted) { $0 < value }
        let notGreater = partitionPoint(sorted) { $0 <= value }
        return (Double(less) + 0.5 * Double(notGreater - less)) / Double(sorted.count)
    }

    /// The first index of a sorted array at which `isBelow` turns false.
    private static func partitionPoint(_ sorted: [Double], _ isBelow: (Double) -> Bool) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if isBelow(sorted[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The sample variance (divisor n − 1); 0 for a single value.
    private static func sampleVariance(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }
}
