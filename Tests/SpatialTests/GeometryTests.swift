import Foundation
import Testing
@testable import Spatial

// Reference values: shapely 2.2 / GEOS 3.14 (Fixtures/geometry/make_geometry_fixtures.py).

@Suite struct GeometryAgainstShapely {
    @Test(arguments: GeometryFixtures.shared.polygons)
    func areaCentroidAndBounds(_ c: GeometryFixtures.PolygonCase) throws {
        let polygon = c.polygon.polygon
        try polygon.validate()
        #expect(geometryAgrees(polygon.area, c.area, relative: 1e-12))
        let centroid = try #require(polygon.centroid)
        // Centroids of BNG-sized coordinates: compare to 1e-12 of the coordinates' magnitude.
        #expect(geometryAgrees(centroid.x, c.centroid[0], relative: 1e-12))
        #expect(geometryAgrees(centroid.y, c.centroid[1], relative: 1e-12))
        #expect(polygon.bounds == BoundingBox(minX: c.bounds[0], minY: c.bounds[1], maxX: c.bounds[2], maxY: c.bounds[3]))
    }

    @Test func pointLocationsMatchShapelyExactly() {
        let fixtures = GeometryFixtures.shared
        var polygons: [String: Polygon] = [:]
        for c in fixtures.polygons { polygons[c.name] = c.polygon.polygon }
        var counts: [String: Int] = [:]
        for c in fixtures.locations {
            let expected: PointLocation = switch c.location {
            case "inside": .inside
            case "onBoundary": .onBoundary
            default: .outside
            }
            let got = polygons[c.polygon]!.locate(Point(x: c.x, y: c.y))
            #expect(got == expected, "\(c.polygon) at (\(c.x), \(c.y))")
            counts[c.location, default: 0] += 1
        }
        // The fixture must exercise all three answers, many times each.
        #expect(counts.values.allSatisfy { $0 > 300 } && counts.count == 3)
    }

    @Test(arguments: GeometryFixtures.shared.pairs)
    func intersectionUnionDifferenceAreas(_ c: GeometryFixtures.PairCase) throws {
        let a = GeometryFixtures.polygon(named: c.a), b = GeometryFixtures.polygon(named: c.b)
        let scale = max(a.area, b.area)
        let intersection = a.intersection(b)
        let union = a.union(b)
        let difference = a.difference(b)
        #expect(geometryAgrees(intersection.area, c.intersection_area, relative: 1e-9, absolute: 1e-12 * scale))
        #expect(geometryAgrees(union.area, c.union_area, relative: 1e-9, absolute: 1e-12 * scale))
        #expect(geometryAgrees(difference.area, c.difference_area, relative: 1e-9, absolute: 1e-12 * scale))
        #expect(intersection.polygons.count == c.intersection_parts)
        // Results are valid polygons with RFC 7946 winding.
        for result in [intersection, union, difference] {
            for p in result.polygons {
                #expect(p.exterior.isCounterClockwise)
                #expect(p.holes.allSatisfy { !$0.isCounterClockwise })
            }
            try result.validate()
        }
    }

    @Test(arguments: GeometryFixtures.shared.unions)
    func unionOfMany(_ c: GeometryFixtures.UnionCase) throws {
        let union = MultiPolygon.union(of: c.names.map(GeometryFixtures.polygon(named:)))
        #expect(geometryAgrees(union.area, c.area, relative: 1e-9))
        #expect(union.polygons.count == c.parts)
        #expect(union.polygons.reduce(0) { $0 + $1.holes.count } == c.holes)
        try union.validate()
    }

    @Test(arguments: GeometryFixtures.shared.hulls)
    func convexHull(_ c: GeometryFixtures.HullCase) {
        let hull = ConvexHull(of: c.points.map(fixturePoint))
        switch (hull, c.kind) {
        case (.empty, "empty"): break
        case (.point(let p), "point"): #expect(p == fixturePoint(c.vertices[0]))
        case (.segment(let p, let q), "segment"):
            #expect(Set([p, q]) == Set(c.vertices.map(fixturePoint)))
        case (.polygon(let ring), "polygon"):
            #expect(ring.isCounterClockwise)
            #expect(Set(ring.vertices) == Set(c.vertices.map(fixturePoint)))
            #expect(ring.vertices.count == c.vertices.count)
            #expect(geometryAgrees(ring.area, c.area, relative: 1e-12))
        default:
            Issue.record("hull \(hull) but shapely gives a \(c.kind)")
        }
    }
}

