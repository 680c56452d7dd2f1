/// Writing the report's tables and text as Markdown.
enum MarkdownText {
    /// A table as a Markdown pipe table, its title as a level-3 heading and its note under it.
    static func table(_ table: ReportTable) -> String {
        func cell(_ text: String) -> String { escape(text).replacingOccurrences(of: "|", with: "\\|") }
        var out = "### \(escape(table.title))\n\n"
        out += "| " + table.header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + table.header.indices.map { $0 == 0 ? " :--- |" : " ---: |" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
        }
        if let note = table.note { out += "\n*\(escape(note))*\n" }
        return out
    }

    /// Text with Markdown's emphasis and markup characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
