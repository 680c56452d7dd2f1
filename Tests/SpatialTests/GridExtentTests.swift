import Testing
import Spatial

@Test func gridFromAnExtentCoversItFromTheOrigin() throws {
    let extent = BoundingBox(minX: 500_000, minY: 200_000, maxX: 501_000, maxY: 201_050)
    let grid = try GridDefinition(extent: extent, cellSize: 100)
    #expect(grid.origin == Point(x: 500_000, y: 200_000))
    #expect(grid.columns == 10 && grid.rows == 11)
    let anchored = try GridDefinition(extent: extent, cellSize: 250, origin: Point(x: 499_750, y: 200_000))
    #expect(anchored.origin == Point(x: 499_750, y: 200_000))
    #expect(anchored.columns == 5 && anchored.rows == 5)
}

@Test func gridFromPointsCoversTheirBoundingBox() throws {
    let grid = try GridDefinition(covering: [Point(x: 10, y: 20), Point(x: 305, y: 120)], cellSize: 100)
    #expect(grid.origin == Point(x: 10, y: 20))
    #expect(grid.columns == 3 && grid.rows == 1)
    #expect(try GridDefinition(covering: [Point(x: 5, y: 5)], cellSize: 100).cellCount == 1)
    #expect(throws: GridDefinitionError.noPoints) { try GridDefinition(covering: [], cellSize: 100) }
}

@Test func gridFromAnExtentRejectsAnOriginInsideIt() throws {
    let extent = BoundingBox(minX: 0, minY: 0, maxX: 1000, maxY: 1000)
    let error = try #require(throws: GridDefinitionError.self) {
        try GridDefinition(extent: extent, cellSize: 100, origin: Point(x: 50, y: -50))
    }
    #expect(error == .originOutsideExtent(origin: Point(x: 50, y: -50), lowerLeft: Point(x: 0, y: 0)))
    #expect(error.description.contains("lower-left corner (0.0, 0.0)"))
}

@Test func gridFromAnExtentRejectsTooManyCells() throws {
    let extent = BoundingBox(minX: 0, minY: 0, maxX: 1000, maxY: 1000)
    #expect(try GridDefinition(extent: extent, cellSize: 10, maximumCellCount: 10_000).cellCount == 10_000)
    #expect(throws: GridDefinitionError.tooManyCells(columns: 101, rows: 101, limit: 10_000)) {
        try GridDefinition(extent: BoundingBox(minX: 0, minY: 0, maxX: 1001, maxY: 1001), cellSize: 10, maximumCellCount: 10_000)
    }
    // Far more cells than an Int holds is reported, not a trap.
    let error = try #require(throws: GridDefinitionError.self) {
        try GridDefinition(extent: extent, cellSize: 1e-300)
    }
    #expect(error.description == "the grid would have 1e+303 × 1e+303 cells, more than 100000000")
    #expect(throws: GridDefinitionError.self) { try GridDefinition(extent: extent, cellSize: 0) }
}
