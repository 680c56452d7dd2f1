/// One drawn element of an ``SVGDocument``.
public enum SVGElement: Sendable, Equatable {
    /// A straight line.
    case line(x1: Double, y1: Double, x2: Double, y2: Double, style: SVGStyle)
    /// A rectangle with its top-left corner at (x, y).
    case rectangle(x: Double, y: Double, width: Double, height: Double, style: SVGStyle)
    /// A circle.
    case circle(cx: Double, cy: Double, r: Double, style: SVGStyle)
    /// Connected line segments through the points.
    case polyline(points: [(x: Double, y: Double)], style: SVGStyle)
    /// Text at (x, y), the baseline at y.
    case text(String, x: Double, y: Double, size: Double = 12, anchor: SVGTextAnchor = .start, fill: String = "#222")

    /// Points compared coordinate by coordinate (tuples are not `Equatable`).
    public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool {
        lhs.render() == rhs.render()
    }

    /// The element's SVG markup.
    public func render() -> String {
        let n = SVGFormat.number
        switch self {
        case let .line(x1, y1, x2, y2, style):
            return "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"\(style.attributes)/>"
        case let .rectangle(x, y, width, height, style):
            return "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\"\(style.attributes)/>"
        case let .circle(cx, cy, r, style):
            return "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\"\(style.attributes)/>"
        case let .polyline(points, style):
            let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
            return "<polyline points=\"\(list)\"\(style.attributes)/>"
        case let .text(text, x, y, size, anchor, fill):
            return "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(SVGFormat.escape(fill))\">\(SVGFormat.escape(text))</text>"
        }
    }
}

/// Where text sits relative to its x coordinate.
public enum SVGTextAnchor: String, Sendable, Equatable {
    /// Text starts at x.
    case start
    /// Text is centred on x.
    case middle
    /// Text ends at x.
    case end
}

/// Fill and stroke of a shape.
public struct SVGStyle: Sendable, Equatable {
    /// The fill colour (`none` for none).
    public var fill: String
    /// The stroke colour (`none` for none).
    public var stroke: String
    /// The stroke width.
    public var strokeWidth: Double
    /// A dash pattern such as `4 3`, or `nil` for a solid line.
    public var dash: String?

    /// Creates a style.
    public init(fill: String = "none", stroke: String = "none", strokeWidth: Double = 1, dash: String? = nil) {
        self.fill = fill
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.dash = dash
    }

    /// A stroked outline with no fill.
    public static func stroke(_ colour: String, width: Double = 1, dash: String? = nil) -> SVGStyle {
        SVGStyle(stroke: colour, strokeWidth: width, dash: dash)
    }

    /// A filled shape with no outline.
    public static func fill(_ colour: String) -> SVGStyle {
        SVGStyle(fill: colour)
    }

    var attributes: String {
        var out = " fill=\"\(SVGFormat.escape(fill))\" stroke=\"\(SVGFormat.escape(stroke))\""
        if stroke != "none" { out += " stroke-width=\"\(SVGFormat.number(strokeWidth))\"" }
        if let dash { out += " stroke-dasharray=\"\(SVGFormat.escape(dash))\"" }
        return out
    }
}
