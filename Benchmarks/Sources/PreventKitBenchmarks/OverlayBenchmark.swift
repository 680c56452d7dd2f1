import Foundation
import Spatial

/// Times the point-in-polygon overlay (``PolygonOverlay``: an STR-packed R-tree plus exact
/// point-in-polygon tests) on the files `peers/overlay_make_data.py` writes, the same files
/// `peers/overlay_shapely.py` times shapely's `STRtree.query(points, predicate="intersects")` on.
///
/// One untimed overlay runs first, as the shapely script does. The number of (point, polygon)
/// pairs and a checksum of them go to standard error in the shapely script's form, so a fast
/// wrong answer shows at once.
/// - Parameters:
///   - directory: The folder holding `overlay-polygons.wkt` and `overlay-points.csv`.
///   - repetitions: Timed repetitions, at least 1.
///   - threads: Worker threads for the overlay.
///   - nodeCapacity: The R-tree's children per node.
/// - Returns: The seconds each timed overlay took.
/// - Throws: ``OverlayBenchmarkError`` when a file cannot be read or parsed.
func runOverlayBenchmark(directory: String, repetitions: Int, threads: Int, nodeCapacity: Int = 10) throws -> [Double] {
    precondition(repetitions >= 1, "repetitions must be at least 1")
    let polygons = try readWKTPolygons(directory + "/overlay-polygons.wkt")
    let points = try readPoints(directory + "/overlay-points.csv")

    let buildStart = DispatchTime.now().uptimeNanoseconds
    let overlay = PolygonOverlay(polygons, nodeCapacity: nodeCapacity)
    let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - buildStart) / 1e9
    FileHandle.standardError.write(Data("preventkit-build \(String(format: "%.6f", buildSeconds))\n".utf8))

    let first = overlay.polygons(containing: points, boundary: .included, threads: threads)
    var checksum: Int64 = 0
    for i in first.indices {
        for k in first[i] { checksum += Int64(i) * 7919 + Int64(k) }
    }
    FileHandle.standardError.write(Data("preventkit pairs \(first.pairCount) checksum \(checksum)\n".utf8))

    var seconds: [Double] = []
    for _ in 0 ..< repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        let matches = overlay.polygons(containing: points, boundary: .included, threads: threads)
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        precondition(matches.pairCount == first.pairCount, "overlay results changed between runs")
    }
    return seconds
}

/// A benchmark input file that cannot be used.
enum OverlayBenchmarkError: Error, CustomStringConvertible {
    case unreadable(path: String, line: Int, text: String)

    var description: String {
        switch self {
        case .unreadable(let path, let line, let text): "\(path):\(line): cannot read \"\(text.prefix(60))\""
        }
    }
}

/// Polygons without holes, one `POLYGON ((x y, x y, ...))` per line.
private func readWKTPolygons(_ path: String) throws -> [Polygon] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var polygons: [Polygon] = []
    for (number, line) in text.split(separator: "\n").enumerated() {
        guard line.hasPrefix("POLYGON (("), line.hasSuffix("))") else {
            throw OverlayBenchmarkError.unreadable(path: path, line: number + 1, text: String(line))
        }
        let body = line.dropFirst("POLYGON ((".count).dropLast(2)
        var vertices: [Point] = []
        for pair in body.split(separator: ",") {
            let xy = pair.split(separator: " ")
            guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]) else {
                throw OverlayBenchmarkError.unreadable(path: path, line: number + 1, text: String(pair))
            }
            vertices.append(Point(x: x, y: y))
        }
        polygons.append(try Polygon(exterior: LinearRing(closedVertices: vertices, role: .exterior(polygon: number))))
    }
    return polygons
}

/// Points from a CSV file with header `x,y`.
private func readPoints(_ path: String) throws -> [Point] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var points: [Point] = []
    for (number, line) in text.split(separator: "\n").enumerated().dropFirst() {
        let xy = line.split(separator: ",")
        guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]) else {
            throw OverlayBenchmarkError.unreadable(path: path, line: number + 1, text: String(line))
        }
        points.append(Point(x: x, y: y))
    }
    return points
}
