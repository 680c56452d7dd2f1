import Foundation

/// A small table of text cells as aligned plain text or Markdown, for the reports of this module.
struct AlignedTable {
    let header: [String]
    let rows: [[String]]

    /// Columns padded to their widest cell: the first left-aligned, the others right-aligned.
    func plainText() -> String {
        let widths = header.indices.map { j in ([header[j]] + rows.map { $0[j] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, cell in
                let padding = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table, `|` in cells escaped.
    func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let rule = "|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined()
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
