/// A set of polygons whose interiors do not overlap: the result type of polygon intersection and
/// union, and the GeoJSON `MultiPolygon`.
public struct MultiPolygon: Hashable, Sendable {
    /// The member polygons.
    public let polygons: [Polygon]

    /// Creates a multipolygon from its parts, unchecked.
    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
    }

    /// The empty multipolygon.
    public static let empty = MultiPolygon([])

    /// Whether there are no parts.
    public var isEmpty: Bool { polygons.isEmpty }

    /// The total area of the parts.
    /// - Complexity: O(n) in the number of vertices.
    public var area: Double { polygons.reduce(0) { $0 + $1.area } }

    /// The area-weighted centroid of the parts, or `nil` when the total area is zero.
    /// - Complexity: O(n).
    public var centroid: Point? {
        var total = AreaMoments()
        for polygon in polygons { total.add(polygon.areaMoments) }
        return total.centroid
    }

    /// The smallest box holding every part, or `nil` when empty.
    public var bounds: BoundingBox? {
        polygons.dropFirst().reduce(polygons.first?.bounds) { $0!.union($1.bounds) }
    }

    /// Where a point lies: `.inside` if inside any part, else `.onBoundary` if on any part's
    /// boundary, else `.outside`.
    /// - Complexity: O(n).
    public func locate(_ point: Point) -> PointLocation {
        var onBoundary = false
        for polygon in polygons {
            switch polygon.locate(point) {
            case .inside: return .inside
            case .onBoundary: onBoundary = true
            case .outside: break
            }
        }
        return onBoundary ? .onBoundary : .outside
    }

    /// Every part with an anticlockwise exterior and clockwise holes.
    public func normalized() -> MultiPolygon { MultiPolygon(polygons.map { $0.normalized() }) }
}
