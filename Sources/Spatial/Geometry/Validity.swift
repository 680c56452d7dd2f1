extension LinearRing {
    /// Checks that the ring is usable as a polygon boundary: finite coordinates, at least three
    /// distinct vertices, non-zero area, and simple (no two non-adjacent edges meet, and adjacent
    /// edges meet only at their shared vertex).
    /// - Parameter role: Which ring this is, for the error message.
    /// - Throws: ``GeometryValidityError`` naming `role` and the first vertex at fault.
    /// - Complexity: O(n log n + k) for n vertices and k pairs of edges whose x-ranges overlap
    ///   (a sweep over x), each pair decided with exact orientation tests.
    public func validate(role: RingRole = .exterior(polygon: 0)) throws {
        for (i, v) in vertices.enumerated() where !v.isFinite {
            throw GeometryValidityError(role: role, vertex: i, problem: .nonFiniteCoordinate)
        }
        // Consecutive repeated vertices are tolerated (as GEOS does); count distinct ones.
        var distinct: [Point] = []
        var originalIndex: [Int] = []
        for (i, v) in vertices.enumerated() where distinct.last != v {
            distinct.append(v)
            originalIndex.append(i)
        }
        if distinct.count > 1, distinct.first == distinct.last {
            distinct.removeLast()
            originalIndex.removeLast()
        }
        guard Set(distinct).count >= 3 else {
            throw GeometryValidityError(role: role, vertex: nil, problem: .tooFewVertices(count: Set(distinct).count))
        }
        if let (i, j, at) = firstSelfIntersection(distinct) {
            throw GeometryValidityError(role: role, vertex: originalIndex[i],
                                        problem: .selfIntersection(otherVertex: originalIndex[j], at: at))
        }
        guard LinearRing(distinct).signedArea != 0 else {
            throw GeometryValidityError(role: role, vertex: nil, problem: .zeroArea)
        }
    }
}

extension Polygon {
    /// Checks the polygon as OGC Simple Features define validity (as far as listed here): every
    /// ring valid (see ``LinearRing/validate(role:)``), every hole inside the exterior without
    /// crossing it, and no hole inside or across another. Touching at single points is allowed.
    /// - Parameter index: The polygon's index, for the error message (0 for a lone polygon).
    /// - Throws: ``GeometryValidityError`` naming the ring and vertex at fault.
    /// - Complexity: O(n log n + k) per ring plus O(h · n) for the hole checks.
    public func validate(index: Int = 0) throws {
        try exterior.validate(role: .exterior(polygon: index))
        for (h, hole) in holes.enumerated() {
            let role = RingRole.hole(polygon: index, hole: h)
            try hole.validate(role: role)
            if let vertex = hole.vertices.firstIndex(where: { exterior.locate($0) == .outside })
                ?? firstProperCrossing(hole, exterior) {
                throw GeometryValidityError(role: role, vertex: vertex, problem: .holeOutsideShell)
            }
            for (g, other) in holes.enumerated() where g < h {
                if let vertex = hole.vertices.firstIndex(where: { other.locate($0) == .inside })
                    ?? other.vertices.firstIndex(where: { hole.locate($0) == .inside }).map({ _ in 0 })
                    ?? firstProperCrossing(hole, other) {
                    throw GeometryValidityError(role: role, vertex: vertex, problem: .holesOverlap(otherHole: g))
                }
            }
        }
    }
}

extension MultiPolygon {
    /// Checks every part (see ``Polygon/validate(index:)``) and that no two parts' interiors
    /// overlap. Parts may touch at points; parts sharing an edge are accepted too, although OGC
    /// Simple Features would have them merged (``locate(_:)`` reports such an edge as boundary;
    /// ``union(_:)`` merges them).
    /// - Throws: ``GeometryValidityError`` naming the polygon, ring and vertex at fault.
    /// - Complexity: O(n log n) per part plus an intersection of each pair of parts whose boxes meet.
    public func validate() throws {
        for (i, polygon) in polygons.enumerated() { try polygon.validate(index: i) }
        for i in polygons.indices {
            for j in polygons.indices where j < i && polygons[i].bounds.intersects(polygons[j].bounds) {
                if polygons[i].intersection(polygons[j]).area > 0 {
                    throw GeometryValidityError(role: .exterior(polygon: i), vertex: nil,
                                                problem: .partsOverlap(otherPolygon: j))
                }
            }
        }
    }
}

