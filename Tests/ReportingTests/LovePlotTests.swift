import Foundation
import Reporting
import Testing

@Test func lovePlotDrawsOneMarkerPerFiniteValueAndTheReferenceLines() {
    let plot = LovePlot(title: "Balance", rows: ["age", "sex: female", "ocg_link: yes"], series: ["police", "partner"],
                        values: [[0.05, -0.2], [0.01, .nan], [0.3, 0.0]])
    let svg = plot.document().render()
    // Five finite values: circles for the first series, squares for the second, plus one legend marker each.
    #expect(svg.components(separatedBy: "<circle").count - 1 == 3 + 1)
    #expect(svg.components(separatedBy: "stroke-dasharray=\"4 3\"").count - 1 == 2)
    #expect(svg.contains(">sex: female</text>"))
    #expect(svg.contains(">-0.10</text>") && svg.contains(">0.10</text>") && svg.contains(">0.00</text>"))
    // The largest |value| (0.3) fits inside the plotting area: x = left + (v + extent) / (2 extent) x width.
    let extent = 0.3 * 1.1
    let x = 190 + (0.3 + extent) / (2 * extent) * 420
    #expect(svg.contains("cx=\"\(Int(x.rounded()))") || svg.contains("cx=\"\(String(format: "%.2f", x))"))
}
