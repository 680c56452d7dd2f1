import Foundation

/// Intersection, union and difference of polygons, as multipolygons.
///
/// What is supported: operands that are valid polygons or multipolygons (simple rings, holes
/// inside their exterior, parts not overlapping; see ``Polygon/validate(index:)``), with holes,
/// shared edges, edges overlapping in part, touching vertices and vertices lying on the other
/// operand's edges. Self-intersecting operands are not supported: validate first.
///
/// Method (an edge-classification overlay, in the manner of GEOS's overlay graph):
/// 1. Every edge of each operand is split wherever the other operand's boundary meets it (pairs
///    found through an R-tree over one operand's edges). Where
///    a vertex of one lies on an edge of the other (decided exactly by ``orientation(_:_:_:)``) the
///    split is at that exact vertex; at a proper crossing it is at the computed crossing point,
///    the same `Point` value being inserted into both edges.
/// 2. Pieces present in both operands (the same pair of end points) are shared boundary; each
///    other piece is classified inside or outside the other operand by an exact point-in-polygon
///    test of its midpoint, through an R-tree over that operand's edges.
/// 3. The pieces each operation keeps are chained into rings, at every vertex taking the first
///    outgoing piece clockwise from the incoming one, so that rings touching at a vertex come
///    out as separate rings; anticlockwise rings are exteriors, clockwise ones holes.
///
/// Accuracy: vertices of the result are either input vertices (exact) or crossing points
/// computed in double precision (relative error about 1e-16 of the coordinates). Areas agree
/// with shapely 2.2 / GEOS 3.14 within 5e-12 relative (3e-14 of the larger operand's area) on the
/// 355 test pairs, with as many intersection parts as shapely (lines and points where operands
/// only touch are not returned: results are areal), and unions of up to 20 polygons at once
/// with the same parts and holes. Near-degenerate input (crossings closer together than about
/// 1e-12 of the coordinates) may lose a sliver.
extension MultiPolygon {
    /// The region inside both multipolygons.
    /// - Parameter other: A valid multipolygon.
    /// - Returns: The intersection; `.empty` when they share no area (touching only along
    ///   edges or at points gives no area).
    /// - Complexity: O((n + m) log(n + m) + k) for n and m vertices and k meeting edge pairs
    ///   (found through an R-tree over one operand's edges), plus, for each of the n + m + k
    ///   pieces, an R-tree query along a ray through the other operand: about O(√(n + m)) for
    ///   compact shapes.
    public func intersection(_ other: MultiPolygon) -> MultiPolygon {
        guard let a = bounds, let b = other.bounds, a.intersects(b) else { return .empty }
        if polygons.count == 1, other.polygons.count == 1, polygons[0].isConvex, other.polygons[0].isConvex {
            return convexIntersection(polygons[0], other.polygons[0])
        }
        return booleanOverlay(self, other, .intersection)
    }

    /// The region inside either multipolygon.
    /// - Parameter other: A valid multipolygon.
    /// - Returns: The union; parts meeting along an edge are merged into one polygon.
    /// - Complexity: as ``intersection(_:)``.
    public func union(_ other: MultiPolygon) -> MultiPolygon {
        if isEmpty { return other.normalized() }
        if other.isEmpty { return normalized() }
        return booleanOverlay(self, other, .union)
    }

    /// The region inside this multipolygon and outside `other`.
    /// - Parameter other: A valid multipolygon.
    /// - Returns: The difference.
    /// - Complexity: as ``intersection(_:)``.
    public func difference(_ other: MultiPolygon) -> MultiPolygon {
        guard let a = bounds, let b = other.bounds, a.intersects(b) else { return normalized() }
        return booleanOverlay(self, other, .difference)
    }

    /// The union of many polygons (for instance the cells of one hotspot), merged pairwise in a
    /// balanced tree so that intermediate results stay small.
    /// - Parameter polygons: Valid polygons, overlapping or not.
    /// - Returns: Their union.
    /// - Complexity: O(log p) rounds of pairwise unions.
    public static func union(of polygons: [Polygon]) -> MultiPolygon {
        var layer = polygons.map { MultiPolygon([$0]) }
        guard !layer.isEmpty else { return .empty }
        while layer.count > 1 {
            var next: [MultiPolygon] = []
            next.reserveCapacity((layer.count + 1) / 2)
            var i = 0
            while i + 1 < layer.count {
                next.append(layer[i].union(layer[i + 1]))
                i += 2
            }
            if i < layer.count { next.append(layer[i]) }
            layer = next
        }
        return layer[0].normalized()
    }
}

extension Polygon {
    /// The region inside both polygons; see ``MultiPolygon/intersection(_:)``. Two convex
    /// polygons are clipped by Sutherland–Hodgman in O(n · m).
    public func intersection(_ other: Polygon) -> MultiPolygon {
        MultiPolygon([self]).intersection(MultiPolygon([other]))
    }

