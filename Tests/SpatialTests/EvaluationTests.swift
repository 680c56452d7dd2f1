import Testing
import Spatial

@Test func predictionAccuracyIndexOfHotCells() {
    // 10 × 10 cells; 5 hot cells are 5% of the area; 8 of 20 later crimes inside fall in them.
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 10, columns: 10, rows: 10)
    var hot = [Bool](repeating: false, count: 100)
    for i in [0, 1, 2, 10, 11] { hot[i] = true }
    var crimes: [Point] = []
    crimes += (0 ..< 8).map { Point(x: 1 + Double($0), y: 5) }           // in cells (0, 0) and (1, 0)
    crimes += (0 ..< 12).map { Point(x: 55, y: 5 + 7 * Double($0) ) }   // column 5, not hot
    crimes += [Point(x: -1, y: 5), Point(x: 50, y: 101)]                  // outside the grid
    let accuracy = PredictionAccuracy(hotCells: hot, grid: grid, laterCrimes: crimes)
    #expect(accuracy.hits == 8)
    #expect(accuracy.crimes == 20)
    #expect(accuracy.outside == 2)
    #expect(accuracy.hitRate == 0.4)
    #expect(accuracy.areaShare == 0.05)
    #expect(abs(accuracy.predictionAccuracyIndex - 8) < 1e-12)
}

@Test func predictionAccuracyIndexOfOverlappingPolygons() {
    // Two 20 × 20 squares overlapping in a 10 × 10 square: union area 700 in a 100 × 100 area.
    let a = Polygon([Point(x: 0, y: 0), Point(x: 20, y: 0), Point(x: 20, y: 20), Point(x: 0, y: 20)])
    let b = Polygon([Point(x: 10, y: 10), Point(x: 30, y: 10), Point(x: 30, y: 30), Point(x: 10, y: 30)])
    let study = MultiPolygon([Polygon([Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 100), Point(x: 0, y: 100)])])
    let crimes = [Point(x: 15, y: 15),   // in both: one hit
                  Point(x: 30, y: 20),   // on b's boundary: a hit
                  Point(x: 5, y: 5),
                  Point(x: 50, y: 50), Point(x: 70, y: 70), Point(x: 90, y: 10),
                  Point(x: 150, y: 50)]  // outside the study area
    let accuracy = PredictionAccuracy(polygons: [a, b], studyArea: study, laterCrimes: crimes)
    #expect(accuracy.hits == 3)
    #expect(accuracy.crimes == 6)
    #expect(accuracy.outside == 1)
    #expect(abs(accuracy.hotspotArea - 700) < 1e-9)
    #expect(abs(accuracy.predictionAccuracyIndex - (3.0 / 6) / (700.0 / 10_000)) < 1e-12)
}

@Test func noLaterCrimeGivesNoIndex() {
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 10, columns: 2, rows: 2)
    let accuracy = PredictionAccuracy(hotCells: [true, false, false, false], grid: grid, laterCrimes: [])
    #expect(accuracy.predictionAccuracyIndex.isNaN)
}
