#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A forest plot across outcomes: one panel per outcome (reoffending risk difference, odds
/// ratio, rate ratio, harm difference, hazard ratio...), each on its own axis, with the arms as
/// rows within each panel.
///
/// A difference is drawn on a linear axis with its no-effect line at 0; a ratio on a
/// logarithmic axis with its no-effect line at 1, so that halving and doubling sit at equal
/// distances either side. Each panel's axis covers its own estimates and limits (and the
/// no-effect value), so outcomes on very different scales stay readable side by side.
///
/// ```swift
/// let plot = OutcomeForestPlot(title: "Effects against control", groups: [
///     .init(title: "Any reoffending", axisLabel: "Odds ratio (95% CI)", scale: .ratio,
///           rows: [.init(label: "police", estimate: 0.71, lower: 0.52, upper: 0.97)]),
///     .init(title: "Harm (days)", axisLabel: "Difference in harm (95% CI)", scale: .difference,
///           rows: [.init(label: "police", estimate: -12.5, lower: -30.1, upper: 5.2)])])
/// let svg = plot.document().render()
/// ```
public struct OutcomeForestPlot: Sendable, Equatable {
    /// How a panel's axis is drawn.
    public enum Scale: String, Sendable, Hashable, CaseIterable {
        /// A difference: a linear axis with the no-effect line at 0.
        case difference
        /// A ratio: a logarithmic axis with the no-effect line at 1; non-positive values are not drawn.
        case ratio

        /// The value of no effect: 0 for differences, 1 for ratios.
        public var reference: Double { self == .ratio ? 1 : 0 }
    }

    /// One outcome's panel: its title, axis and rows.
    public struct Group: Sendable, Equatable {
        /// The outcome's title above the panel (for example "Any reoffending (odds ratio)").
        public var title: String
        /// The panel's horizontal axis label.
        public var axisLabel: String
        /// Whether the panel shows differences or ratios.
        public var scale: Scale
        /// The arms' rows, top to bottom; a row with a non-finite (or, for ratios, non-positive)
        /// estimate draws no marker, and its interval is drawn only when both limits can be.
        public var rows: [ForestPlot.Row]

        /// Creates a panel.
        ///
        /// - Parameters:
        ///   - title: The outcome's title.
        ///   - axisLabel: The axis label.
        ///   - scale: ``Scale/difference`` or ``Scale/ratio``.
        ///   - rows: The arms' rows, top to bottom.
        public init(title: String, axisLabel: String, scale: Scale, rows: [ForestPlot.Row]) {
            self.title = title
            self.axisLabel = axisLabel
            self.scale = scale
            self.rows = rows
        }
    }

    /// The plot's title.
    public var title: String
    /// The panels, top to bottom.
    public var groups: [Group]

    /// Creates a plot.
    ///
    /// - Parameters:
    ///   - title: The title above the plot.
    ///   - groups: One panel per outcome, top to bottom.
    public init(title: String, groups: [Group]) {
        self.title = title
        self.groups = groups
    }

    /// Layout constants, in SVG user units.
    private enum Layout {
        static let left = 190.0, plotWidth = 420.0, right = 30.0, rowHeight = 28.0
        static let titleHeight = 48.0, groupTitle = 26.0, axisBelow = 50.0, gap = 16.0
    }

    /// The plot as an SVG document: the title, then each panel's title, rows and axis.
    public func document() -> SVGDocument {
        let width = Layout.left + Layout.plotWidth + Layout.right
        let heights = groups.map { Layout.groupTitle + Layout.rowHeight * Double(max($0.rows.count, 1)) + Layout.axisBelow }
        let height = Layout.titleHeight + heights.reduce(0, +) + Layout.gap * Double(max(groups.count - 1, 0)) + 10
        var svg = SVGDocument(width: width, height: height, title: title)
        svg.add(.text(title, x: width / 2, y: 24, size: 15, anchor: .middle))
        var top = Layout.titleHeight
        for (group, groupHeight) in zip(groups, heights) {
            draw(group, top: top, into: &svg)
            top += groupHeight + Layout.gap
        }
        return svg
    }

