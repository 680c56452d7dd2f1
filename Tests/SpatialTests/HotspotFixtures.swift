import Foundation
import Spatial

/// One esda reference case: a grid of counts and esda's statistics for it, read from
/// Fixtures/hotspots (made by make_hotspot_fixtures.py beside them).
struct HotspotFixture: Sendable {
    let name: String
    let grid: GridDefinition
    let band: Double
    let columns: [String: [Double]]

    init(named name: String) throws {
        let url = try hotspotFixtureURL(name + ".csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        var parameters: [String: Double] = [:]
        for pair in lines[0].dropFirst(2).split(separator: " ") {
            let parts = pair.split(separator: "=")
            parameters[String(parts[0])] = Double(parts[1])!
        }
        grid = GridDefinition(origin: Point(x: parameters["origin_x"]!, y: parameters["origin_y"]!),
                              cellSize: parameters["cell"]!,
                              columns: Int(parameters["columns"]!), rows: Int(parameters["rows"]!))
        band = parameters["band"]!
        let header = lines[1].split(separator: ",").map(String.init)
        var columns = [String: [Double]]()
        for line in lines.dropFirst(2) {
            for (name, field) in zip(header, line.split(separator: ",")) {
                columns[name, default: []].append(Double(field)!)
            }
        }
        self.columns = columns
        self.name = name
    }

    var counts: GridLayer { GridLayer(grid: grid, values: columns["count"]!) }
    subscript(name: String) -> [Double] { columns[name]! }
}

/// The URL of a file in Fixtures/hotspots.
func hotspotFixtureURL(_ file: String) throws -> URL {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/hotspots/\(file)")
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
    }
    return url
}

/// The juvenile offenders' residences written beside the fixtures.
func juvenilePoints() throws -> [Point] {
    let text = try String(contentsOf: try hotspotFixtureURL("juvenile_points.csv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
        let fields = line.split(separator: ",")
        return Point(x: Double(fields[0])!, y: Double(fields[1])!)
    }
}

/// The largest absolute difference, NaN-aware: a NaN on one side only counts as infinite.
func maximumDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var worst = 0.0
    for (x, y) in zip(a, b) {
        if x.isNaN && y.isNaN { continue }
        if x.isNaN || y.isNaN { return .infinity }
        worst = max(worst, abs(x - y))
    }
    return worst
}

/// A seedable generator for the tests' inputs and permutation seeds (the SplitMix64 algorithm).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
