import Spatial

/// Maps British National Grid metres onto an SVG drawing, north up, keeping the aspect ratio.
struct MapProjection {
    let bounds: BoundingBox
    let scale: Double
    let left: Double
    let top: Double

    /// A projection of `bounds` into a box `width` wide, with `margin` around it.
    init(bounds: BoundingBox, width: Double, margin: Double, top: Double) {
        self.bounds = bounds
        let span = max(bounds.width, bounds.height * 1e-9, 1)
        scale = (width - 2 * margin) / span
        left = margin
        self.top = top
    }

    /// The drawing's height for the map itself.
    var height: Double { bounds.height * scale }

    /// A point's position on the drawing.
    func position(_ point: Point) -> (x: Double, y: Double) {
        (left + (point.x - bounds.minX) * scale, top + (bounds.maxY - point.y) * scale)
    }

    /// A closed ring's positions (the first point repeated at the end).
    func ring(_ ring: LinearRing) -> [(x: Double, y: Double)] {
        ring.closedVertices.map(position)
    }
}
