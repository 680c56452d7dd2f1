import Foundation

/// The output formats of a power calculation or simulation.
public enum PowerReportFormat: String, Sendable, CaseIterable {
    /// Aligned plain text for a terminal.
    case text
    /// CSV: one row per calculation, or per arm for a simulation.
    case csv
    /// One JSON object, keys sorted; non-finite numbers are `null`.
    case json
    /// Markdown: a settings list and a table.
    case markdown
}

/// Formatting shared by the reports.
enum ReportText {
    /// A number with up to `digits` significant digits, `-` when not finite.
    static func number(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return "-" }
        if x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
        return String(format: "%.\(digits)g", x)
    }

    /// A number for CSV: full precision, `NA` when not finite.
    static func csvNumber(_ x: Double) -> String {
        x.isFinite ? "\(x)" : "NA"
    }

    /// Rows aligned in columns, the first row a header, numbers right-aligned.
    static func aligned(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// A Markdown table.
    static func markdownTable(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined()]
        lines += rows.dropFirst().map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// CSV rows, quoting cells that need it.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// A JSON object with sorted keys.
    static func json(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A number for JSON: `NSNull` when not finite.
    static func jsonNumber(_ x: Double?) -> Any {
        guard let x, x.isFinite else { return NSNull() }
        return x
    }
}
