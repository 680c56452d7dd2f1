import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reporting
import Testing

/// Counts the elements of an SVG document with an XML parser: a document that does not parse
/// as XML fails the test.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var texts: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        if name == "text" { inText = true; texts.append("") }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    static func parse(_ svg: String) -> ElementCounter? {
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        return parser.parse() ? counter : nil
    }
}

@Suite struct OutcomeForestPlotTests {
    static let plot = OutcomeForestPlot(title: "Effects against control & co", groups: [
        .init(title: "Reoffending: risk difference", axisLabel: "Risk difference (95% CI)", scale: .difference,
              rows: [.init(label: "police", estimate: -0.08, lower: -0.14, upper: -0.02),
                     .init(label: "partner", estimate: 0.01, lower: -0.05, upper: 0.07)]),
        .init(title: "Reoffending: odds ratio", axisLabel: "Odds ratio (95% CI)", scale: .ratio,
              rows: [.init(label: "police", estimate: 0.5, lower: 0.25, upper: 1.0),
                     .init(label: "partner", estimate: 2, lower: 1, upper: 4)]),
        .init(title: "Offences: rate ratio", axisLabel: "Rate ratio (95% CI)", scale: .ratio,
              rows: [.init(label: "police", estimate: 0.9, lower: 0.8, upper: 1.05),
                     .init(label: "partner", estimate: .nan, lower: .nan, upper: .nan),
                     .init(label: "<social_media>", estimate: 1.1, lower: 0, upper: 1.3)]),
    ])

    /// The SVG parses as XML; each panel has its title, axis label, no-effect line and rows.
    @Test func drawsOnePanelPerOutcome() throws {
        let svg = Self.plot.document().render()
        let parsed = try #require(ElementCounter.parse(svg), "the SVG does not parse as XML")
        for text in ["Effects against control & co", "Reoffending: risk difference", "Odds ratio (95% CI)",
                     "Offences: rate ratio", "<social_media>", "partner"] {
            #expect(parsed.texts.contains(text), "missing text \(text)")
        }
        // Markers: 2 + 2 + 2 drawable estimates, plus one frame per panel.
        #expect(parsed.counts["rect"] == 6 + 3)
        // Intervals: 2 + 2 + 1 drawable (the rate ratio's lower limit 0 cannot sit on a log axis), 3 lines each.
        #expect(svg.components(separatedBy: "stroke=\"#0072B2\"").count - 1 == 5 * 3)
    }

    /// A ratio panel's axis is logarithmic: 0.5 and 2 sit at equal distances either side of 1.
    @Test func ratioAxisIsLogarithmicWithTheLineAtOne() throws {
        let group = Self.plot.groups[1]
        let single = OutcomeForestPlot(title: "t", groups: [group])
        let svg = single.document().render()
        // The marker squares are 10 wide, centred on the estimate.
        let xs = markerCentres(svg)
        #expect(xs.count == 2)
        let one = try #require(referenceLineX(svg))
        let left = one - xs[0], right = xs[1] - one
        #expect(abs(left - right) <= 0.02, "\(left) against \(right)")
        // 1-2-5 ticks across the range.
        for tick in ["0.2", "0.5", "1", "2", "5"] { #expect(svg.contains(">\(tick)</text>"), "no tick \(tick)") }
    }

    /// A difference panel's line is at 0 on a linear axis.
    @Test func differenceAxisIsLinearWithTheLineAtZero() throws {
        let single = OutcomeForestPlot(title: "t", groups: [Self.plot.groups[0]])
        let svg = single.document().render()
        let zero = try #require(referenceLineX(svg))
        let xs = markerCentres(svg)
        // -0.08 and 0.01: distances from 0 in the ratio 8 : 1.
        #expect(abs((zero - xs[0]) / (xs[1] - zero) - 8) <= 1e-3)
        #expect(svg.contains(">0.00</text>") || svg.contains(">0.0</text>"))
    }

    /// A narrow ratio range gets evenly spaced ticks; an empty panel still draws its axis.
    @Test func narrowAndEmptyPanels() throws {
        let narrow = OutcomeForestPlot(title: "t", groups: [
            .init(title: "narrow", axisLabel: "Hazard ratio", scale: .ratio,
                  rows: [.init(label: "a", estimate: 0.95, lower: 0.9, upper: 1.02)]),
            .init(title: "empty", axisLabel: "Nothing", scale: .difference, rows: []),
        ])
        let svg = narrow.document().render()
        #expect(ElementCounter.parse(svg) != nil)
        #expect(svg.contains(">1</text>") || svg.contains(">1.00</text>") || svg.contains(">1.0</text>"))
        #expect(svg.contains(">Nothing</text>"))
    }

    /// The x positions of the filled markers.
    private func markerCentres(_ svg: String) -> [Double] {
        svg.components(separatedBy: "<rect ").dropFirst().compactMap { segment -> Double? in
            let element = String(segment.prefix { $0 != ">" })
            guard element.contains("fill=\"#0072B2\""), let x = attribute("x", in: element) else { return nil }
            return x + 5
        }
    }

    /// The x of the first panel's no-effect line (the first line with stroke #444 and width 1
    /// spanning the panel).
    private func referenceLineX(_ svg: String) -> Double? {
        for segment in svg.components(separatedBy: "<line ").dropFirst() {
            let element = String(segment.prefix { $0 != ">" })
            guard element.contains("stroke=\"#444\"") else { continue }
            if let x1 = attribute("x1", in: element), let x2 = attribute("x2", in: element),
               let y1 = attribute("y1", in: element), let y2 = attribute("y2", in: element), x1 == x2, y2 - y1 > 10 {
                return x1
            }
        }
        return nil
    }

    private func attribute(_ name: String, in element: String) -> Double? {
        guard let range = element.range(of: " \(name)=\"") ?? element.range(of: "\(name)=\"") else { return nil }
        let rest = element[range.upperBound...]
        return Double(rest.prefix { $0 != "\"" })
    }
}
