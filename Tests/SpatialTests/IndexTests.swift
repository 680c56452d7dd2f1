import Testing
@testable import Spatial

/// A fixed linear congruential sequence for reproducible random test data.
struct GeometryTestRandom {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * next() }
}

/// Star-shaped random polygons (simple by construction), some of them holed, around random centres.
func randomStarPolygons(_ count: Int, extent: Double, seed: UInt64) -> [Polygon] {
    var random = GeometryTestRandom(state: seed)
    return (0 ..< count).map { k in
        let cx = random.uniform(0, extent), cy = random.uniform(0, extent)
        let radius = random.uniform(0.01, 0.08) * extent
        // One vertex per equal sector, jittered by up to half a sector: no gap between
        // consecutive angles reaches 0.75π, so the centre is well inside.
        let n = 4 + Int(random.next() * 20)
        let angles = (0 ..< n).map { k in 2 * Double.pi * (Double(k) + random.uniform(0, 0.5)) / Double(n) }
        let shell = angles.map { a in
            let r = radius * random.uniform(0.4, 1)
            return Point(x: cx + r * _cos(a), y: cy + r * _sin(a))
        }
        if k % 5 == 0 {
            // A small square hole at the centre: every edge is at least 0.4 r cos(0.375π) ≈ 0.15 r
            // from the centre, and the hole's corners are 0.07 r from it.
            let h = 0.05 * radius
            let hole = [Point(x: cx - h, y: cy - h), Point(x: cx - h, y: cy + h), Point(x: cx + h, y: cy + h), Point(x: cx + h, y: cy - h)]
            return Polygon(exterior: LinearRing(shell), holes: [LinearRing(hole)])
        }
        return Polygon(shell)
    }
}

@Suite struct STRTreeAgainstBruteForce {
    struct Case: Sendable, CustomStringConvertible {
        let boxes: Int
        let capacity: Int
        let seed: UInt64
        var description: String { "\(boxes) boxes, capacity \(capacity)" }
    }

    static let cases = [
        Case(boxes: 0, capacity: 10, seed: 1), Case(boxes: 1, capacity: 10, seed: 2),
        Case(boxes: 7, capacity: 10, seed: 3), Case(boxes: 11, capacity: 10, seed: 4),
        Case(boxes: 1000, capacity: 10, seed: 5), Case(boxes: 5000, capacity: 4, seed: 6),
        Case(boxes: 3000, capacity: 2, seed: 7), Case(boxes: 20000, capacity: 16, seed: 8),
    ]

    @Test(arguments: cases)
    func queriesEqualBruteForce(_ c: Case) {
        var random = GeometryTestRandom(state: c.seed)
        let boxes = (0 ..< c.boxes).map { _ -> BoundingBox in
            let x = random.uniform(0, 1000), y = random.uniform(0, 1000)
            // Some boxes are degenerate (points and segments), as a point set's would be.
            let w = random.next() < 0.1 ? 0 : random.uniform(0, 60), h = random.next() < 0.1 ? 0 : random.uniform(0, 60)
            return BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h)
        }
        let tree = STRTree(boxes, nodeCapacity: c.capacity)
        #expect(tree.count == c.boxes)
        var nonEmpty = 0
        for q in 0 ..< 300 {
            // Points on box corners test the closed-edge rule; others are random.
            let point = q % 3 == 0 && !boxes.isEmpty
                ? Point(x: boxes[q % boxes.count].maxX, y: boxes[q % boxes.count].minY)
                : Point(x: random.uniform(-50, 1050), y: random.uniform(-50, 1050))
            let expected = boxes.indices.filter { boxes[$0].contains(point) }
            #expect(tree.query(point).sorted() == expected)
            nonEmpty += expected.isEmpty ? 0 : 1
            let x = random.uniform(-50, 1050), y = random.uniform(-50, 1050)
            let box = BoundingBox(minX: x, minY: y, maxX: x + random.uniform(0, 200), maxY: y + random.uniform(0, 200))
            #expect(tree.query(box).sorted() == boxes.indices.filter { boxes[$0].intersects(box) })
        }
        if c.boxes >= 1000 { #expect(nonEmpty > 100) }
        if let extent = tree.extent {
            #expect(extent == boxes.dropFirst().reduce(boxes[0]) { $0.union($1) })
        }
    }
}

@Suite struct PolygonOverlayAgainstBruteForce {
    struct Case: Sendable, CustomStringConvertible {
        let polygons: Int
        let points: Int
        let threads: Int
        let boundary: PolygonOverlay.Boundary
        var description: String { "\(points) points × \(polygons) polygons, \(threads) threads, boundary \(boundary)" }
    }

    static let cases = [
        Case(polygons: 0, points: 100, threads: 2, boundary: .included),
        Case(polygons: 200, points: 0, threads: 2, boundary: .included),
        Case(polygons: 200, points: 5000, threads: 1, boundary: .included),
        Case(polygons: 200, points: 5000, threads: 2, boundary: .excluded),
        Case(polygons: 500, points: 20000, threads: 3, boundary: .included),
    ]

