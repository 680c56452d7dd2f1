import DisclosureControl
import Foundation
import Reporting

/// How published tables are written.
public enum TableFormat: String, Sendable, CaseIterable {
    /// Aligned plain text, each table followed by its disclosure control note.
    case text
    /// One CSV table in long form: `table,row,column,count,disclosure_control`.
    case csv
    /// A JSON array of tables, each with its note.
    case json
    /// Markdown tables, each followed by its note.
    case markdown
}

extension Array where Element == PublishedTable {
    /// The tables in a format; every table carries the disclosure control rule applied to it
    /// (or the warning that none was).
    public func rendered(as format: TableFormat) -> String {
        switch format {
        case .text: map { "\($0.title)\n" + $0.textTable.plainText() + $0.note + "\n" }.joined(separator: "\n")
        case .markdown: map { "### \($0.title)\n\n" + $0.textTable.markdown() + "\n" + $0.note + "\n" }.joined(separator: "\n")
        case .csv: PublishedTable.csv(self)
        case .json: PublishedTable.json(self)
        }
    }
}

extension PublishedTable {
    /// The table with its margins as rows and columns of text: a `total` column for row totals
    /// and a `total` row for column totals.
    var textTable: TextTable {
        var header = [""] + columnLabels
        if rowTotals != nil { header.append("total") }
        var rows: [[String]] = rowLabels.indices.map { i in
            [rowLabels[i]] + cells[i].map(\.description) + (rowTotals.map { [$0[i].description] } ?? [])
        }
        if let columnTotals {
            rows.append(["total"] + columnTotals.map(\.description) + (grandTotal.map { [$0.description] } ?? []))
        }
        return TextTable(header: header, rows: rows)
    }

    /// Every entry in long form, totals included (`total` as the row or column label).
    var longForm: [(row: String, column: String, count: PublishedCount)] {
        var entries: [(String, String, PublishedCount)] = []
        for i in rowLabels.indices {
            for j in columnLabels.indices { entries.append((rowLabels[i], columnLabels[j], cells[i][j])) }
            if let rowTotals { entries.append((rowLabels[i], "total", rowTotals[i])) }
        }
        if let columnTotals {
            for j in columnLabels.indices { entries.append(("total", columnLabels[j], columnTotals[j])) }
            if let grandTotal { entries.append(("total", "total", grandTotal)) }
        }
        return entries
    }

    static func csv(_ tables: [PublishedTable]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = ["table,row,column,count,disclosure_control"]
        for table in tables {
            for entry in table.longForm {
                lines.append([table.title, entry.row, entry.column, entry.count.description, table.note].map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Record: Encodable {
        let title: String
        let rows: [String]
        let columns: [String]
        let cells: [[Count]]
        let row_totals: [Count]?
        let column_totals: [Count]?
        let grand_total: Count?
        let disclosure_control: String
        let suppressed_marker: String
    }

    /// A count as JSON: the number, or the suppression marker as a string.
    private struct Count: Encodable {
        let value: PublishedCount
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let number = value.value { try container.encode(number) } else { try container.encode(DisclosureRule.suppressedMarker) }
        }
    }

    static func json(_ tables: [PublishedTable]) -> String {
        let records = tables.map { t in
            Record(title: t.title, rows: t.rowLabels, columns: t.columnLabels, cells: t.cells.map { $0.map(Count.init) },
                   row_totals: t.rowTotals?.map(Count.init), column_totals: t.columnTotals?.map(Count.init),
                   grand_total: t.grandTotal.map(Count.init), disclosure_control: t.note,
                   suppressed_marker: DisclosureRule.suppressedMarker)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Cannot fail: strings and integers only.
        return String(decoding: try! encoder.encode(records), as: UTF8.self) + "\n"
    }
}
