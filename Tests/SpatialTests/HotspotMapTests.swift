import Testing
import Spatial

/// A 20 × 20 grid of 100 m cells from the origin, one background crime per cell and type, and
/// 30 more crimes in each cell of a 3 × 3 block per type: drugs at columns/rows 4–6, firearms at
/// 6–8 (overlapping drugs at its corner cell), fraud far away at 14–16.
private func plantedCrimes() -> (points: [Point], types: [String]) {
    var points: [Point] = [], types: [String] = []
    let blocks = [("drugs", 4), ("firearms", 6), ("fraud", 14)]
    for (type, start) in blocks {
        for row in 0 ..< 20 {
            for column in 0 ..< 20 {
                let inBlock = (start ..< start + 3).contains(column) && (start ..< start + 3).contains(row)
                for k in 0 ..< (inBlock ? 31 : 1) {
                    points.append(Point(x: Double(column) * 100 + 10 + Double(k % 7) * 10,
                                        y: Double(row) * 100 + 10 + Double(k / 7) * 10))
                    types.append(type)
                }
            }
        }
    }
    return (points, types)
}

private let plantedGrid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 100, columns: 20, rows: 20)

private func plantedMap(outline: HotspotOutline = .convexHull) throws -> HotspotMap {
    let (points, types) = plantedCrimes()
    let counts = try CrimeCounts(points: points, types: types, grid: plantedGrid)
    return HotspotMap(counts: counts, parameters: HotspotMap.Parameters(outline: outline))
}

/// The cells flagged in a row-major mask.
private func flaggedCells(_ flags: [Bool], grid: GridDefinition) -> [GridCell] {
    flags.indices.filter { flags[$0] }.map { grid.cell(at: $0) }
}

@Test func eachPlantedBlockIsOneHotspotOfItsType() throws {
    let map = try plantedMap()
    #expect(map.types == ["drugs", "firearms", "fraud"])
    #expect(map.hotspots.map(\.crimeType) == ["drugs", "firearms", "fraud"])
    for (hotspot, layer) in zip(map.hotspots, map.layers) {
        // One hotspot holds every significant hot cell of its type, and only those.
        #expect(hotspot.cells == flaggedCells(layer.hot, grid: map.grid))
        // The block and the ring of cells whose 3 × 3 band reaches into it, except the ring's
        // corners, whose band holds only one block cell: a 5 × 5 square less its corners.
        #expect(hotspot.cells.count == 21)
        #expect(hotspot.predominantTypes == [hotspot.crimeType])
        #expect(hotspot.typeShares[0].crimeType == hotspot.crimeType)
        // The hull of those cells' corners: the 5 × 5 square less four half-cell corner triangles.
        #expect(hotspot.area == 23 * 100 * 100)
        // Hot cells are significant with a positive z-score.
        for cell in hotspot.cells {
            #expect(layer.giStar.zScores[cell] > 0)
            #expect(layer.adjustedPValues[cell] <= 0.05)
        }
    }
    let drugs = map.hotspots[0]
    // Its 21 cells hold 9 × 31 block crimes and 12 background crimes of drugs; three of them
    // ((6, 6), (7, 6), (6, 7)) are firearms block cells; every cell has one fraud crime.
    #expect(drugs.crimeCounts == [9 * 31 + 12, 3 * 31 + 18, 21])
    #expect(drugs.typeShares.map(\.count) == [291, 111, 21])
}

@Test func overlappingHotspotsOfDifferentTypesAreFlagged() throws {
    let map = try plantedMap()
    #expect(map.intersections.count == 1)
    let overlap = try #require(map.intersections.first)
    #expect(overlap.hotspots == [0, 1])
    #expect(overlap.crimeTypes == ["drugs", "firearms"])
    // Drugs' hull is [300, 800]² less corner triangles of legs 100, firearms' [500, 1000]² less
    // the same: they share [500, 800]² less drugs' triangle at (800, 800) and firearms' at (500, 500).
    #expect(abs(overlap.area - (300 * 300 - 2 * 5_000)) < 1e-6)
    #expect(HotspotIntersection.assessment == "increased threat, harm and risk")
}

@Test func cellUnionOutlineFollowsTheCells() throws {
    let map = try plantedMap(outline: .cellUnion)
    #expect(map.hotspots.allSatisfy { abs($0.area - Double($0.cells.count) * 100 * 100) < 1e-6 })
    #expect(map.intersections.count == 1)
}

@Test func edgeConnectivitySplitsDiagonalCells() throws {
    // Two blocks touching only at a corner: one hotspot with corners, two with edges only.
    var points: [Point] = []
    for row in 0 ..< 20 {
        for column in 0 ..< 20 {
            let a = (3 ... 4).contains(column) && (3 ... 4).contains(row)
            let b = (5 ... 6).contains(column) && (5 ... 6).contains(row)
            for _ in 0 ..< ((a || b) ? 40 : 1) { points.append(plantedGrid.centre(of: GridCell(column: column, row: row))) }
        }
    }
    let counts = try CrimeCounts(points: points, grid: plantedGrid)
    let band = DistanceBand(distance: 50)  // each cell alone: hot cells are the blocks themselves
    let corners = HotspotMap(counts: counts, parameters: HotspotMap.Parameters(band: band))
    let edges = HotspotMap(counts: counts, parameters: HotspotMap.Parameters(band: band, connectivity: .edges))
    #expect(corners.hotspots.count == 1)
    #expect(edges.hotspots.count == 2)
    #expect(edges.hotspots.map(\.cells.count) == [4, 4])
}

@Test func contextOfNominalsAddresses() throws {
    let map = try plantedMap()
    let addresses = [Point(x: 650, y: 650), Point(x: 1550, y: 1550), Point(x: 1950, y: 150), Point(x: -10, y: 50),
                     Point(x: 750, y: 550), Point(x: 800, y: 800)]
    let contexts = map.context(for: addresses)
    #expect(contexts.map(\.hotspots) == [[0, 1], [2], [], [], [0, 1], [1]])
    #expect(contexts.map(\.hotspotTypes) == [["drugs", "firearms"], ["fraud"], [], [], ["drugs", "firearms"], ["firearms"]])
    #expect(contexts.map(\.isInIntersection) == [true, false, false, false, true, false])
    #expect(contexts[0].cell == GridCell(column: 6, row: 6))
    #expect(contexts[3].cell == nil)
    #expect(contexts[3].crimeTypes.allSatisfy { $0.densityPercentile == nil && $0.giZScore == nil && !$0.significantHotCell })
    let drugsHere = contexts[0].crimeTypes[0]
    #expect(drugsHere.crimeType == "drugs")
    #expect(drugsHere.significantHotCell)
    #expect(drugsHere.giZScore == map.layers[0].giStar.zScores[GridCell(column: 6, row: 6)])
    // The density percentile is the weak percentile rank of the cell's density.
    let density = map.layers[0].density.values
    let here = map.layers[0].density[GridCell(column: 6, row: 6)]
    let expected = 100 * Double(density.filter { $0 <= here }.count) / Double(density.count)
    #expect(drugsHere.densityPercentile == expected)
    #expect(contexts[2].crimeTypes.allSatisfy { !$0.significantHotCell })
}
