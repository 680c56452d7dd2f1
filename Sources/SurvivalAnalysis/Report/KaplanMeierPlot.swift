import Foundation
import Reporting

/// A Kaplan-Meier plot: one step curve per arm with its pointwise confidence limits as dashed
/// steps, a time axis, and the numbers at risk per arm under the axis at each tick.
///
/// ```swift
/// let effects = try model.fit(table)
/// let svg = KaplanMeierPlot(effects.curves, title: "Time to first offence").document().render()
/// ```
public struct KaplanMeierPlot: Sendable {
    /// The curves, one per arm, drawn in order.
    public var curves: [KaplanMeierCurve]
    /// The title above the plot.
    public var title: String
    /// The time axis's label.
    public var timeLabel: String
    /// Whether to draw the confidence limits.
    public var showsConfidenceLimits: Bool

    /// Colour-blind-safe colours (Okabe-Ito), one per arm in turn.
    static let palette = ["#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    /// Creates a plot.
    ///
    /// - Parameters:
    ///   - curves: One curve per arm; the first (control) is drawn in black.
    ///   - title: The title.
    ///   - timeLabel: Default "Days since allocation".
    ///   - showsConfidenceLimits: Default `true`.
    public init(_ curves: [KaplanMeierCurve], title: String, timeLabel: String = "Days since allocation",
                showsConfidenceLimits: Bool = true) {
        self.curves = curves
        self.title = title
        self.timeLabel = timeLabel
        self.showsConfidenceLimits = showsConfidenceLimits
    }

    /// The plot as an SVG document.
    public func document() -> SVGDocument {
        let left = 150.0, plotWidth = 480.0, right = 150.0, top = 60.0, plotHeight = 300.0
        let bottom = top + plotHeight
        let riskTop = bottom + 62
        let height = riskTop + 20 + 18 * Double(curves.count) + 10
        var svg = SVGDocument(width: left + plotWidth + right, height: height, title: title)

        let longest = curves.compactMap { $0.steps.last?.time }.max() ?? 1
        let ticks = Self.ticks(upTo: longest > 0 ? longest : 1)
        let end = ticks.last!
        func x(_ t: Double) -> Double { left + t / end * plotWidth }
        func y(_ s: Double) -> Double { bottom - s * plotHeight }

        svg.add(.text(title, x: (left + plotWidth + right) / 2, y: 24, size: 15, anchor: .middle))
        svg.add(.rectangle(x: left, y: top, width: plotWidth, height: plotHeight, style: .stroke("#888", width: 0.8)))
        for s in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg.add(.line(x1: left - 5, y1: y(s), x2: left, y2: y(s), style: .stroke("#444")))
            svg.add(.text(String(format: "%.2f", s), x: left - 8, y: y(s) + 4, size: 11, anchor: .end))
        }
        svg.add(.text("Share without an event", x: left, y: top - 10, size: 12))
        for tick in ticks {
            svg.add(.line(x1: x(tick), y1: bottom, x2: x(tick), y2: bottom + 5, style: .stroke("#444")))
            svg.add(.text(Self.label(tick), x: x(tick), y: bottom + 18, size: 11, anchor: .middle))
        }
        svg.add(.text(timeLabel, x: left + plotWidth / 2, y: bottom + 38, size: 12, anchor: .middle))

        for (index, curve) in curves.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            if showsConfidenceLimits {
                for limit in [\KaplanMeierCurve.Step.lower, \KaplanMeierCurve.Step.upper] {
                    for segment in Self.stepSegments(curve, value: limit, end: curve.steps.last?.time ?? 0) {
                        svg.add(.polyline(points: segment.map { (x($0.time), y($0.value)) }, style: .stroke(colour, width: 0.8, dash: "4 3")))
                    }
                }
            }
            for segment in Self.stepSegments(curve, value: \.survival, end: curve.steps.last?.time ?? 0) {
                svg.add(.polyline(points: segment.map { (x($0.time), y($0.value)) }, style: .stroke(colour, width: 2)))
            }
            // Censoring marks: short ticks where people left without an event.
            for step in curve.steps where step.censored > 0 {
                svg.add(.line(x1: x(step.time), y1: y(step.survival) - 4, x2: x(step.time), y2: y(step.survival) + 4,
                              style: .stroke(colour, width: 1)))
            }
            let legendY = top + 16 + 20 * Double(index)
            svg.add(.line(x1: left + plotWidth + 12, y1: legendY - 4, x2: left + plotWidth + 36, y2: legendY - 4, style: .stroke(colour, width: 2)))
            svg.add(.text(curve.group, x: left + plotWidth + 42, y: legendY, size: 12))
        }

        svg.add(.text("Number at risk", x: left - 30, y: riskTop, size: 12, anchor: .end))
        for (index, curve) in curves.enumerated() {
            let rowY = riskTop + 20 + 18 * Double(index)
            svg.add(.text(curve.group, x: left - 30, y: rowY, size: 11, anchor: .end, fill: Self.palette[index % Self.palette.count]))
            for tick in ticks {
                svg.add(.text("\(curve.atRisk(at: tick))", x: x(tick), y: rowY, size: 11, anchor: .middle))
            }
        }
        return svg
    }

    /// The step function of `value` from time 0 to `end`, split where the value is undefined.
    static func stepSegments(_ curve: KaplanMeierCurve, value: KeyPath<KaplanMeierCurve.Step, Double>,
                             end: Double) -> [[(time: Double, value: Double)]] {
        var segments: [[(time: Double, value: Double)]] = []
        var current: [(time: Double, value: Double)] = [(0, 1)]
        var level: Double? = 1
        for step in curve.steps {
            if let level { current.append((step.time, level)) }
            let next = step[keyPath: value]
            if next.isFinite {
                if level == nil { current = [] }
                current.append((step.time, next))
                level = next
            } else {
                if current.count > 1 { segments.append(current) }
                current = []
                level = nil
            }
        }
        if let level { current.append((end, level)) }
        if current.count > 1 { segments.append(current) }
        return segments
    }

    /// Ticks at a 1, 2 or 5 × 10ᵏ step from 0 covering `upTo`.
    static func ticks(upTo high: Double) -> [Double] {
        let rough = high / 5
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let count = Int((high / step).rounded(.up))
        return (0 ... max(count, 1)).map { Double($0) * step }
    }

    static func label(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }
}
