/// The study report as one self-contained HTML file: the style sheet inline, every chart an
/// inline SVG, no scripts and no links to anything outside the file. The same model gives the
/// same bytes.
public struct HTMLReport: Sendable {
    /// The model rendered.
    public let model: StudyReportModel

    /// Creates a renderer.
    public init(model: StudyReportModel) {
        self.model = model
    }

    /// The HTML document's text.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Study report: \(HTMLText.escape(model.study))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n"
        out += "<h1>Study report: \(HTMLText.escape(model.study))</h1>\n"
        out += "<p>Made by PreventKit \(HTMLText.escape(model.version)) from the study folder; the notebook beside this file holds the same "
            + "tables and figures with the commands that reproduce each step.</p>\n"
        out += "<nav><ol>\n"
        for section in model.sections {
            out += "<li><a href=\"#\(section.id)\">\(HTMLText.escape(section.title))</a></li>\n"
        }
        out += "</ol></nav>\n"
        for section in model.sections {
            out += render(section)
        }
        out += "<footer>PreventKit \(HTMLText.escape(model.version)). Synthetic or pseudonymised data only; no identifiers. "
            + "Counts are under disclosure control as stated under each table.</footer>\n</body>\n</html>\n"
        return out
    }

    private func render(_ section: ReportSection) -> String {
        var out = "<section id=\"\(section.id)\">\n<h2>\(HTMLText.escape(section.title))</h2>\n"
        for block in section.blocks {
            switch block {
            case let .paragraph(text):
                out += "<p>\(HTMLText.escape(text))</p>\n"
            case let .table(table):
                out += render(table)
            case let .figure(figure):
                out += "<figure>\n\(figure.svg)<figcaption>\(HTMLText.escape(figure.caption))</figcaption>\n</figure>\n"
            }
        }
        if !section.commands.isEmpty {
            out += "<details><summary>Reproduce this step</summary>\n<pre>"
            out += HTMLText.escape(section.commands.joined(separator: "\n"))
            out += "</pre>\n</details>\n"
        }
        out += "</section>\n"
        return out
    }

    private func render(_ table: ReportTable) -> String {
        var out = "<h3>\(HTMLText.escape(table.title))</h3>\n<table>\n<thead><tr>"
        out += table.header.map { "<th>\(HTMLText.escape($0))</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>" + row.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let note = table.note { out += "<p class=\"note\">\(HTMLText.escape(note))</p>\n" }
        return out
    }
}
