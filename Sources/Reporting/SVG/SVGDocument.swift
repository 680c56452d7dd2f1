/// A small SVG 1.1 document builder with no dependencies: shapes and text are added in drawing
/// order and ``render()`` gives the file's text.
///
/// ```swift
/// var svg = SVGDocument(width: 400, height: 300)
/// svg.add(.line(x1: 10, y1: 10, x2: 390, y2: 10, style: .stroke("#444", width: 1)))
/// svg.add(.text("Standardised mean difference", x: 200, y: 290, anchor: .middle))
/// try svg.render().write(toFile: "plot.svg", atomically: true, encoding: .utf8)
/// ```
///
/// Text is escaped for XML; numbers are written with at most two decimals so that files are
/// small and stable from run to run.
public struct SVGDocument: Sendable, Equatable {
    /// The width in user units (pixels).
    public var width: Double
    /// The height in user units (pixels).
    public var height: Double
    /// The document's title, shown by viewers and read by screen readers.
    public var title: String?
    /// The elements, in drawing order (later ones on top).
    public private(set) var elements: [SVGElement] = []

    /// Creates an empty document.
    ///
    /// - Parameters:
    ///   - width: width in pixels; positive.
    ///   - height: height in pixels; positive.
    ///   - title: an optional title.
    public init(width: Double, height: Double, title: String? = nil) {
        precondition(width > 0 && height > 0, "an SVG document needs a positive size")
        self.width = width
        self.height = height
        self.title = title
    }

    /// Adds an element on top of those already added.
    public mutating func add(_ element: SVGElement) {
        elements.append(element)
    }

    /// The document as SVG text, starting with the XML declaration.
    public func render() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGFormat.number(width))\" height=\"\(SVGFormat.number(height))\" "
        out += "viewBox=\"0 0 \(SVGFormat.number(width)) \(SVGFormat.number(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        if let title { out += "<title>\(SVGFormat.escape(title))</title>\n" }
        for element in elements {
            out += element.render() + "\n"
        }
        out += "</svg>\n"
        return out
    }
}

/// Formatting shared by the SVG elements.
enum SVGFormat {
    /// A number with at most two decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 100).rounded()
        let whole = Int64(scaled) / 100
        let fraction = abs(Int64(scaled) % 100)
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        if fraction == 0 { return "\(sign)\(whole)" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(sign)\(whole).\(digits)"
    }

    /// Text with `&`, `<`, `>`, `"` and `'` escaped for XML.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