/// The first vertex index of `ring` whose outgoing edge properly crosses an edge of `other`
/// (each strictly on both sides of the other's line), or `nil`.
private func firstProperCrossing(_ ring: LinearRing, _ other: LinearRing) -> Int? {
    let a = ring.vertices, b = other.vertices
    for i in a.indices {
        let p = a[i], q = a[(i + 1) % a.count]
        for j in b.indices {
            let r = b[j], s = b[(j + 1) % b.count]
            let o1 = orientationSign(p, q, r), o2 = orientationSign(p, q, s)
            let o3 = orientationSign(r, s, p), o4 = orientationSign(r, s, q)
            if o1 * o2 < 0 && o3 * o4 < 0 { return i }
        }
    }
    return nil
}

/// The first pair of edges of the closed ring `v` that meet other than at the vertex two adjacent
/// edges share, with an approximate meeting point; edges are found by a sweep over x.
private func firstSelfIntersection(_ v: [Point]) -> (Int, Int, Point)? {
    let n = v.count
    let order = (0 ..< n).sorted { min(v[$0].x, v[($0 + 1) % n].x) < min(v[$1].x, v[($1 + 1) % n].x) }
    var found: (Int, Int, Point)?
    for (k, i) in order.enumerated() {
        let a = v[i], b = v[(i + 1) % n]
        let maxX = max(a.x, b.x)
        for j in order[(k + 1)...] {
            let c = v[j], d = v[(j + 1) % n]
            if min(c.x, d.x) > maxX { break }
            if max(min(a.y, b.y), min(c.y, d.y)) > min(max(a.y, b.y), max(c.y, d.y)) { continue }
            let adjacentAfter = j == (i + 1) % n, adjacentBefore = i == (j + 1) % n
            if let meeting = segmentsMeet(a, b, c, d, sharedStartOfSecond: adjacentAfter, sharedStartOfFirst: adjacentBefore) {
                let first = min(i, j), second = max(i, j)
                if found == nil || (first, second) < (found!.0, found!.1) { found = (first, second, meeting) }
            }
        }
    }
    return found
}

/// Whether segments a–b and c–d meet, ignoring the single shared vertex of adjacent edges
/// (`b == c` when `sharedStartOfSecond`, `d == a` when `sharedStartOfFirst`); returns a meeting point.
private func segmentsMeet(_ a: Point, _ b: Point, _ c: Point, _ d: Point,
                          sharedStartOfSecond: Bool, sharedStartOfFirst: Bool) -> Point? {
    let o1 = orientationSign(a, b, c), o2 = orientationSign(a, b, d)
    let o3 = orientationSign(c, d, a), o4 = orientationSign(c, d, b)
    if sharedStartOfSecond && sharedStartOfFirst {
        // A ring of two distinct vertices is caught earlier; a triangle's edges share both ends.
        return nil
    }
    if sharedStartOfSecond {
        // b == c: they meet elsewhere only if collinear and folding back over each other.
        if o2 == 0 && isOnSegment(d, a, b) && d != b { return d }
        if o2 == 0 && isOnSegment(a, c, d) { return a }
        return nil
    }
    if sharedStartOfFirst {
        // d == a.
        if o1 == 0 && isOnSegment(c, a, b) && c != a { return c }
        if o1 == 0 && isOnSegment(b, c, d) { return b }
        return nil
    }
    if o1 * o2 < 0 && o3 * o4 < 0 { return lineIntersection(a, b, c, d) }
    if o1 == 0 && isOnSegment(c, a, b) { return c }
    if o2 == 0 && isOnSegment(d, a, b) { return d }
    if o3 == 0 && isOnSegment(a, c, d) { return a }
    if o4 == 0 && isOnSegment(b, c, d) { return b }
    return nil
}

/// The intersection of lines a–b and c–d (approximate; assumes they cross), clamped to the
/// overlap of the two segments' boxes so that it never leaves either segment's extent.
func lineIntersection(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> Point {
    let rx = b.x - a.x, ry = b.y - a.y
    let sx = d.x - c.x, sy = d.y - c.y
    let denominator = rx * sy - ry * sx
    let t = ((c.x - a.x) * sy - (c.y - a.y) * sx) / denominator
    var x = a.x + t * rx, y = a.y + t * ry
    x = min(max(x, max(min(a.x, b.x), min(c.x, d.x))), min(max(a.x, b.x), max(c.x, d.x)))
    y = min(max(y, max(min(a.y, b.y), min(c.y, d.y))), min(max(a.y, b.y), max(c.y, d.y)))
    return Point(x: x, y: y)
}
