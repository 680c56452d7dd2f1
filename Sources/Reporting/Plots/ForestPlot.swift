/// A forest plot: one row per comparison (an intervention arm against control), a marker at
/// its estimate and a horizontal line across its confidence interval, with a solid line at zero
/// (no effect) and a labelled horizontal axis.
///
/// ```swift
/// let plot = ForestPlot(title: "Effect on reoffending against control",
///                       rows: [.init(label: "mentoring", estimate: -0.08, lower: -0.14, upper: -0.02),
///                              .init(label: "police", estimate: 0.01, lower: -0.05, upper: 0.07)],
///                       axisLabel: "Difference in reoffending (95% CI)")
/// let svg = plot.document().render()
/// ```
public struct ForestPlot: Sendable, Equatable {
    /// One comparison: its estimate and confidence limits.
    public struct Row: Sendable, Equatable {
        /// The row's label (the arm's name).
        public var label: String
        /// The point estimate; a non-finite estimate draws no marker.
        public var estimate: Double
        /// The lower confidence limit; the interval is drawn only when both limits are finite.
        public var lower: Double
        /// The upper confidence limit.
        public var upper: Double

        /// Creates a row.
        public init(label: String, estimate: Double, lower: Double, upper: Double) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
    }

    /// The plot's title.
    public var title: String
    /// The rows, top to bottom.
    public var rows: [Row]
    /// The horizontal axis's label.
    public var axisLabel: String
    /// The value of no effect, drawn as a vertical line: 0 for differences, 1 for ratios.
    public var reference: Double

    /// Creates a plot.
    ///
    /// - Parameters:
    ///   - title: The title above the plot.
    ///   - rows: The comparisons, top to bottom.
    ///   - axisLabel: The horizontal axis's label; default "Estimate against control".
    ///   - reference: The value of no effect; default 0 (use 1 for ratios).
    public init(title: String, rows: [Row], axisLabel: String = "Estimate against control", reference: Double = 0) {
        self.title = title
        self.rows = rows
        self.axisLabel = axisLabel
        self.reference = reference
    }

    /// The plot as an SVG document.
    public func document() -> SVGDocument {
        let rowHeight = 28.0, left = 190.0, right = 30.0, top = 48.0, plotWidth = 420.0
        let bottom = top + rowHeight * Double(max(rows.count, 1))
        var svg = SVGDocument(width: left + plotWidth + right, height: bottom + 50, title: title)

        // The axis always includes the reference, and every finite estimate and limit.
        let finite = rows.flatMap { [$0.estimate, $0.lower, $0.upper] }.filter(\.isFinite)
        var low = min(reference, finite.min() ?? reference), high = max(reference, finite.max() ?? reference)
        if high - low == 0 { low -= 1; high += 1 }
        let ticks = Self.ticks(low: low, high: high)
        low = min(low, ticks.values.first!)
        high = max(high, ticks.values.last!)
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * plotWidth }

        svg.add(.text(title, x: (left + plotWidth + right) / 2, y: 24, size: 15, anchor: .middle))
        svg.add(.rectangle(x: left, y: top, width: plotWidth, height: bottom - top, style: .stroke("#888", width: 0.8)))
        svg.add(.line(x1: x(reference), y1: top, x2: x(reference), y2: bottom, style: .stroke("#444", width: 1)))
        for tick in ticks.values {
            svg.add(.line(x1: x(tick), y1: bottom, x2: x(tick), y2: bottom + 5, style: .stroke("#444")))
            svg.add(.text(Self.label(tick, decimals: ticks.decimals), x: x(tick), y: bottom + 18, size: 11, anchor: .middle))
        }
        svg.add(.text(axisLabel, x: left + plotWidth / 2, y: bottom + 38, size: 12, anchor: .middle))
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * (Double(index) + 0.5)
            svg.add(.text(row.label, x: left - 8, y: y + 4, size: 12, anchor: .end))
            if row.lower.isFinite && row.upper.isFinite {
                svg.add(.line(x1: x(row.lower), y1: y, x2: x(row.upper), y2: y, style: .stroke("#0072B2", width: 2)))
                for end in [row.lower, row.upper] {
                    svg.add(.line(x1: x(end), y1: y - 5, x2: x(end), y2: y + 5, style: .stroke("#0072B2", width: 2)))
                }
            }
            if row.estimate.isFinite {
                svg.add(.rectangle(x: x(row.estimate) - 5, y: y - 5, width: 10, height: 10, style: .fill("#0072B2")))
            }
        }
        return svg
    }

    /// Evenly spaced ticks at a 1, 2 or 5 × 10ᵏ step covering [low, high], and the decimals
    /// their labels need.
    static func ticks(low: Double, high: Double) -> (values: [Double], decimals: Int) {
        let rough = (high - low) / 5
        let magnitude = pow10(Int((log10(rough)).rounded(.down)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        let decimals = max(0, -Int((log10(step)).rounded(.down)))
        return (values, decimals)
    }

    /// `value` with exactly `decimals` decimals.
    static func label(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let scaled = Int64((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / Int64(scale)
        guard decimals > 0 else { return "\(sign)\(whole)" }
        let fraction = String(scaled % Int64(scale))
        return "\(sign)\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0 ..< abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    private static func log10(_ value: Double) -> Double {
        // Reporting imports nothing; log10 from the exponent and significand is exact enough
        // for choosing a tick step.
        var exponent = 0, v = value
        while v >= 10 { v /= 10; exponent += 1 }
        while v < 1 { v *= 10; exponent -= 1 }
        return Double(exponent) + (v - 1) / 9 // monotone in v, and only its floor is used
    }
}
