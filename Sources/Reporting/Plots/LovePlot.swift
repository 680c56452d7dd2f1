/// A love plot: one row per covariate, one marker per compared group (arm) at its standardised
/// difference, with a solid line at zero and dashed lines at ± a threshold (0.1 by convention).
///
/// ```swift
/// let plot = LovePlot(title: "Baseline balance against control", rows: ["age", "sex: male"],
///                     series: ["police", "partner"], values: [[0.05, -0.02], [0.11, 0.0]])
/// let svg = plot.document().render()
/// ```
public struct LovePlot: Sendable, Equatable {
    /// The plot's title.
    public var title: String
    /// The row labels (covariates), top to bottom.
    public var rows: [String]
    /// The series (arms), one marker colour and shape each.
    public var series: [String]
    /// `values[row][series]`: the difference to plot; a non-finite value is not drawn.
    public var values: [[Double]]
    /// Where the dashed reference lines go (± threshold); must be positive.
    public var threshold: Double
    /// The horizontal axis's label.
    public var axisLabel: String

    /// Creates a plot.
    ///
    /// - Precondition: `values` has one row per row label and one value per series in each.
    public init(title: String, rows: [String], series: [String], values: [[Double]], threshold: Double = 0.1,
                axisLabel: String = "Standardised difference against control") {
        precondition(values.count == rows.count && values.allSatisfy { $0.count == series.count },
                     "LovePlot: values must be rows x series")
        precondition(threshold > 0, "LovePlot: the threshold must be positive")
        self.title = title
        self.rows = rows
        self.series = series
        self.values = values
        self.threshold = threshold
        self.axisLabel = axisLabel
    }

    /// Colour-blind-safe colours (Okabe and Ito), one per series in turn.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    /// The plot as an SVG document.
    public func document() -> SVGDocument {
        let rowHeight = 22.0, left = 190.0, right = 30.0, top = 48.0, plotWidth = 420.0
        let legendHeight = 24.0 * Double(series.count)
        let height = top + rowHeight * Double(max(rows.count, 1)) + 50 + legendHeight
        var svg = SVGDocument(width: left + plotWidth + right, height: height, title: title)
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let extent = max(threshold * 1.5, (finite.map { abs($0) }.max() ?? 0) * 1.1)
        func x(_ value: Double) -> Double { left + (value + extent) / (2 * extent) * plotWidth }
        let bottom = top + rowHeight * Double(max(rows.count, 1))

        svg.add(.text(title, x: (left + plotWidth + right) / 2, y: 24, size: 15, anchor: .middle))
        svg.add(.rectangle(x: left, y: top, width: plotWidth, height: bottom - top, style: .stroke("#888", width: 0.8)))
        for (index, _) in rows.enumerated() where index % 2 == 1 {
            svg.add(.rectangle(x: left, y: top + rowHeight * Double(index), width: plotWidth, height: rowHeight, style: .fill("#f3f3f3")))
        }
        svg.add(.line(x1: x(0), y1: top, x2: x(0), y2: bottom, style: .stroke("#444", width: 1)))
        for sign in [-1.0, 1.0] {
            svg.add(.line(x1: x(sign * threshold), y1: top, x2: x(sign * threshold), y2: bottom, style: .stroke("#888", width: 1, dash: "4 3")))
        }
        // Axis ticks at 0, ± threshold and ± the extent rounded down to a tenth.
        var ticks = [0.0, threshold, -threshold]
        let outer = (extent * 10).rounded(.down) / 10
        if outer > threshold * 1.2 { ticks += [outer, -outer] }
        for tick in ticks {
            svg.add(.line(x1: x(tick), y1: bottom, x2: x(tick), y2: bottom + 5, style: .stroke("#444")))
            svg.add(.text(Self.label(tick), x: x(tick), y: bottom + 18, size: 11, anchor: .middle))
        }
        svg.add(.text(axisLabel, x: left + plotWidth / 2, y: bottom + 36, size: 12, anchor: .middle))
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * (Double(index) + 0.5)
            svg.add(.text(row, x: left - 8, y: y + 4, size: 12, anchor: .end))
            for (column, value) in values[index].enumerated() where value.isFinite {
                svg.add(marker(column, x: x(value), y: y))
            }
        }
        for (column, name) in series.enumerated() {
            let y = bottom + 56 + 24 * Double(column)
            svg.add(marker(column, x: left + 8, y: y - 4))
            svg.add(.text(name, x: left + 20, y: y, size: 12))
        }
        return svg
    }

    private func marker(_ series: Int, x: Double, y: Double) -> SVGElement {
        let colour = Self.palette[series % Self.palette.count]
        if series % 2 == 0 {
            return .circle(cx: x, cy: y, r: 4.5, style: .fill(colour))
        }
        return .rectangle(x: x - 4, y: y - 4, width: 8, height: 8, style: .fill(colour))
    }

    private static func label(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
