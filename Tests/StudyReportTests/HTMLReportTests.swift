import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StudyReport
import Testing

/// Collects XML parse errors.
private final class ParseCheck: NSObject, XMLParserDelegate {
    var error: String?
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = "line \(parser.lineNumber): \(parseError)"
    }
}

@Suite struct HTMLReportTests {
    let html: String

    init() throws {
        html = HTMLReport(model: try StudyFixtures.smallTrialModel.get()).render()
    }

    /// Every `<svg ...>...</svg>` in the page.
    private var inlineSVGs: [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest[start.lowerBound...].range(of: "</svg>") {
            found.append(String(rest[start.lowerBound ..< end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    @Test func everyInlineSVGParsesAsXML() {
        let svgs = inlineSVGs
        #expect(svgs.count >= 10)
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            let check = ParseCheck()
            parser.delegate = check
            #expect(parser.parse(), "\(check.error ?? "") in \(svg.prefix(120))")
        }
    }

    @Test func pageIsSelfContained() {
        // The SVG namespace is a name, not a link; nothing else may point outside the file.
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for pattern in ["http://", "https://", "src=", "<script", "<link", "url(", "@import", "//cdn"] {
            #expect(!withoutNamespace.contains(pattern), "\(pattern)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<style>"))
    }

    @Test func noIdentifierFromTheCohortAppears() throws {
        let ids = try StudyFixtures.cohortIDs(StudyFixtures.smallTrial) + ["ST0001", "ST0240"]
        let notebook = NotebookReport(model: try StudyFixtures.smallTrialModel.get()).render()
        for id in ids {
            #expect(!html.contains(id), "\(id) in the HTML")
            #expect(!notebook.contains(id), "\(id) in the notebook")
        }
    }

    @Test func elementsAreBalanced() {
        for tag in ["section", "table", "figure", "svg", "details", "tr"] {
            let opened = html.components(separatedBy: "<\(tag)").count - 1
            let closed = html.components(separatedBy: "</\(tag)>").count - 1
            #expect(opened == closed, "\(tag): \(opened) opened, \(closed) closed")
        }
    }

    @Test func writtenInBritishEnglish() throws {
        // The words a reader sees: markup and the style sheet (whose property names are American) left out.
        let withoutStyle = html.replacingOccurrences(of: #"<style>[\s\S]*?</style>"#, with: "", options: .regularExpression)
        let text = withoutStyle.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression).lowercased()
        #expect(text.contains("randomis"))
        for american in ["randomiz", "analyz", "color", "center", "behavior", "organiz"] {
            #expect(!text.contains(american), "\(american)")
        }
    }
}
