import Foundation
import Testing
import Spatial

/// A 10 × 10 grid of 100 m cells from the origin: one drugs, one burglary and one "bus stop"
/// crime in every cell, 20 more drugs offences in each cell at columns and rows 2–4 and 20 more
/// burglaries at 4–6. The bus-stop layer is the same in every cell, so it has no variance and
/// its Gi* z-scores are NaN.
private func plantedReportMap() throws -> HotspotMap {
    var points: [Point] = [], types: [String] = []
    for row in 0 ..< 10 {
        for column in 0 ..< 10 {
            let centre = Point(x: Double(column) * 100 + 50, y: Double(row) * 100 + 50)
            let drugs = (2 ... 4).contains(column) && (2 ... 4).contains(row) ? 21 : 1
            let burglary = (4 ... 6).contains(column) && (4 ... 6).contains(row) ? 21 : 1
            for (type, n) in [("drugs", drugs), ("burglary", burglary), ("bus stop", 1)] {
                points += [Point](repeating: centre, count: n)
                types += [String](repeating: type, count: n)
            }
        }
    }
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 100, columns: 10, rows: 10)
    return HotspotMap(counts: try CrimeCounts(points: points, types: types, grid: grid))
}

private func parsedJSON(_ report: HotspotReport) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
}

@Test func jsonReportCarriesTheGridParametersAndTypes() throws {
    let map = try plantedReportMap()
    let json = try parsedJSON(HotspotReport(map: map))
    #expect(Set(json.keys) == ["grid", "parameters", "types", "cells", "hotspots", "polygons", "intersections"])
    let grid = try #require(json["grid"] as? [String: Any])
    #expect(grid["origin"] as? [Double] == [0, 0])
    #expect(grid["cell_size"] as? Double == 100)
    #expect(grid["columns"] as? Int == 10 && grid["rows"] as? Int == 10)
    let parameters = try #require(json["parameters"] as? [String: Any])
    // Defaults: bandwidth 3 cells, Gi* band 1.5 cells, FDR 0.05, 8-connectivity, convex hulls.
    #expect(parameters["bandwidth"] as? Double == 300)
    #expect(parameters["gi_distance"] as? Double == 150)
    #expect(parameters["fdr"] as? Double == 0.05)
    #expect(parameters["connectivity"] as? Int == 8)
    #expect(parameters["outline"] as? String == "convex_hull")
    let types = try #require(json["types"] as? [[String: Any]])
    #expect(types.map { $0["type"] as? String } == ["drugs", "burglary", "bus stop"])
    #expect(types.map { $0["crimes"] as? Int } == [100 + 9 * 20, 100 + 9 * 20, 100])
    #expect(types.map { $0["outside_extent"] as? Int } == [0, 0, 0])
}

@Test func jsonReportCellsMatchTheMapWithNullForNonFiniteNumbers() throws {
    let map = try plantedReportMap()
    let json = try parsedJSON(HotspotReport(map: map))
    let cells = try #require(json["cells"] as? [[String: Any]])
    #expect(cells.count == 3 * 100)
    #expect(Set(cells[0].keys) == ["type", "column", "row", "centre", "count", "density", "gi_z", "p_value",
                                   "p_adjusted", "significant", "hot"])
    // Drugs cell (3, 3): flat index 33 of the first layer.
    let cell = try #require(cells.first { $0["type"] as? String == "drugs" && $0["column"] as? Int == 3 && $0["row"] as? Int == 3 })
    let drugs = map.layers[0]
    #expect(cell["centre"] as? [Double] == [350, 350])
    #expect(cell["count"] as? Int == 21)
    #expect(cell["density"] as? Double == drugs.density.values[33])
    #expect(cell["gi_z"] as? Double == drugs.giStar.zScores.values[33])
    #expect((cell["gi_z"] as? Double ?? 0) > 3)
    #expect(cell["p_value"] as? Double == drugs.giStar.pValues.values[33])
    #expect(cell["p_adjusted"] as? Double == drugs.adjustedPValues.values[33])
    #expect(cell["significant"] as? Bool == true && cell["hot"] as? Bool == true)
    // The bus-stop layer has no variance: its z-scores are NaN, written as null.
    #expect(map.layers[2].giStar.zScores.values.allSatisfy { $0.isNaN })
    let busStop = cells.filter { $0["type"] as? String == "bus stop" }
    #expect(busStop.count == 100)
    #expect(busStop.allSatisfy { $0["gi_z"] is NSNull && $0["hot"] as? Bool == false })
}

