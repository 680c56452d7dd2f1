import Reporting
import Testing

@Test func forestPlotDrawsEachIntervalMarkerAndTheZeroLine() {
    let plot = ForestPlot(title: "Effect on weight against ctrl",
                          rows: [.init(label: "trt1", estimate: -0.25, lower: -0.86, upper: 0.36),
                                 .init(label: "trt2", estimate: 0.68, lower: 0.25, upper: 1.11),
                                 .init(label: "trt3", estimate: .nan, lower: .nan, upper: .nan)],
                          axisLabel: "Difference in weight (95% CI)")
    let svg = plot.document().render()
    // Two finite rows: one filled square each, and an interval line with two end caps each.
    #expect(svg.components(separatedBy: "<rect").count - 1 == 1 + 2)
    #expect(svg.components(separatedBy: "stroke=\"#0072B2\"").count - 1 == 2 * 3)
    #expect(svg.contains(">trt3</text>") && svg.contains(">Difference in weight (95% CI)</text>"))
    // Ticks at a step of 0.5 from -1 to 1.5, so x = 190 + (v + 1) / 2.5 * 420; zero at 358.
    #expect(svg.contains(">-1.0</text>") && svg.contains(">0.0</text>") && svg.contains(">1.5</text>"))
    #expect(svg.contains("<line x1=\"358\" y1=\"48\" x2=\"358\""))
    // trt2's interval runs from x(0.25) = 400 to x(1.11) = 544.48.
    #expect(svg.contains("<line x1=\"400\" y1=\"90\" x2=\"544.48\" y2=\"90\""))
}

