import Reporting
import Testing

struct SVGNumberCase: Sendable, CustomStringConvertible {
    let element: SVGElement
    let markup: String
    var description: String { markup }
}

private let elementCases: [SVGNumberCase] = [
    .init(element: .line(x1: 0, y1: 1.5, x2: 10.256, y2: -0.004, style: .stroke("#444")),
          markup: "<line x1=\"0\" y1=\"1.5\" x2=\"10.26\" y2=\"0\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>"),
    .init(element: .circle(cx: 3, cy: 4, r: 2.05, style: .fill("red")),
          markup: "<circle cx=\"3\" cy=\"4\" r=\"2.05\" fill=\"red\" stroke=\"none\"/>"),
    .init(element: .text("a < b & \"c\"", x: -1.25, y: 2, size: 10, anchor: .end),
          markup: "<text x=\"-1.25\" y=\"2\" font-size=\"10\" text-anchor=\"end\" fill=\"#222\">a &lt; b &amp; &quot;c&quot;</text>"),
    .init(element: .polyline(points: [(0, 0), (1, 2.5)], style: .stroke("blue", width: 2, dash: "4 3")),
          markup: "<polyline points=\"0,0 1,2.5\" fill=\"none\" stroke=\"blue\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"),
    .init(element: .rectangle(x: 0.1, y: 0.2, width: 5, height: 6, style: SVGStyle(fill: "#eee", stroke: "#000", strokeWidth: 0.5)),
          markup: "<rect x=\"0.1\" y=\"0.2\" width=\"5\" height=\"6\" fill=\"#eee\" stroke=\"#000\" stroke-width=\"0.5\"/>"),
]

@Test(arguments: elementCases)
func elementsRenderAsMarkup(_ testCase: SVGNumberCase) {
    #expect(testCase.element.render() == testCase.markup)
}

@Test func documentWrapsElementsWithTitle() {
    var document = SVGDocument(width: 200, height: 100, title: "Balance <arms>")
    document.add(.circle(cx: 1, cy: 1, r: 1, style: .fill("#000")))
    let text = document.render()
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\""))
    #expect(text.contains("<title>Balance &lt;arms&gt;</title>"))
    #expect(text.hasSuffix("</svg>\n"))
}
