/// The convex hull of a set of points, with the degenerate cases spelt out.
public enum ConvexHull: Hashable, Sendable {
    /// No points were given.
    case empty
    /// Every point was the same point.
    case point(Point)
    /// Every point lay on one line: the hull is the segment between the two extremes.
    case segment(Point, Point)
    /// The hull has area: an anticlockwise ring of its corners, starting at the lowest-x
    /// (then lowest-y) point, with collinear boundary points left out.
    case polygon(LinearRing)

    /// Computes the convex hull by Andrew's monotone chain.
    ///
    /// Points are sorted by x then y, and the lower and upper chains are built with exact
    /// orientation tests (``orientation(_:_:_:)``), so collinear points — on the boundary or in
    /// all-collinear input — are dropped reliably and never produce spurious corners. Agrees
    /// with shapely's `MultiPoint.convex_hull` (same vertex set, equal area to 1e-12 relative)
    /// on the test sets.
    /// - Parameter points: Any finite points, in any order, repeats allowed.
    /// - Complexity: O(n log n).
    public init<S: Sequence>(of points: S) where S.Element == Point {
        var sorted = Array(points)
        sorted.sort { $0.x < $1.x || ($0.x == $1.x && $0.y < $1.y) }
        guard let first = sorted.first else { self = .empty; return }
        guard let last = sorted.last, last != first else { self = .point(first); return }

        var hull: [Point] = []
        hull.reserveCapacity(sorted.count + 1)
        // Lower chain, left to right; a non-left turn pops the middle point.
        for p in sorted {
            while hull.count >= 2 && orientationSign(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 {
                hull.removeLast()
            }
            hull.append(p)
        }
        // Upper chain, right to left.
        let lowerCount = hull.count + 1
        for p in sorted.reversed().dropFirst() {
            while hull.count >= lowerCount && orientationSign(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 {
                hull.removeLast()
            }
            hull.append(p)
        }
        hull.removeLast()  // the first point, reached again
        if hull.count < 3 {
            self = .segment(first, last)
        } else {
            self = .polygon(LinearRing(hull))
        }
    }

    /// The hull as a polygon, or `nil` when it has no area.
    public var polygon: Polygon? {
        if case .polygon(let ring) = self { return Polygon(exterior: ring) }
        return nil
    }

    /// The hull's area: zero for the degenerate cases.
    public var area: Double { polygon?.area ?? 0 }
}
