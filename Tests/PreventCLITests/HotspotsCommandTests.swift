import Foundation
import Testing

/// End-to-end tests of `prevent hotspots`: run the built binary on small crime files.

private func write(_ contents: String, to name: String, in folder: URL) throws -> String {
    let file = folder.appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

/// Crimes on a 10 × 10 grid of 100 m cells from (500000, 200000): one burglary and one drugs
/// offence in every cell, plus 20 more drugs offences in each of the 3 × 3 cells at columns and
/// rows 2–4, and 20 more burglaries in each cell at columns and rows 4–6.
private func plantedCrimesCSV() -> String {
    var lines = ["easting,northing,offence"]
    for row in 0 ..< 10 {
        for column in 0 ..< 10 {
            let x = 500_000 + Double(column) * 100 + 50, y = 200_000 + Double(row) * 100 + 50
            let drugs = (2 ... 4).contains(column) && (2 ... 4).contains(row) ? 21 : 1
            let burglary = (4 ... 6).contains(column) && (4 ... 6).contains(row) ? 21 : 1
            lines += [String](repeating: "\(x),\(y),drugs", count: drugs)
            lines += [String](repeating: "\(x),\(y),burglary", count: burglary)
        }
    }
    return lines.joined(separator: "\n") + "\n"
}

private let gridArguments = ["--x", "easting", "--y", "northing", "--type", "offence", "--cell", "100",
                             "--extent", "500000,200000,501000,201000"]

@Test func hotspotsReportsAsText() throws {
    let folder = try scratchFolder()
    let crimes = try write(plantedCrimesCSV(), to: "crimes.csv", in: folder)
    let result = try runPrevent(["hotspots", "--points", crimes] + gridArguments)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardError.isEmpty)
    #expect(result.standardOutput.contains("Grid: 10 × 10 cells of 100 m from (500000.0, 200000.0)"))
    #expect(result.standardOutput.contains("Bandwidth 300 m; Gi* distance band 150 m"))
    #expect(result.standardOutput.contains("Hotspots: 2"))
    #expect(result.standardOutput.contains("Intersections (increased threat, harm and risk): 1"))
    #expect(result.standardOutput.contains("drugs + burglary") || result.standardOutput.contains("burglary + drugs"))
}

@Test func hotspotsWritesJSONCellsThenHotspotsPolygonsAndIntersections() throws {
    let folder = try scratchFolder()
    let crimes = try write(plantedCrimesCSV(), to: "crimes.csv", in: folder)
    let nominals = try write("easting,northing\n500450,200450\n500150,200850\n499000,200000\n", to: "nominals.csv", in: folder)
    let result = try runPrevent(["hotspots", "--points", crimes, "--format", "json", "--nominals", nominals] + gridArguments)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let cells = try #require(json["cells"] as? [[String: Any]])
    #expect(cells.count == 2 * 100)
    // Cell (3, 3) of drugs: centre (500350, 200350), 21 crimes, a significant hot cell.
    let cell = try #require(cells.first { $0["type"] as? String == "drugs" && $0["column"] as? Int == 3 && $0["row"] as? Int == 3 })
    #expect(cell["centre"] as? [Double] == [500_350, 200_350])
    #expect(cell["count"] as? Int == 21)
    #expect((cell["gi_z"] as? Double ?? 0) > 3)
    #expect(cell["significant"] as? Bool == true)
    #expect(cell["density"] is Double && cell["p_value"] is Double)
    let hotspots = try #require(json["hotspots"] as? [[String: Any]])
    #expect(hotspots.compactMap { $0["type"] as? String }.sorted() == ["burglary", "drugs"])
    #expect((json["polygons"] as? [Any])?.count == 2)
    let intersections = try #require(json["intersections"] as? [[String: Any]])
    #expect(intersections.count == 1)
    #expect(intersections.first?["assessment"] as? String == "increased threat, harm and risk")
    let nominalContexts = try #require(json["nominals"] as? [[String: Any]])
    #expect(nominalContexts.map { ($0["intersections"] as? [Int])?.isEmpty == false } == [true, false, false])
    #expect(nominalContexts[2]["cell"] is NSNull)
    // Output order: cells, then hotspots, polygons and intersections.
    let text = result.standardOutput
    let positions = ["\"cells\"", "\"hotspots\"", "\"polygons\"", "\"intersections\""].map { text.range(of: $0)!.lowerBound }
    #expect(positions == positions.sorted())
}

@Test func hotspotsWritesCSVAndGeoJSON() throws {
    let folder = try scratchFolder()
    let crimes = try write(plantedCrimesCSV(), to: "crimes.csv", in: folder)
    let geojson = folder.appendingPathComponent("hotspots.geojson").path
    let result = try runPrevent(["hotspots", "--points", crimes, "--format", "csv", "--geojson", geojson] + gridArguments)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first == "type,column,row,centre_x,centre_y,count,density,gi_z,p_value,p_adjusted,significant,hot")
    #expect(lines.count == 1 + 200)
    let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: geojson))) as? [String: Any])
    #expect(collection["type"] as? String == "FeatureCollection")
    let features = try #require(collection["features"] as? [[String: Any]])
    let kinds = features.compactMap { ($0["properties"] as? [String: Any])?["kind"] as? String }
    #expect(kinds.filter { $0 == "hotspot" }.count == 2)
    #expect(kinds.filter { $0 == "intersection" }.count == 1)
    // The JSON report's hot cells, one square each.
    let json = try runPrevent(["hotspots", "--points", crimes, "--format", "json"] + gridArguments)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let hotCells = (report["cells"] as? [[String: Any]] ?? []).filter { $0["hot"] as? Bool == true }
    #expect(!hotCells.isEmpty)
    #expect(kinds.filter { $0 == "hot_cell" }.count == hotCells.count)
    // WGS84 longitude-latitude, longitude first: pyproj puts the grid's corners E 500000 N 200000
    // and E 501000 N 201000 at (−0.5547, 51.6899) and (−0.5400, 51.6987).
    let ring = try #require(((features.first?["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])?.first?.first)
    #expect(ring.allSatisfy { (-0.5548 ... -0.5399).contains($0[0]) && (51.6898 ... 51.6988).contains($0[1]) })
}

