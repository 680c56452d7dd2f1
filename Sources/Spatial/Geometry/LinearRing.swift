/// A closed ring of straight edges: the boundary of an exterior or of a hole.
///
/// The vertices are kept without repeating the first at the end; the edge from the last vertex
/// back to the first is implied. Orientation is free: ``signedArea`` is positive for an
/// anticlockwise ring. Use ``Polygon/validate()`` (or ``validate(role:)``) to check that a ring is
/// simple before relying on area or containment.
public struct LinearRing: Hashable, Sendable {
    /// The vertices in order, the first not repeated at the end.
    public let vertices: [Point]
    /// The smallest box holding every vertex.
    public let bounds: BoundingBox

    /// Creates a ring from its vertices, open or closed: a last vertex equal to the first is dropped.
    /// - Parameter vertices: At least one vertex. A ring needs three distinct vertices to be
    ///   valid; ``validate(role:)`` reports fewer as a data error.
    /// - Precondition: `vertices` is not empty.
    /// - Complexity: O(n).
    public init(_ vertices: [Point]) {
        precondition(!vertices.isEmpty, "LinearRing needs at least one vertex")
        var open = vertices
        if open.count > 1, open.first == open.last { open.removeLast() }
        self.vertices = open
        self.bounds = BoundingBox(covering: open)!
    }

    /// Creates a ring from a closed coordinate sequence, in which the last point repeats the first
    /// (the GeoJSON and WKT convention).
    /// - Parameters:
    ///   - closedVertices: The vertices with the first repeated at the end.
    ///   - role: Which ring this is, for the error message.
    /// - Throws: ``GeometryValidityError`` when the sequence is empty or not closed.
    /// - Complexity: O(n).
    public init(closedVertices: [Point], role: RingRole = .exterior(polygon: 0)) throws {
        guard let first = closedVertices.first else {
            throw GeometryValidityError(role: role, vertex: nil, problem: .tooFewVertices(count: 0))
        }
        guard closedVertices.count > 1, first == closedVertices.last! else {
            throw GeometryValidityError(role: role, vertex: closedVertices.count - 1, problem: .unclosed)
        }
        self.init(closedVertices)
    }

    /// The vertices with the first repeated at the end, as GeoJSON and WKT write them.
    public var closedVertices: [Point] { vertices + [vertices[0]] }

    /// The number of edges (equal to the number of vertices).
    public var edgeCount: Int { vertices.count }

    /// The shoelace area, positive when the ring runs anticlockwise.
    ///
    /// Computed relative to the first vertex, as GEOS does, so that large coordinates (British
    /// National Grid metres) lose no digits to cancellation; agrees with shapely's
    /// `LinearRing.is_ccw`-signed area to about 1e-15 relative on the test rings.
    /// - Complexity: O(n).
    public var signedArea: Double {
        let n = vertices.count
        guard n >= 3 else { return 0 }
        let origin = vertices[0]
        var sum = 0.0
        var previous = Point(x: 0, y: 0)
        for i in 1 ..< n {
            let current = Point(x: vertices[i].x - origin.x, y: vertices[i].y - origin.y)
            sum += previous.x * current.y - current.x * previous.y
            previous = current
        }
        return sum / 2
    }

    /// The enclosed area, whatever the orientation.
    public var area: Double { abs(signedArea) }

    /// Whether the ring runs anticlockwise (positive signed area).
    public var isCounterClockwise: Bool { signedArea > 0 }

    /// The ring traversed the other way round.
    public var reversed: LinearRing { LinearRing(Array(vertices.reversed())) }

    /// The ring run anticlockwise (`true`) or clockwise (`false`), reversed if needed.
    public func oriented(counterClockwise: Bool) -> LinearRing {
        isCounterClockwise == counterClockwise || signedArea == 0 ? self : reversed
    }

    /// The centroid of the enclosed region, or `nil` when the ring has zero area.
    /// - Complexity: O(n).
    public var centroid: Point? {
        let moments = areaMoments
        guard moments.area != 0 else { return nil }
        return Point(x: moments.origin.x + moments.sx / (3 * moments.area),
                     y: moments.origin.y + moments.sy / (3 * moments.area))
    }

    /// The signed area and first moments (times 3) about the first vertex.
    var areaMoments: (area: Double, sx: Double, sy: Double, origin: Point) {
        let n = vertices.count
        let origin = vertices[0]
        guard n >= 3 else { return (0, 0, 0, origin) }
        var area = 0.0, sx = 0.0, sy = 0.0
        var previous = Point(x: 0, y: 0)
        for i in 1 ..< n {
            let current = Point(x: vertices[i].x - origin.x, y: vertices[i].y - origin.y)
            let cross = previous.x * current.y - current.x * previous.y
            area += cross
            sx += (previous.x + current.x) * cross
            sy += (previous.y + current.y) * cross
            previous = current
        }
        return (area / 2, sx / 2, sy / 2, origin)
    }

    /// Where a point lies relative to the region this ring encloses.
    ///
    /// A winding-number test whose every side-of-edge decision is exact (``orientation(_:_:_:)``),
    /// so a point on an edge or at a vertex is `.onBoundary` for any representable coordinates.
    /// Agrees with shapely's `contains`/`touches` on every test point.
    /// - Parameter point: The point to locate.
    /// - Returns: `.inside`, `.onBoundary` or `.outside`.
    /// - Complexity: O(n) in the number of vertices.
    public func locate(_ point: Point) -> PointLocation {
        guard bounds.contains(point) else { return .outside }
        return locateIgnoringBounds(point)
    }

    @usableFromInline
    func locateIgnoringBounds(_ p: Point) -> PointLocation {
        var winding = 0
        let n = vertices.count
        var a = vertices[n - 1]
        for i in 0 ..< n {
            let b = vertices[i]
            let aAbove = a.y > p.y, bAbove = b.y > p.y
            if aAbove != bAbove {
                // Cheap rejection: the edge lies wholly left of p, so cannot cross the ray.
                if a.x < p.x && b.x < p.x {
                    a = b
                    continue
                }
                let side = orientationSign(a, b, p)
                if side == 0 { return .onBoundary }
                if bAbove {
                    if side > 0 { winding += 1 }
                } else if side < 0 {
                    winding -= 1
                }
            } else if a.y == p.y {
                if a.x == p.x { return .onBoundary }
                if b.y == p.y && (a.x < p.x) != (b.x < p.x) { return .onBoundary }
            }
            a = b
        }
        return winding != 0 ? .inside : .outside
    }
}
