import DataTables
import Foundation
import Reporting
import Statistics

/// The plain-text table `prevent describe` prints: one row per column of the file.
struct ColumnReport {
    let level: Double
    private var rows: [[String]] = []

    init(level: Double) {
        self.level = level
    }

    mutating func add(name: String, summary: NumericSummary) {
        let interval = summary.count > 1
            ? "\(Self.format(summary.meanInterval.lower)) to \(Self.format(summary.meanInterval.upper))" : "-"
        let missing = summary.nonFiniteCount > 0
            ? "\(summary.missingCount) (+\(summary.nonFiniteCount) infinite)" : "\(summary.missingCount)"
        rows.append([
            name, "numeric", "\(summary.count)", missing, "", Self.format(summary.mean), interval,
            Self.format(summary.standardDeviation), Self.format(summary.minimum),
            Self.format(summary.quartiles.lower), Self.format(summary.quartiles.median),
            Self.format(summary.quartiles.upper), Self.format(summary.maximum),
        ])
    }

    mutating func add(name: String, categorical column: CategoricalColumn) {
        rows.append([name, "categorical", "\(column.count - column.missingCount)", "\(column.missingCount)",
                     "\(column.levels.count)", "", "", "", "", "", "", "", ""])
    }

    func render() -> String {
        let percent = String(format: "%g", level * 100)
        let header = ["column", "type", "n", "missing", "levels", "mean", "\(percent)% CI for mean", "sd", "min",
                      "q1", "median", "q3", "max"]
        return TextTable(header: header, rows: rows).plainText(leftAlignedColumns: 2)
    }

    /// Six significant digits: enough to read, short enough to line up.
    static func format(_ value: Double) -> String {
        value.isNaN ? "-" : String(format: "%.6g", value)
    }
}
