import Foundation

/// How the report writes numbers: fixed decimals, so that the same inputs give the same bytes.
enum NumberText {
    /// A value with `decimals` decimals; `NA` for a non-finite value.
    static func fixed(_ value: Double, _ decimals: Int = 3) -> String {
        guard value.isFinite else { return "NA" }
        let text = String(format: "%.\(decimals)f", value)
        // No negative zero.
        return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text
    }

    /// A p-value: three decimals, or `< 0.001`.
    static func pValue(_ value: Double) -> String {
        guard value.isFinite else { return "NA" }
        return value < 0.001 ? "< 0.001" : String(format: "%.3f", value)
    }

    /// A confidence interval `(lower, upper)`.
    static func interval(_ lower: Double, _ upper: Double, _ decimals: Int = 3) -> String {
        "(\(fixed(lower, decimals)), \(fixed(upper, decimals)))"
    }

    /// A share as a percentage with one decimal.
    static func percent(_ share: Double) -> String {
        share.isFinite ? String(format: "%.1f%%", share * 100) : "NA"
    }
}