    /// The region inside either polygon; see ``MultiPolygon/union(_:)``.
    public func union(_ other: Polygon) -> MultiPolygon {
        MultiPolygon([self]).union(MultiPolygon([other]))
    }

    /// The region inside this polygon and outside `other`; see ``MultiPolygon/difference(_:)``.
    public func difference(_ other: Polygon) -> MultiPolygon {
        MultiPolygon([self]).difference(MultiPolygon([other]))
    }
}

// MARK: - Convex clipping

/// Sutherland–Hodgman: clips convex `subject` by each edge of convex `clip`, in turn.
/// Inside-ness of each vertex is decided exactly; boundary counts as inside.
private func convexIntersection(_ subject: Polygon, _ clip: Polygon) -> MultiPolygon {
    var output = subject.exterior.oriented(counterClockwise: true).vertices
    let c = clip.exterior.oriented(counterClockwise: true).vertices
    for i in c.indices {
        guard !output.isEmpty else { break }
        let a = c[i], b = c[(i + 1) % c.count]
        let input = output
        output = []
        output.reserveCapacity(input.count + 1)
        var previous = input[input.count - 1]
        var previousSide = orientationSign(a, b, previous)
        for current in input {
            let side = orientationSign(a, b, current)
            if side >= 0 {
                if previousSide < 0 { output.append(crossingOfLine(previous, current, a, b)) }
                output.append(current)
            } else if previousSide > 0 {
                output.append(crossingOfLine(previous, current, a, b))
            }
            previous = current
            previousSide = side
        }
    }
    // Drop repeated points that crossings landing on vertices can create.
    var cleaned: [Point] = []
    for p in output where cleaned.last != p { cleaned.append(p) }
    if cleaned.count > 1, cleaned.first == cleaned.last { cleaned.removeLast() }
    guard cleaned.count >= 3 else { return .empty }
    let ring = LinearRing(cleaned)
    guard ring.signedArea > 0 else { return .empty }
    return MultiPolygon([Polygon(exterior: removingCollinearVertices(ring))])
}

/// Where segment p–q (whose ends are strictly on either side of the infinite line a–b) crosses that
/// line, clamped to the segment's box.
private func crossingOfLine(_ p: Point, _ q: Point, _ a: Point, _ b: Point) -> Point {
    let ex = b.x - a.x, ey = b.y - a.y
    let sideP = ex * (p.y - a.y) - ey * (p.x - a.x)
    let sideQ = ex * (q.y - a.y) - ey * (q.x - a.x)
    let t = sideP / (sideP - sideQ)
    let x = p.x + t * (q.x - p.x), y = p.y + t * (q.y - p.y)
    return Point(x: min(max(x, min(p.x, q.x)), max(p.x, q.x)), y: min(max(y, min(p.y, q.y)), max(p.y, q.y)))
}

// MARK: - General overlay

private enum BooleanOperation { case intersection, union, difference }

private struct Edge {
    var start: Point
    var end: Point
}

/// The directed edges of a multipolygon with exteriors anticlockwise and holes clockwise, so the
/// interior is always on the left.
private func orientedEdges(_ m: MultiPolygon) -> [Edge] {
    var edges: [Edge] = []
    for polygon in m.polygons {
        for (r, ring) in polygon.rings.enumerated() {
            let v = ring.oriented(counterClockwise: r == 0).vertices
            for i in v.indices where v[i] != v[(i + 1) % v.count] {
                edges.append(Edge(start: v[i], end: v[(i + 1) % v.count]))
            }
        }
    }
    return edges
}

/// Splits the edges of `a` and `b` wherever the other's edges meet them; `bTree` indexes `b`'s
/// edge boxes, so only pairs whose boxes meet are tested.
private func splitEdges(_ a: [Edge], _ b: [Edge], bTree: STRTree) -> ([Edge], [Edge]) {
    var splitsA = [[Point]](repeating: [], count: a.count)
    var splitsB = [[Point]](repeating: [], count: b.count)
    for i in a.indices {
        let p = a[i].start, q = a[i].end
        let box = BoundingBox(minX: min(p.x, q.x), minY: min(p.y, q.y), maxX: max(p.x, q.x), maxY: max(p.y, q.y))
        bTree.forEach(intersecting: box) { j in
            let r = b[j].start, s = b[j].end
            let o1 = orientationSign(p, q, r), o2 = orientationSign(p, q, s)
            let o3 = orientationSign(r, s, p), o4 = orientationSign(r, s, q)
            if o1 * o2 < 0 && o3 * o4 < 0 {
                let crossing = lineIntersection(p, q, r, s)
                splitsA[i].append(crossing)
                splitsB[j].append(crossing)
                return
            }
            if o1 == 0 && isOnSegment(r, p, q) { splitsA[i].append(r) }
            if o2 == 0 && isOnSegment(s, p, q) { splitsA[i].append(s) }
            if o3 == 0 && isOnSegment(p, r, s) { splitsB[j].append(p) }
            if o4 == 0 && isOnSegment(q, r, s) { splitsB[j].append(q) }
        }
    }
    return (pieces(a, splitsA), pieces(b, splitsB))
}

