import Testing
@testable import Spatial

private func ring(_ xy: [(Double, Double)]) -> LinearRing { LinearRing(xy.map { Point(x: $0.0, y: $0.1) }) }

private let square = [(0.0, 0.0), (4, 0), (4, 4), (0, 4)]

@Suite struct GeometryValidity {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let polygon: Polygon
        /// The expected error, or `nil` for a valid polygon.
        let expected: GeometryValidityError?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "square", polygon: Polygon(exterior: ring(square)), expected: nil),
        Case(name: "repeated consecutive vertex", polygon: Polygon(exterior: ring([(0, 0), (4, 0), (4, 0), (4, 4), (0, 4)])), expected: nil),
        Case(name: "hole touching the shell at a vertex",
             polygon: Polygon(exterior: ring(square), holes: [ring([(0, 0), (2, 1), (1, 2)])]), expected: nil),
        Case(name: "non-finite coordinate", polygon: Polygon(exterior: ring([(0, 0), (4, 0), (.nan, 4), (0, 4)])),
             expected: GeometryValidityError(role: .exterior(polygon: 0), vertex: 2, problem: .nonFiniteCoordinate)),
        Case(name: "NaN first vertex", polygon: Polygon(exterior: ring([(.nan, 0), (4, 0), (4, 4), (0, 4)])),
             expected: GeometryValidityError(role: .exterior(polygon: 0), vertex: 0, problem: .nonFiniteCoordinate)),
        Case(name: "infinite coordinate in a hole",
             polygon: Polygon(exterior: ring(square), holes: [ring([(1, 1), (2, 1), (2, .infinity)])]),
             expected: GeometryValidityError(role: .hole(polygon: 0, hole: 0), vertex: 2, problem: .nonFiniteCoordinate)),
        Case(name: "two distinct vertices", polygon: Polygon(exterior: ring([(0, 0), (4, 0), (0, 0), (4, 0)])),
             expected: GeometryValidityError(role: .exterior(polygon: 0), vertex: nil, problem: .tooFewVertices(count: 2))),
        Case(name: "bow tie", polygon: Polygon(exterior: ring([(0, 0), (4, 4), (4, 0), (0, 4)])),
             expected: GeometryValidityError(role: .exterior(polygon: 0), vertex: 0,
                                             problem: .selfIntersection(otherVertex: 2, at: Point(x: 2, y: 2)))),
        Case(name: "ring touching itself at a vertex", polygon: Polygon(exterior: ring([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 1)])),
             // Edge 1 ((2, 0)→(1, 1)) and edge 4 ((0, 2)→(1, 1)) meet at the pinch vertex.
             expected: GeometryValidityError(role: .exterior(polygon: 0), vertex: 1,
                                             problem: .selfIntersection(otherVertex: 4, at: Point(x: 1, y: 1)))),
        Case(name: "spike back along an edge", polygon: Polygon(exterior: ring([(0, 0), (4, 0), (4, 4), (4, 2), (0, 4)])),
             expected: GeometryValidityError(role: .exterior(polygon: 0), vertex: 1,
                                             problem: .selfIntersection(otherVertex: 2, at: Point(x: 4, y: 2)))),
        Case(name: "hole outside the shell", polygon: Polygon(exterior: ring(square), holes: [ring([(5, 5), (6, 5), (6, 6)])]),
             expected: GeometryValidityError(role: .hole(polygon: 0, hole: 0), vertex: 0, problem: .holeOutsideShell)),
        Case(name: "hole crossing the shell", polygon: Polygon(exterior: ring(square), holes: [ring([(1, 1), (3, 1), (3, 5)])]),
             expected: GeometryValidityError(role: .hole(polygon: 0, hole: 0), vertex: 2, problem: .holeOutsideShell)),
        Case(name: "hole inside a hole",
             polygon: Polygon(exterior: ring(square), holes: [ring([(1, 1), (3, 1), (3, 3), (1, 3)]), ring([(1.5, 1.5), (2.5, 1.5), (2, 2.5)])]),
             expected: GeometryValidityError(role: .hole(polygon: 0, hole: 1), vertex: 0, problem: .holesOverlap(otherHole: 0))),
        Case(name: "self-intersecting hole",
             polygon: Polygon(exterior: ring(square), holes: [ring([(1, 1), (3, 3), (3, 1), (1, 3)])]),
             expected: GeometryValidityError(role: .hole(polygon: 0, hole: 0), vertex: 0,
                                             problem: .selfIntersection(otherVertex: 2, at: Point(x: 2, y: 2)))),
    ]

    @Test(arguments: cases)
    func validation(_ c: Case) {
        do {
            try c.polygon.validate()
            #expect(c.expected == nil, "accepted, but expected \(c.expected!)")
        } catch let error as GeometryValidityError {
            #expect(error == c.expected, "\(error)")
            #expect(error.description.contains(error.role.description))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unclosedSequenceNamesItsLastVertex() {
        #expect(throws: GeometryValidityError(role: .hole(polygon: 3, hole: 1), vertex: 3, problem: .unclosed)) {
            try LinearRing(closedVertices: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1)],
                           role: .hole(polygon: 3, hole: 1))
        }
    }

    @Test func multipolygonPartsMayTouchButNotOverlap() throws {
        let left = Polygon(exterior: ring(square)), right = Polygon(exterior: ring([(4, 0), (8, 0), (8, 4), (4, 4)]))
        try MultiPolygon([left, right]).validate()
        let overlapping = Polygon(exterior: ring([(3, 0), (8, 0), (8, 4), (3, 4)]))
        #expect(throws: GeometryValidityError(role: .exterior(polygon: 1), vertex: nil, problem: .partsOverlap(otherPolygon: 0))) {
            try MultiPolygon([left, overlapping]).validate()
        }
    }
}

