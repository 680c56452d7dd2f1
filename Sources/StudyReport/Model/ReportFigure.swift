/// A figure of the report: an SVG drawing with a title and a caption.
public struct ReportFigure: Sendable, Hashable {
    /// The figure's title.
    public var title: String
    /// The caption under it.
    public var caption: String
    /// A file name for the figure on its own (`love-plot.svg`).
    public var fileName: String
    /// The SVG document's text, starting with `<svg` (no XML declaration), so that it can be
    /// placed inside HTML as it is.
    public var svg: String

    /// Creates a figure from an SVG document's text; an XML declaration in front is dropped.
    ///
    /// - Parameters:
    ///   - title: the title.
    ///   - caption: the caption.
    ///   - fileName: the figure's own file name.
    ///   - svg: the SVG text.
    public init(title: String, caption: String, fileName: String, svg: String) {
        self.title = title
        self.caption = caption
        self.fileName = fileName
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") {
            self.svg = String(svg[end.upperBound...].drop { $0 == "\n" })
        } else {
            self.svg = svg
        }
    }
}