    /// Draws one panel whose title starts at `top`.
    private func draw(_ group: Group, top: Double, into svg: inout SVGDocument) {
        let left = Layout.left, plotWidth = Layout.plotWidth
        svg.add(.text(group.title, x: left, y: top + 16, size: 13))
        let panelTop = top + Layout.groupTitle
        let bottom = panelTop + Layout.rowHeight * Double(max(group.rows.count, 1))
        let axis = PanelAxis(group)
        func x(_ value: Double) -> Double { left + axis.position(value) * plotWidth }

        svg.add(.rectangle(x: left, y: panelTop, width: plotWidth, height: bottom - panelTop, style: .stroke("#888", width: 0.8)))
        svg.add(.line(x1: x(group.scale.reference), y1: panelTop, x2: x(group.scale.reference), y2: bottom,
                      style: .stroke("#444", width: 1)))
        for tick in axis.ticks {
            svg.add(.line(x1: x(tick.value), y1: bottom, x2: x(tick.value), y2: bottom + 5, style: .stroke("#444")))
            svg.add(.text(tick.label, x: x(tick.value), y: bottom + 18, size: 11, anchor: .middle))
        }
        svg.add(.text(group.axisLabel, x: left + plotWidth / 2, y: bottom + 38, size: 12, anchor: .middle))
        for (index, row) in group.rows.enumerated() {
            let y = panelTop + Layout.rowHeight * (Double(index) + 0.5)
            svg.add(.text(row.label, x: left - 8, y: y + 4, size: 12, anchor: .end))
            if axis.isDrawable(row.lower) && axis.isDrawable(row.upper) {
                svg.add(.line(x1: x(row.lower), y1: y, x2: x(row.upper), y2: y, style: .stroke("#0072B2", width: 2)))
                for end in [row.lower, row.upper] {
                    svg.add(.line(x1: x(end), y1: y - 5, x2: x(end), y2: y + 5, style: .stroke("#0072B2", width: 2)))
                }
            }
            if axis.isDrawable(row.estimate) {
                svg.add(.rectangle(x: x(row.estimate) - 5, y: y - 5, width: 10, height: 10, style: .fill("#0072B2")))
            }
        }
    }
}

/// One panel's axis: its range, ticks and the map from a value to a fraction of the width.
struct PanelAxis {
    let scale: OutcomeForestPlot.Scale
    /// The range, in the axis's own units: values for differences, natural logs for ratios.
    let low: Double
    let high: Double
    let ticks: [(value: Double, label: String)]

    init(_ group: OutcomeForestPlot.Group) {
        scale = group.scale
        let reference = group.scale.reference
        let values = group.rows.flatMap { [$0.estimate, $0.lower, $0.upper] }
            .filter { $0.isFinite && (group.scale == .difference || $0 > 0) }
        var low = min(reference, values.min() ?? reference), high = max(reference, values.max() ?? reference)
        switch group.scale {
        case .difference:
            if high - low == 0 { low -= 1; high += 1 }
            let ticks = ForestPlot.ticks(low: low, high: high)
            self.low = min(low, ticks.values.first!)
            self.high = max(high, ticks.values.last!)
            self.ticks = ticks.values.map { ($0, ForestPlot.label($0, decimals: ticks.decimals)) }
        case .ratio:
            if high / low < 1.1 { low /= 1.1; high *= 1.1 }
            let ticks = Self.ratioTicks(low: low, high: high)
            self.low = log(min(low, ticks.first!))
            self.high = log(max(high, ticks.last!))
            self.ticks = ticks.map { ($0, Self.ratioLabel($0)) }
        }
    }

    /// Whether a value can be placed on the axis (finite, and positive for ratios).
    func isDrawable(_ value: Double) -> Bool {
        value.isFinite && (scale == .difference || value > 0)
    }

    /// The value's position as a fraction of the panel's width.
    func position(_ value: Double) -> Double {
        let v = scale == .ratio ? log(value) : value
        return (v - low) / (high - low)
    }

    /// Ticks for a logarithmic axis covering [low, high]: 1, 2, 5 × 10ᵏ over a wide range, or
    /// evenly spaced values over a narrow one (where the 1-2-5 steps would leave too few).
    static func ratioTicks(low: Double, high: Double) -> [Double] {
        let first = Int(log10(low).rounded(.down)), last = Int(log10(high).rounded(.up))
        let decades = (first ... last).flatMap { k in [1.0, 2, 5].map { $0 * pow(10, Double(k)) } }
        var covering = decades.filter { $0 >= low && $0 <= high }
        if covering.count >= 3 {
            // Extend to the nearest 1-2-5 ticks outside the range so the axis ends on a tick.
            if let below = decades.last(where: { $0 < low }) { covering.insert(below, at: 0) }
            if let above = decades.first(where: { $0 > high }) { covering.append(above) }
            return covering
        }
        let linear = ForestPlot.ticks(low: low, high: high).values.filter { $0 > 0 }
        return linear.count >= 2 ? linear : [low, high]
    }

    /// A ratio tick's label with as many decimals as it needs (at most 4), e.g. 0.05, 0.8, 1, 2.5.
    static func ratioLabel(_ value: Double) -> String {
        for decimals in 0 ... 4 {
            let scale = pow(10, Double(decimals))
            if abs((value * scale).rounded() - value * scale) < 1e-6 * scale {
                return ForestPlot.label(value, decimals: decimals)
            }
        }
        return ForestPlot.label(value, decimals: 4)
    }
}
