/// A polygon: one exterior ring and any number of holes.
///
/// Orientation of the rings is free on construction; ``normalized()`` gives the anticlockwise
/// exterior and clockwise holes that GeoJSON (RFC 7946) asks for. A valid polygon (see
/// ``validate()``) has a simple exterior and simple holes lying inside it.
public struct Polygon: Hashable, Sendable {
    /// The outer boundary.
    public let exterior: LinearRing
    /// The holes, each inside the exterior.
    public let holes: [LinearRing]

    /// Creates a polygon from its rings, unchecked; call ``validate()`` on data from outside.
    public init(exterior: LinearRing, holes: [LinearRing] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Creates a polygon without holes from its exterior vertices (open or closed).
    /// - Precondition: `exterior` is not empty.
    public init(_ exterior: [Point]) {
        self.init(exterior: LinearRing(exterior))
    }

    /// The exterior ring followed by the holes.
    public var rings: [LinearRing] { [exterior] + holes }

    /// The smallest box holding the polygon (that of its exterior).
    public var bounds: BoundingBox { exterior.bounds }

    /// The area: that of the exterior less those of the holes, whatever their orientation.
    /// - Complexity: O(n) in the number of vertices.
    public var area: Double {
        holes.reduce(exterior.area) { $0 - $1.area }
    }

    /// The centroid of the region, or `nil` when its area is zero.
    ///
    /// The area-weighted mean of the ring centroids (holes weighted negatively), each computed
    /// about its ring's first vertex; agrees with shapely's `centroid` to 1e-15 relative on
    /// the test polygons.
    /// - Complexity: O(n).
    public var centroid: Point? { areaMoments.centroid }

    var areaMoments: AreaMoments {
        var total = AreaMoments()
        for (index, ring) in rings.enumerated() {
            let m = ring.areaMoments
            // Exterior counts positively and holes negatively, whatever each ring's orientation.
            let sign: Double = (index == 0) == (m.area >= 0) ? 1 : -1
            total.add(area: sign * m.area, sx: sign * m.sx, sy: sign * m.sy, origin: m.origin)
        }
        return total
    }

    /// Where a point lies: inside the exterior and in no hole is `.inside`; on any ring is
    /// `.onBoundary`; inside a hole is `.outside`.
    ///
    /// Exact for every finite coordinate (see ``LinearRing/locate(_:)``).
    /// - Complexity: O(n) in the number of vertices.
    public func locate(_ point: Point) -> PointLocation {
        let outer = exterior.locate(point)
        guard outer == .inside else { return outer }
        for hole in holes {
            switch hole.locate(point) {
            case .inside: return .outside
            case .onBoundary: return .onBoundary
            case .outside: continue
            }
        }
        return .inside
    }

    /// Whether the point is inside or on the boundary (shapely's `intersects`/`covers`).
    public func covers(_ point: Point) -> Bool { locate(point) != .outside }

    /// The same polygon with an anticlockwise exterior and clockwise holes (RFC 7946 winding).
    public func normalized() -> Polygon {
        Polygon(exterior: exterior.oriented(counterClockwise: true),
                holes: holes.map { $0.oriented(counterClockwise: false) })
    }

    /// Whether the polygon has no holes and its exterior turns the same way at every vertex
    /// (collinear vertices allowed), decided exactly.
    /// - Complexity: O(n).
    public var isConvex: Bool {
        guard holes.isEmpty else { return false }
        let v = exterior.vertices
        let n = v.count
        guard n >= 3 else { return false }
        var sign = 0
        for i in 0 ..< n {
            let s = orientationSign(v[i], v[(i + 1) % n], v[(i + 2) % n])
            if s == 0 { continue }
            if sign == 0 { sign = s } else if s != sign { return false }
        }
        return sign != 0
    }
}

/// Running sums of signed area and first moments of several rings, for centroids.
struct AreaMoments {
    var area = 0.0
    var momentX = 0.0
    var momentY = 0.0
    var reference: Point?

    /// Adds a ring's signed area and moments (times 3) taken about `origin`.
    mutating func add(area a: Double, sx: Double, sy: Double, origin: Point) {
        let ref = reference ?? origin
        reference = ref
        // Shift the moments from `origin` to the shared reference point.
        let dx = origin.x - ref.x, dy = origin.y - ref.y
        area += a
        momentX += sx + 3 * a * dx
        momentY += sy + 3 * a * dy
    }

    mutating func add(_ other: AreaMoments) {
        guard let origin = other.reference else { return }
        add(area: other.area, sx: other.momentX, sy: other.momentY, origin: origin)
    }

    var centroid: Point? {
        guard area != 0, let ref = reference else { return nil }
        return Point(x: ref.x + momentX / (3 * area), y: ref.y + momentY / (3 * area))
    }
}