@Test func jsonReportListsHotspotsPolygonsAndIntersectionsAfterTheCells() throws {
    let map = try plantedReportMap()
    let report = HotspotReport(map: map)
    let json = try parsedJSON(report)
    let hotspots = try #require(json["hotspots"] as? [[String: Any]])
    #expect(hotspots.count == map.hotspots.count && hotspots.count == 2)
    for (record, hotspot) in zip(hotspots, map.hotspots) {
        #expect(record["id"] as? Int == hotspot.id)
        #expect(record["type"] as? String == hotspot.crimeType)
        #expect(record["cells"] as? [[Int]] == hotspot.cells.map { [$0.column, $0.row] })
        #expect(record["area"] as? Double == hotspot.area)
        #expect(record["crimes"] as? Int == hotspot.totalCrimes)
        #expect(record["predominant_types"] as? [String] == hotspot.predominantTypes)
        let shares = try #require(record["type_shares"] as? [[String: Any]])
        #expect(shares.map { $0["type"] as? String } == hotspot.typeShares.map(\.crimeType))
        #expect(shares.map { $0["count"] as? Int } == hotspot.typeShares.map(\.count))
    }
    let polygons = try #require(json["polygons"] as? [[String: Any]])
    #expect(polygons.map { $0["hotspot"] as? Int } == [0, 1])
    let ring = try #require((polygons[0]["coordinates"] as? [[[[Double]]]])?.first?.first)
    let expectedRing = map.hotspots[0].outline.polygons[0].rings[0].closedVertices.map { [$0.x, $0.y] }
    #expect(ring == expectedRing)
    let intersections = try #require(json["intersections"] as? [[String: Any]])
    #expect(intersections.count == 1)
    #expect(intersections[0]["hotspots"] as? [Int] == [0, 1])
    #expect(intersections[0]["types"] as? [String] == ["drugs", "burglary"])
    #expect(intersections[0]["assessment"] as? String == "increased threat, harm and risk")
    #expect(intersections[0]["area"] as? Double == map.intersections[0].area)
    // Top-level keys in the documented order, whatever JSONEncoder's own order.
    let lines = report.json.split(separator: "\n").map { String($0.prefix(while: { $0 != ":" })) }
    #expect(lines == ["{\"grid\"", "\"parameters\"", "\"types\"", "\"cells\"", "\"hotspots\"", "\"polygons\"", "\"intersections\""])
}

@Test func jsonReportSetsLocationsAgainstTheHotspots() throws {
    let map = try plantedReportMap()
    // In the intersection (cell (4, 4)), in background (cell (1, 8)), and off the grid.
    let contexts = map.context(for: [Point(x: 450, y: 450), Point(x: 150, y: 850), Point(x: -1000, y: 0)])
    let json = try parsedJSON(HotspotReport(map: map, contexts: contexts))
    let nominals = try #require(json["nominals"] as? [[String: Any]])
    #expect(nominals.map { $0["index"] as? Int } == [0, 1, 2])
    #expect(nominals[0]["cell"] as? [Int] == [4, 4])
    #expect(nominals[0]["hotspots"] as? [Int] == [0, 1])
    #expect(nominals[0]["intersections"] as? [Int] == [0])
    #expect(nominals[1]["hotspots"] as? [Int] == [])
    #expect(nominals[2]["cell"] is NSNull)
    let types = try #require(nominals[0]["types"] as? [[String: Any]])
    #expect(types.map { $0["type"] as? String } == ["drugs", "burglary", "bus stop"])
    #expect(types.map { $0["hot_cell"] as? Bool } == [true, true, false])
    #expect(types[2]["gi_z"] is NSNull)
    #expect(types[0]["density_percentile"] as? Double == contexts[0].crimeTypes[0].densityPercentile)
    let outside = try #require(nominals[2]["types"] as? [[String: Any]])
    #expect(outside.allSatisfy { $0["density_percentile"] is NSNull && $0["gi_z"] is NSNull })
}