/// Cuts each edge at its split points, ordered along the edge.
private func pieces(_ edges: [Edge], _ splits: [[Point]]) -> [Edge] {
    var result: [Edge] = []
    result.reserveCapacity(edges.count)
    for (edge, points) in zip(edges, splits) {
        if points.isEmpty {
            result.append(edge)
            continue
        }
        let dx = edge.end.x - edge.start.x, dy = edge.end.y - edge.start.y
        let ordered = points.sorted {
            ($0.x - edge.start.x) * dx + ($0.y - edge.start.y) * dy
                < ($1.x - edge.start.x) * dx + ($1.y - edge.start.y) * dy
        }
        var from = edge.start
        for p in ordered + [edge.end] where p != from {
            result.append(Edge(start: from, end: p))
            from = p
        }
    }
    return result
}

private struct UndirectedKey: Hashable {
    let a: Point
    let b: Point
    init(_ e: Edge) {
        if (e.start.x, e.start.y) < (e.end.x, e.end.y) { a = e.start; b = e.end } else { a = e.end; b = e.start }
    }
}

/// The oriented boundary of a valid multipolygon with an R-tree over its edges, so that each
/// point location costs O(log n + k) for the k edges level with the point to its right, rather
/// than a pass over every edge.
private struct IndexedBoundary {
    let edges: [Edge]
    let tree: STRTree

    init(_ edges: [Edge]) {
        self.edges = edges
        tree = STRTree(edges.map {
            BoundingBox(minX: min($0.start.x, $0.end.x), minY: min($0.start.y, $0.end.y),
                        maxX: max($0.start.x, $0.end.x), maxY: max($0.start.y, $0.end.y))
        })
    }

    /// The exact winding-number test of ``LinearRing/locate(_:)`` summed over every ring
    /// (exteriors anticlockwise count +1 inside, holes clockwise −1), so it equals
    /// ``MultiPolygon/locate(_:)`` for a valid multipolygon.
    func locate(_ p: Point) -> PointLocation {
        var winding = 0
        var onBoundary = false
        // Every edge that can cross the ray from p to +x, or hold p, meets this box.
        let ray = BoundingBox(minX: p.x, minY: p.y, maxX: .infinity, maxY: p.y)
        tree.forEach(intersecting: ray) { k in
            guard !onBoundary else { return }
            let a = edges[k].start, b = edges[k].end
            let aAbove = a.y > p.y, bAbove = b.y > p.y
            if aAbove != bAbove {
                if a.x < p.x && b.x < p.x { return }
                let side = orientationSign(a, b, p)
                if side == 0 { onBoundary = true; return }
                if bAbove {
                    if side > 0 { winding += 1 }
                } else if side < 0 {
                    winding -= 1
                }
            } else if a.y == p.y {
                if a.x == p.x || (b.y == p.y && (a.x < p.x) != (b.x < p.x)) { onBoundary = true }
            }
        }
        if onBoundary { return .onBoundary }
        return winding != 0 ? .inside : .outside
    }
}

/// Where a piece lies relative to the other operand, from exact tests of points along it (its
/// midpoint first; quarter points when the midpoint falls exactly on a boundary through rounding).
private func classify(_ e: Edge, in boundary: IndexedBoundary) -> PointLocation {
    for t in [0.5, 0.25, 0.75] {
        let p = Point(x: e.start.x + t * (e.end.x - e.start.x), y: e.start.y + t * (e.end.y - e.start.y))
        let location = boundary.locate(p)
        if location != .onBoundary { return location }
    }
    return .onBoundary
}