@Suite struct ExactOrientation {
    struct Case: Sendable, CustomStringConvertible {
        let a: Point, b: Point, c: Point
        let expected: Orientation
        var description: String { "\(a) \(b) \(c)" }
    }

    static let cases: [Case] = [
        Case(a: Point(x: 0, y: 0), b: Point(x: 1, y: 0), c: Point(x: 0, y: 1), expected: .counterClockwise),
        Case(a: Point(x: 0, y: 0), b: Point(x: 0, y: 1), c: Point(x: 1, y: 0), expected: .clockwise),
        // On the line y = x; and on a line through BNG-sized coordinates (the midpoint of a and b
        // is exactly representable here, so the three are exactly collinear).
        Case(a: Point(x: 0.1, y: 0.1), b: Point(x: 0.3, y: 0.3), c: Point(x: 0.2, y: 0.2), expected: .collinear),
        Case(a: Point(x: 450000.125, y: 200000.375), b: Point(x: 450000.375, y: 200001.125), c: Point(x: 450000.25, y: 200000.75), expected: .collinear),
        // 0.1-style decimals are not exactly collinear in binary: the exact answer is a turn.
        Case(a: Point(x: 450000.1, y: 200000.3), b: Point(x: 450000.3, y: 200000.9), c: Point(x: 450000.2, y: 200000.6), expected: .clockwise),
        // Just off the line by one unit in the last place.
        Case(a: Point(x: 0.5, y: 0.5), b: Point(x: 12, y: 12), c: Point(x: 24, y: 24.000000000000004), expected: .counterClockwise),
        Case(a: Point(x: 0.5, y: 0.5), b: Point(x: 12, y: 12), c: Point(x: 24, y: 23.999999999999996), expected: .clockwise),
    ]

    @Test(arguments: cases)
    func orientationIsExact(_ c: Case) {
        #expect(orientation(c.a, c.b, c.c) == c.expected)
    }

    @Test func agreesWithRationalArithmeticOnFixtureTriples() {
        var counts = [0, 0, 0]
        var naiveWrong = 0
        for c in GeometryFixtures.shared.orientations {
            let a = fixturePoint(c.a), b = fixturePoint(c.b), p = fixturePoint(c.c)
            #expect(orientationSign(a, b, p) == c.sign, "\(a) \(b) \(p)")
            counts[c.sign + 1] += 1
            let naive = (a.x - p.x) * (b.y - p.y) - (a.y - p.y) * (b.x - p.x)
            if (naive > 0 ? 1 : (naive < 0 ? -1 : 0)) != c.sign { naiveWrong += 1 }
        }
        #expect(counts.allSatisfy { $0 > 50 })
        #expect(naiveWrong > 0)  // the cases are hard enough to need the exact path
    }

    /// Shewchuk's classic failure of the naive predicate: points near (0.5, 0.5) on the line
    /// y = x through (12, 12) and (24, 24). Each answer is checked against exact rational arithmetic.
    @Test func agreesWithRationalArithmeticNearALine() {
        let b = Point(x: 12, y: 12), c = Point(x: 24, y: 24)
        var disagreementsOfNaive = 0
        for i in 0 ..< 64 {
            for j in 0 ..< 64 {
                let a = Point(x: 0.5 + Double(i) * 0x1p-53, y: 0.5 + Double(j) * 0x1p-53)
                // a is on y = x exactly when its coordinates are equal; the sign is that of (a.y − a.x).
                let exact = a.y > a.x ? 1 : (a.y < a.x ? -1 : 0)
                // Triangle (b, c, a): line b→c is y = x; a above it (a.y > a.x) turns left.
                #expect(orientationSign(b, c, a) == exact)
                let naive = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
                if (naive > 0 ? 1 : (naive < 0 ? -1 : 0)) != exact { disagreementsOfNaive += 1 }
            }
        }
        // The test is only meaningful if the naive determinant gets some of these wrong.
        #expect(disagreementsOfNaive > 0)
    }
}