    @Test(arguments: cases)
    func overlayEqualsBruteForce(_ c: Case) throws {
        let polygons = randomStarPolygons(c.polygons, extent: 10_000, seed: 99)
        for (i, p) in polygons.enumerated() { try p.validate(index: i) }
        var random = GeometryTestRandom(state: 7)
        var points = (0 ..< c.points).map { _ in Point(x: random.uniform(-100, 10_100), y: random.uniform(-100, 10_100)) }
        // Every tenth point is a polygon vertex, which lies on a boundary.
        for i in stride(from: 0, to: points.count, by: 10) where !polygons.isEmpty {
            let p = polygons[i % polygons.count].exterior.vertices
            points[i] = p[i % p.count]
        }
        let overlay = PolygonOverlay(polygons)
        let matches = overlay.polygons(containing: points, boundary: c.boundary, threads: c.threads)
        #expect(matches.count == points.count)
        var pairs = 0
        for (i, point) in points.enumerated() {
            let expected = polygons.indices.filter {
                let l = polygons[$0].locate(point)
                return l == .inside || (l == .onBoundary && c.boundary == .included)
            }
            #expect(matches[i].map(Int.init) == expected, "point \(i)")
            pairs += expected.count
        }
        #expect(matches.pairCount == pairs)
        if c.points > 0 && c.polygons > 0 { #expect(pairs > c.points / 10) }
        if let first = points.first {
            #expect(overlay.polygons(containing: first, boundary: c.boundary) == polygons.indices.filter {
                let l = polygons[$0].locate(first)
                return l == .inside || (l == .onBoundary && c.boundary == .included)
            })
        }
    }
}

@Suite struct MultiPolygonOverlay {
    /// Intersections of random polygons as multipolygons (hotspot overlaps), and parts that share
    /// edges: each point's multipolygons, each once, equal a brute-force scan.
    @Test(arguments: [PolygonOverlay.Boundary.included, .excluded])
    func overlayEqualsBruteForce(_ boundary: PolygonOverlay.Boundary) throws {
        let polygons = randomStarPolygons(120, extent: 10_000, seed: 5)
        var multis: [MultiPolygon] = []
        let tree = STRTree(polygons.map(\.bounds))
        for (i, p) in polygons.enumerated() {
            for j in tree.query(p.bounds) where j > i {
                let m = p.intersection(polygons[j])
                if !m.isEmpty { multis.append(m) }
            }
        }
        #expect(multis.count > 20)
        // Two halves of a square, sharing an edge: a point on it is reported once.
        multis.append(MultiPolygon([Polygon([Point(x: 0, y: 0), Point(x: 50, y: 0), Point(x: 50, y: 100), Point(x: 0, y: 100)]),
                                    Polygon([Point(x: 50, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 100), Point(x: 50, y: 100)])]))
        for m in multis { try m.validate() }
        var random = GeometryTestRandom(state: 11)
        var points = (0 ..< 20_000).map { _ in Point(x: random.uniform(-100, 10_100), y: random.uniform(-100, 10_100)) }
        points += [Point(x: 50, y: 50), Point(x: 50, y: 0), Point(x: 25, y: 50)]
        let overlay = PolygonOverlay(multis)
        #expect(overlay.count == multis.count)
        let matches = overlay.polygons(containing: points, boundary: boundary, threads: 2)
        var hits = 0
        for (i, p) in points.enumerated() {
            let expected = multis.indices.filter {
                let l = multis[$0].locate(p)
                return l == .inside || (l == .onBoundary && boundary == .included)
            }
            #expect(matches[i].map(Int.init) == expected, "point \(i)")
            #expect(overlay.polygons(containing: p, boundary: boundary) == expected)
            hits += expected.count
        }
        #expect(hits > 100)
        // On the edge the two parts share: counted once when boundaries count. (Such a
        // multipolygon is not OGC-valid; unions merge shared edges away.)
        if boundary == .included { #expect(matches[points.count - 3].map(Int.init) == [multis.count - 1]) }
    }
}

@Suite struct OverlayOddPoints {
    /// Non-finite points and points far outside every polygon find nothing, and the Z-order
    /// visiting order is a permutation.
    @Test func nonFiniteAndDistantPointsMatchNothing() {
        let polygons = randomStarPolygons(50, extent: 1000, seed: 3)
        let points = [Point(x: .nan, y: 10), Point(x: 10, y: .infinity), Point(x: -1e300, y: 1e300),
                      polygons[1].centroid!, Point(x: 5e6, y: -5e6)]  // polygon 1 has no hole
        let matches = PolygonOverlay(polygons).polygons(containing: points, threads: 2)
        #expect(matches[0].isEmpty && matches[1].isEmpty && matches[2].isEmpty && matches[4].isEmpty)
        #expect(matches[3].contains(1))
        let order = zOrder(points + points, extent: BoundingBox(minX: 0, minY: 0, maxX: 1000, maxY: 1000))
        #expect(order.sorted() == (0 ..< UInt32(2 * points.count)).map { $0 })
    }
}