private func booleanOverlay(_ first: MultiPolygon, _ second: MultiPolygon, _ operation: BooleanOperation) -> MultiPolygon {
    let edgesA = orientedEdges(first), edgesB = orientedEdges(second)
    let boundaryA = IndexedBoundary(edgesA), boundaryB = IndexedBoundary(edgesB)
    let (piecesA, piecesB) = splitEdges(edgesA, edgesB, bTree: boundaryB.tree)
    var directionInB: [UndirectedKey: Point] = [:]
    for e in piecesB { directionInB[UndirectedKey(e)] = e.start }
    var sharedKeys = Set<UndirectedKey>()
    var kept: [Edge] = []

    for e in piecesA {
        let key = UndirectedKey(e)
        if let startInB = directionInB[key] {
            sharedKeys.insert(key)
            let sameDirection = startInB == e.start
            switch operation {
            case .intersection, .union: if sameDirection { kept.append(e) }
            case .difference: if !sameDirection { kept.append(e) }
            }
            continue
        }
        let location = classify(e, in: boundaryB)
        switch (operation, location) {
        case (.intersection, .inside), (.union, .outside), (.difference, .outside): kept.append(e)
        default: break
        }
    }
    for e in piecesB where !sharedKeys.contains(UndirectedKey(e)) {
        let location = classify(e, in: boundaryA)
        switch (operation, location) {
        case (.intersection, .inside), (.union, .outside): kept.append(e)
        case (.difference, .inside): kept.append(Edge(start: e.end, end: e.start))
        default: break
        }
    }
    return assemble(kept)
}

/// Chains directed edges (interior on the left) into rings and groups them into polygons.
private func assemble(_ edges: [Edge]) -> MultiPolygon {
    var outgoing: [Point: [Int]] = [:]
    for (i, e) in edges.enumerated() { outgoing[e.start, default: []].append(i) }
    var used = [Bool](repeating: false, count: edges.count)
    var rings: [[Point]] = []

    for seed in edges.indices where !used[seed] {
        used[seed] = true
        var path = [edges[seed].start]
        var current = seed
        var closed = false
        while true {
            let vertex = edges[current].end
            let back = edges[current].start
            var candidates = (outgoing[vertex] ?? []).filter { !used[$0] }
            if vertex == edges[seed].start { candidates.append(seed) }
            guard !candidates.isEmpty else { break }
            // First outgoing edge met turning clockwise from the reversed incoming edge.
            let reference = atan2Angle(back.x - vertex.x, back.y - vertex.y)
            var best = candidates[0]
            var bestTurn = Double.infinity
            for c in candidates {
                var turn = reference - atan2Angle(edges[c].end.x - vertex.x, edges[c].end.y - vertex.y)
                while turn <= 0 { turn += 2 * Double.pi }
                while turn > 2 * Double.pi { turn -= 2 * Double.pi }
                if turn < bestTurn { bestTurn = turn; best = c }
            }
            if best == seed { closed = true; break }
            used[best] = true
            path.append(vertex)
            current = best
        }
        if closed { rings.append(contentsOf: splitAtRepeatedVertices(path)) }
    }

    var shells: [LinearRing] = []
    var holes: [LinearRing] = []
    for vertices in rings where vertices.count >= 3 {
        let ring = LinearRing(vertices)
        let area = ring.signedArea
        if area > 0 { shells.append(removingCollinearVertices(ring)) }
        else if area < 0 { holes.append(removingCollinearVertices(ring)) }
    }
    shells.sort { $0.area < $1.area }
    var holesOf = [[LinearRing]](repeating: [], count: shells.count)
    for hole in holes {
        // The smallest shell holding the hole; test hole vertices until one is not on that shell.
        if let s = shells.indices.first(where: { s in
            shells[s].bounds.intersects(hole.bounds)
                && hole.vertices.contains { shells[s].locate($0) == .inside }
        }) {
            holesOf[s].append(hole)
        }
    }
    return MultiPolygon(zip(shells, holesOf).map { Polygon(exterior: $0, holes: $1) })
}

private func atan2Angle(_ x: Double, _ y: Double) -> Double {
    (y == 0 && x == 0) ? 0 : atan2(y, x)
}

/// Splits a closed path that passes through a vertex more than once into simple loops.
private func splitAtRepeatedVertices(_ path: [Point]) -> [[Point]] {
    var loops: [[Point]] = []
    var stack: [Point] = []
    var position: [Point: Int] = [:]
    for p in path {
        if let at = position[p] {
            let loop = Array(stack[at...])
            for q in loop.dropFirst() { position[q] = nil }
            stack.removeSubrange((at + 1)...)
            if loop.count >= 3 { loops.append(loop) }
        } else {
            position[p] = stack.count
            stack.append(p)
        }
    }
    if stack.count >= 3 { loops.append(stack) }
    return loops
}

/// The ring without vertices lying exactly on the segment between their neighbours.
func removingCollinearVertices(_ ring: LinearRing) -> LinearRing {
    var v = ring.vertices
    var changed = true
    while changed && v.count > 3 {
        changed = false
        var i = 0
        while i < v.count && v.count > 3 {
            let previous = v[(i + v.count - 1) % v.count], next = v[(i + 1) % v.count]
            if orientationSign(previous, v[i], next) == 0 && isOnSegment(v[i], previous, next) {
                v.remove(at: i)
                changed = true
            } else {
                i += 1
            }
        }
    }
    return LinearRing(v)
}