@Test func jsonReportEscapesCrimeTypesThroughTheEncoder() throws {
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 100, columns: 2, rows: 2)
    let awkward = "theft \"from\" a\\b,\n\tperson"
    let counts = try CrimeCounts(points: [Point(x: 10, y: 10)], type: awkward, grid: grid)
    let json = try parsedJSON(HotspotReport(map: HotspotMap(counts: counts)))
    #expect((json["types"] as? [[String: Any]])?.first?["type"] as? String == awkward)
}

@Test func csvReportHasOneRowPerTypeAndCellWithNAForNonFiniteNumbers() throws {
    let map = try plantedReportMap()
    let lines = HotspotReport(map: map).csv.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first.map(String.init) == HotspotReport.csvHeader)
    #expect(lines.count == 1 + 300 + 1)
    #expect(lines.last == "")
    let drugs = map.layers[0]
    #expect(lines[1 + 33] == "drugs,3,3,350.0,350.0,21,\(drugs.density.values[33]),\(drugs.giStar.zScores.values[33]),"
        + "\(drugs.giStar.pValues.values[33]),\(drugs.adjustedPValues.values[33]),true,true")
    let busStop = lines[201]
    #expect(busStop.hasPrefix("bus stop,0,0,50.0,50.0,1,"))
    #expect(busStop.split(separator: ",")[7] == "NA")
}

@Test func textReportSummarisesTypesHotspotsIntersectionsAndLocations() throws {
    let map = try plantedReportMap()
    let contexts = map.context(for: [Point(x: 450, y: 450), Point(x: -1000, y: 0)])
    let text = HotspotReport(map: map, contexts: contexts).text
    #expect(text.hasPrefix("Grid: 10 × 10 cells of 100 m from (0.0, 0.0)\n"))
    #expect(text.contains("Bandwidth 300 m; Gi* distance band 150 m; false discovery rate 0.05\n"))
    #expect(text.contains("\ncrime type  crimes   outside  hot cells  max density per km²  max Gi* z\n"))
    #expect(text.contains("\nbus stop    100      0        0  "))
    #expect(text.contains("\nHotspots: 2\n  0: drugs, "))
    #expect(text.contains("\nIntersections (increased threat, harm and risk): 1\n  hotspots 0, 1: drugs + burglary, "))
    #expect(text.hasSuffix("\nLocations: 2; in a hotspot 1; in an intersection 1; outside the grid 1\n"))
}

@Test func geoJSONFeaturesAreHotspotsIntersectionsThenHotCells() throws {
    let map = try plantedReportMap()
    let features = map.geoJSONFeatureCollection().features
    let hotCells = map.layers.map { $0.hot.filter { $0 }.count }.reduce(0, +)
    #expect(features.count == 2 + 1 + hotCells)
    let kinds = features.map { $0.properties["kind"] }
    #expect(kinds[0 ..< 2].allSatisfy { $0 == "hotspot" })
    #expect(kinds[2] == "intersection")
    #expect(kinds[3...].allSatisfy { $0 == "hot_cell" })
    #expect(features[0].geometry == .multiPolygon(map.hotspots[0].outline))
    #expect(features[0].properties["type"] == .string("drugs"))
    #expect(features[0].properties["crimes"] == .number(Double(map.hotspots[0].totalCrimes)))
    #expect(features[2].properties["hotspots"] == .array([.number(0), .number(1)]))
    // The first hot cell is the drugs layer's first, row-major, drawn as its square.
    let first = try #require(map.layers[0].hot.firstIndex(of: true))
    let cell = map.grid.cell(at: first)
    #expect(features[3].geometry == .polygon(Polygon(map.grid.corners(of: cell))))
    #expect(features[3].properties["column"] == .number(Double(cell.column)))
    #expect(features[3].properties["row"] == .number(Double(cell.row)))
}
