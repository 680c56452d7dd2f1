import Testing
import Spatial

struct CellLookupCase: Sendable, CustomStringConvertible {
    let description: String
    let point: Point
    let cell: GridCell?
}

// A 4 × 3 grid of 250 m cells from (1000, 2000): x in [1000, 2000], y in [2000, 2750].
private let lookupGrid = GridDefinition(origin: Point(x: 1000, y: 2000), cellSize: 250, columns: 4, rows: 3)

private let cellLookupCases: [CellLookupCase] = [
    CellLookupCase(description: "origin corner", point: Point(x: 1000, y: 2000), cell: GridCell(column: 0, row: 0)),
    CellLookupCase(description: "inside", point: Point(x: 1300, y: 2600), cell: GridCell(column: 1, row: 2)),
    CellLookupCase(description: "on an inner edge goes east/north", point: Point(x: 1250, y: 2250),
                   cell: GridCell(column: 1, row: 1)),
    CellLookupCase(description: "far corner belongs to the last cell", point: Point(x: 2000, y: 2750),
                   cell: GridCell(column: 3, row: 2)),
    CellLookupCase(description: "just west", point: Point(x: 999.999, y: 2100), cell: nil),
    CellLookupCase(description: "just north", point: Point(x: 1100, y: 2750.001), cell: nil),
    CellLookupCase(description: "NaN", point: Point(x: .nan, y: 2100), cell: nil),
    CellLookupCase(description: "infinite", point: Point(x: .infinity, y: 2100), cell: nil),
]

@Test(arguments: cellLookupCases)
func cellContainingAPoint(_ testCase: CellLookupCase) {
    #expect(lookupGrid.cell(containing: testCase.point) == testCase.cell)
}

@Test func cellGeometry() {
    let cell = GridCell(column: 2, row: 1)
    #expect(lookupGrid.centre(of: cell) == Point(x: 1625, y: 2375))
    #expect(lookupGrid.corners(of: cell) == [Point(x: 1500, y: 2250), Point(x: 1750, y: 2250),
                                             Point(x: 1750, y: 2500), Point(x: 1500, y: 2500)])
    #expect(lookupGrid.index(of: cell) == 6)
    #expect(lookupGrid.cell(at: 6) == cell)
    #expect(lookupGrid.cellCount == 12)
    #expect(lookupGrid.area == 750_000)
}

struct ExtentCase: Sendable, CustomStringConvertible {
    let description: String
    let extent: (Double, Double, Double, Double)
    let origin: Point?
    let expected: GridDefinition
}

private let extentCases: [ExtentCase] = [
    ExtentCase(description: "whole cells", extent: (0, 0, 1000, 500), origin: nil,
               expected: GridDefinition(origin: Point(x: 0, y: 0), cellSize: 250, columns: 4, rows: 2)),
    ExtentCase(description: "part cells round up", extent: (10, 20, 1011, 271), origin: nil,
               expected: GridDefinition(origin: Point(x: 10, y: 20), cellSize: 250, columns: 5, rows: 2)),
    ExtentCase(description: "fixed origin", extent: (310, 120, 900, 600), origin: Point(x: 250, y: 0),
               expected: GridDefinition(origin: Point(x: 250, y: 0), cellSize: 250, columns: 3, rows: 3)),
    ExtentCase(description: "single point", extent: (5, 5, 5, 5), origin: nil,
               expected: GridDefinition(origin: Point(x: 5, y: 5), cellSize: 250, columns: 1, rows: 1)),
]

@Test(arguments: extentCases)
func gridCoveringAnExtent(_ testCase: ExtentCase) {
    let (minX, minY, maxX, maxY) = testCase.extent
    let grid = GridDefinition(minX: minX, minY: minY, maxX: maxX, maxY: maxY, origin: testCase.origin)
    #expect(grid == testCase.expected)
    #expect(grid.maxX >= maxX && grid.maxY >= maxY)
}

@Test func countsPerTypeWithPointsOutsideReported() throws {
    let points = [Point(x: 1010, y: 2010), Point(x: 1020, y: 2020), Point(x: 1900, y: 2700),
                  Point(x: 500, y: 2100), Point(x: 1600, y: 2300), Point(x: 5000, y: 5000)]
    let types = ["drugs", "drugs", "firearms", "drugs", "fraud", "fraud"]
    let counts = try CrimeCounts(points: points, types: types, grid: lookupGrid)
    #expect(counts.types == ["drugs", "firearms", "fraud"])
    #expect(counts.outsideCounts == [1, 0, 1])
    #expect(counts.outsideTotal == 2)
    #expect(counts.insideTotal == 4)
    let drugs = try #require(counts.layer(for: "drugs"))
    #expect(drugs[column: 0, row: 0] == 2)
    #expect(drugs.sum == 2)
    #expect(try #require(counts.layer(for: "firearms"))[column: 3, row: 2] == 1)
    #expect(try #require(counts.layer(for: "fraud"))[column: 2, row: 1] == 1)
    #expect(counts.layer(for: "cyber") == nil)
}

struct BadCrimeCase: Sendable, CustomStringConvertible {
    let description: String
    let points: [Point]
    let types: [String]
    let error: HotspotInputError
}

private let badCrimeCases: [BadCrimeCase] = [
    BadCrimeCase(description: "empty type", points: [Point(x: 1100, y: 2100), Point(x: 1100, y: 2100)],
                 types: ["drugs", ""], error: .emptyCrimeType(point: 1)),
    BadCrimeCase(description: "NaN easting", points: [Point(x: .nan, y: 2100)], types: ["drugs"],
                 error: .nonFiniteCoordinate(point: 0)),
    BadCrimeCase(description: "infinite northing", points: [Point(x: 1100, y: 2100), Point(x: 1100, y: -.infinity)],
                 types: ["drugs", "fraud"], error: .nonFiniteCoordinate(point: 1)),
]

@Test(arguments: badCrimeCases)
func badCrimesAreErrors(_ testCase: BadCrimeCase) {
    #expect(throws: testCase.error) {
        try CrimeCounts(points: testCase.points, types: testCase.types, grid: lookupGrid)
    }
}

@Test func missingTypeCodeIsAnEmptyType() {
    #expect(throws: HotspotInputError.emptyCrimeType(point: 0)) {
        try CrimeCounts(x: [1100], y: [2100], typeCodes: [-1], typeNames: ["drugs"], grid: lookupGrid)
    }
}

@Test func percentileRanksAreWeakPercentiles() {
    // scipy.stats.percentileofscore(v, x, kind='weak') for each x of v = [3, 0, 0, 5, 3, 1].
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 1, columns: 3, rows: 2)
    let layer = GridLayer(grid: grid, values: [3, 0, 0, 5, 3, 1])
    let sixths: [Double] = [5, 2, 2, 6, 5, 3]
    let expected = sixths.map { $0 / 6 * 100 }
    #expect(maximumDifference(layer.percentileRanks().values, expected) <= 1e-12)
}