@Test func crimesOutsideTheExtentAreCountedAndReported() throws {
    let folder = try scratchFolder()
    let crimes = try write(plantedCrimesCSV() + "499000,200000,drugs\n510000,200500,drugs\n499999,200000,burglary\n",
                           to: "crimes.csv", in: folder)
    let result = try runPrevent(["hotspots", "--points", crimes] + gridArguments)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardError.contains("2 crimes of type 'drugs' outside the extent"))
    #expect(result.standardError.contains("1 crime of type 'burglary' outside the extent"))
}

/// A kind of bad input and what `prevent hotspots` must say about it on standard error.
struct HotspotsBadInputCase: Sendable, CustomStringConvertible {
    let description: String
    let contents: String
    let extraArguments: [String]
    let expectedStatus: Int32
    let expectedMessages: [String]
}

private let hotspotsBadInputCases: [HotspotsBadInputCase] = [
    HotspotsBadInputCase(description: "non-numeric easting", contents: "easting,northing,offence\n500100,200100,drugs\nabc,200200,drugs\n",
                         extraArguments: [], expectedStatus: 1, expectedMessages: ["crimes.csv:3", "column 1 'easting'", "\"abc\" is not a number"]),
    HotspotsBadInputCase(description: "missing northing", contents: "easting,northing,offence\n500100,200100,drugs\n500200,,drugs\n",
                         extraArguments: [], expectedStatus: 1, expectedMessages: ["crimes.csv:3", "column 2 'northing'", "coordinate is missing"]),
    HotspotsBadInputCase(description: "empty crime type", contents: "easting,northing,offence\n500100,200100,drugs\n500200,200200,\n",
                         extraArguments: [], expectedStatus: 1, expectedMessages: ["crimes.csv:3", "'offence'", "crime type is empty"]),
    HotspotsBadInputCase(description: "unknown column", contents: "east,northing,offence\n500100,200100,drugs\n",
                         extraArguments: [], expectedStatus: 1, expectedMessages: ["crimes.csv", "easting"]),
    HotspotsBadInputCase(description: "malformed extent", contents: "easting,northing,offence\n500100,200100,drugs\n",
                         extraArguments: ["--extent", "1,2,3"], expectedStatus: 64, expectedMessages: ["--extent"]),
    HotspotsBadInputCase(description: "false discovery rate out of range", contents: "easting,northing,offence\n500100,200100,drugs\n",
                         extraArguments: ["--fdr", "0"], expectedStatus: 64, expectedMessages: ["--fdr"]),
]

@Test(arguments: hotspotsBadInputCases)
func hotspotsBadInputIsReported(_ badCase: HotspotsBadInputCase) throws {
    let folder = try scratchFolder()
    let crimes = try write(badCase.contents, to: "crimes.csv", in: folder)
    let arguments = ["hotspots", "--points", crimes, "--x", "easting", "--y", "northing", "--type", "offence", "--cell", "100"]
    let result = try runPrevent(arguments + badCase.extraArguments)
    #expect(result.status == badCase.expectedStatus, "stderr: \(result.standardError)")
    for message in badCase.expectedMessages {
        #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
    }
    #expect(!result.standardError.contains("Fatal error"))
    #expect(result.standardOutput.isEmpty)
}

@Test func longitudeLatitudeAreConvertedToTheNationalGrid() throws {
    // Around Trafalgar Square (about E 530000, N 180400 on the National Grid).
    var lines = ["lon,lat,offence"]
    for k in 0 ..< 40 {
        lines.append("\(-0.1278 + Double(k % 8) * 0.0004),\(51.5080 + Double(k / 8) * 0.0003),drugs")
    }
    let folder = try scratchFolder()
    let crimes = try write(lines.joined(separator: "\n") + "\n", to: "crimes.csv", in: folder)
    let result = try runPrevent(["hotspots", "--points", crimes, "--x", "lon", "--y", "lat", "--type", "offence",
                                 "--coordinates", "lonlat", "--cell", "250", "--extent", "529000,179000,531500,181500",
                                 "--format", "json"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardError.isEmpty)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let types = try #require(json["types"] as? [[String: Any]])
    #expect(types.first?["crimes"] as? Int == 40)
    // pyproj (EPSG:4326 to EPSG:27700) puts the crimes at E 530027–530218, N 180446–180585: in
    // column 4 (E 530000–530250) and rows 5 and 6 (N 180250–180750), over 25 m from any cell
    // edge, well beyond the conversion's 5 m accuracy.
    let cells = try #require(json["cells"] as? [[String: Any]])
    let occupied = cells.filter { ($0["count"] as? Int ?? 0) > 0 }.map { [$0["column"] as! Int, $0["row"] as! Int] }
    #expect(!occupied.isEmpty)
    #expect(Set(occupied.map { $0[0] }) == [4])
    #expect(Set(occupied.map { $0[1] }) == [5, 6])
}
