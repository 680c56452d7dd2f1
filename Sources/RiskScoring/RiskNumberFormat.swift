import Foundation

/// How numbers are written in risk-scoring output: whole numbers without a decimal point,
/// others with up to six significant digits.
enum RiskNumberFormat {
    static func short(_ value: Double) -> String {
        if value.isNaN { return "NA" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}