@Suite struct CellUnion {
    static func cell(_ column: Int, _ row: Int, size: Double = 250) -> Polygon {
        let x = 400_000 + Double(column) * size, y = 200_000 + Double(row) * size
        return Polygon([Point(x: x, y: y), Point(x: x + size, y: y), Point(x: x + size, y: y + size), Point(x: x, y: y + size)])
    }

    @Test func blockOfCellsBecomesOneSquare() throws {
        let cells = (0 ..< 3).flatMap { c in (0 ..< 3).map { r in Self.cell(c, r) } }
        let union = MultiPolygon.union(of: cells)
        #expect(union.polygons.count == 1)
        #expect(union.area == 9 * 250 * 250)
        #expect(union.polygons[0].exterior.vertices.count == 4)  // collinear cell corners removed
        #expect(union.polygons[0].holes.isEmpty)
        try union.validate()
    }

    @Test func ringOfCellsKeepsItsHole() throws {
        let cells = (0 ..< 3).flatMap { c in (0 ..< 3).compactMap { r in c == 1 && r == 1 ? nil : Self.cell(c, r) } }
        let union = MultiPolygon.union(of: cells)
        #expect(union.polygons.count == 1)
        #expect(union.polygons[0].holes.count == 1)
        #expect(union.area == 8 * 250 * 250)
        #expect(union.polygons[0].locate(Self.cell(1, 1).centroid!) == .outside)
        try union.validate()
    }

    @Test func diagonalCellsStaySeparate() throws {
        // Cells touching only at a corner are two polygons, as in shapely.
        let union = MultiPolygon.union(of: [Self.cell(0, 0), Self.cell(1, 1)])
        #expect(union.polygons.count == 2)
        #expect(union.area == 2 * 250 * 250)
        try union.validate()
    }
}

extension CellUnion {
    /// A random pattern of cells (holes, diagonal touches, islands): the union's area is the sum
    /// of the cells' and the result is valid.
    @Test(arguments: [UInt64(1), 2, 3])
    func randomCellPatterns(_ seed: UInt64) throws {
        var random = GeometryTestRandom(state: seed)
        var cells: [Polygon] = []
        for c in 0 ..< 24 {
            for r in 0 ..< 24 where random.next() < 0.55 { cells.append(Self.cell(c, r)) }
        }
        let union = MultiPolygon.union(of: cells)
        #expect(union.area == Double(cells.count) * 250 * 250)
        try union.validate()
        // Every cell centre is inside the union; every empty cell's centre is outside.
        let occupied = Set(cells.map { $0.centroid! })
        for c in 0 ..< 24 {
            for r in 0 ..< 24 {
                let centre = Self.cell(c, r).centroid!
                #expect(union.locate(centre) == (occupied.contains(centre) ? .inside : .outside))
            }
        }
    }
}
