/// A table of already formatted cells, written as aligned plain text for a terminal or as a
/// Markdown table: the one way every report in the toolkit lays out its tables.
///
/// The first column is a label and is aligned left; every other column holds figures and is
/// aligned right.
public struct TextTable: Sendable, Equatable {
    /// The column headings.
    public var header: [String]
    /// The rows, each with one cell per heading.
    public var rows: [[String]]

    /// Creates a table.
    ///
    /// - Parameters:
    ///   - header: The column headings.
    ///   - rows: The rows; each must have as many cells as `header` (a mismatch traps).
    public init(header: [String], rows: [[String]]) {
        precondition(rows.allSatisfy { $0.count == header.count }, "TextTable: every row needs \(header.count) cells")
        self.header = header
        self.rows = rows
    }

    /// The table as plain text: columns padded to their widest cell and separated by two spaces,
    /// one line per row (the header first), each ending with a newline.
    ///
    /// - Parameter leftAlignedColumns: How many leading columns are labels, aligned left
    ///   (default 1); the rest are aligned right.
    /// - Complexity: O(cells).
    public func plainText(leftAlignedColumns: Int = 1) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            var line = row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index < leftAlignedColumns ? cell + padding : padding + cell
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    /// The table in Markdown: a header row, an alignment row (first column left, the rest right)
    /// and one row per row, with `|` in cells escaped.
    ///
    /// - Complexity: O(cells).
    public func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }.joined(separator: " | ") + " |\n"
        }
        let alignment = "|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined() + "\n"
        return line(header) + alignment + rows.map(line).joined()
    }
}
