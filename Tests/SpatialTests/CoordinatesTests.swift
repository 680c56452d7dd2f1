import Foundation
import Testing
import Spatial

/// Rows of a small CSV fixture under Fixtures/coordinates, as dictionaries of column → text.
private func coordinateFixture(_ name: String) throws -> [[String: String]] {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/coordinates/\(name)")
    let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    return lines.dropFirst().map { line in
        Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",").map(String.init)))
    }
}

private func degrees(_ d: Double, _ m: Double, _ s: Double) -> Double { d + m / 60 + s / 3600 }

@Suite struct NationalGridProjection {
    /// OS "A guide to coordinate systems in Great Britain", annex C worked example (Airy 1830,
    /// projection only): 52°39′27.2531″N 1°43′4.5177″E is E 651 409.903 m, N 313 177.270 m.
    @Test func reproducesTheOSWorkedExampleToTheMillimetre() {
        let p = TransverseMercator.nationalGrid.project(latitude: degrees(52, 39, 27.2531), longitude: degrees(1, 43, 4.5177))
        #expect(abs(p.x - 651_409.903) < 0.0005)
        #expect(abs(p.y - 313_177.270) < 0.0005)
    }

    @Test func inverseReproducesTheOSWorkedExample() {
        let g = TransverseMercator.nationalGrid.geographic(Point(x: 651_409.903, y: 313_177.270))
        // The example prints arc seconds to four decimals: agree to 0.00005″.
        #expect(abs(g.latitude - degrees(52, 39, 27.2531)) * 3600 < 0.00005)
        #expect(abs(g.longitude - degrees(1, 43, 4.5177)) * 3600 < 0.00005)
    }

    @Test(arguments: [(-2.0, 49.0), (-8.5, 57.8), (1.8, 52.5), (-1.3, 60.8), (-5.0, 50.0)])
    func projectionRoundTrips(_ lonLat: (Double, Double)) {
        let tm = TransverseMercator.nationalGrid
        let p = tm.project(latitude: lonLat.1, longitude: lonLat.0)
        let g = tm.geographic(p)
        #expect(abs(g.latitude - lonLat.1) < 1e-10 && abs(g.longitude - lonLat.0) < 1e-10)
    }
}

@Suite struct BritishNationalGridConversion {
    /// Against pyproj's explicit Helmert pipeline (EPSG:1314): the OS's rotation and scale are
    /// given to more digits than EPSG's, so the two differ by a few millimetres.
    @Test func agreesWithPyprojHelmertPipeline() throws {
        let rows = try coordinateFixture("pyproj_helmert.csv")
        #expect(rows.count > 200)
        var worstForward = 0.0, worstInverse = 0.0
        for row in rows {
            let lon = Double(row["longitude"]!)!, lat = Double(row["latitude"]!)!
            let e = Double(row["easting"]!)!, n = Double(row["northing"]!)!
            let p = BritishNationalGrid.point(longitude: lon, latitude: lat)
            worstForward = max(worstForward, p.distance(to: Point(x: e, y: n)))
            let back = BritishNationalGrid.wgs84(Point(x: e, y: n))
            let il = Double(row["inverse_longitude"]!)!, ib = Double(row["inverse_latitude"]!)!
            // Degrees to metres, roughly: 111 km per degree of latitude, less of longitude.
            let metres = hypot((back.longitude - il) * 111_000 * cos(lat * .pi / 180), (back.latitude - ib) * 111_000)
            worstInverse = max(worstInverse, metres)
        }
        // Measured: 3.0 mm forward, 3.1 mm inverse.
        #expect(worstForward < 0.005, "worst forward difference \(worstForward) m")
        #expect(worstInverse < 0.005, "worst inverse difference \(worstInverse) m")
    }

    /// Against the OS OSTN15 test points: the Helmert shift alone is the OS's "about 5 m" method.
    @Test func isWithinTheHelmertAccuracyOfTheOSTestPoints() throws {
        let rows = try coordinateFixture("os_ostn15_test_points.csv")
        #expect(rows.count == 42)
        var worst = 0.0, worstPoint = ""
        for row in rows {
            let p = BritishNationalGrid.point(longitude: Double(row["etrs89_longitude"]!)!, latitude: Double(row["etrs89_latitude"]!)!)
            let d = p.distance(to: Point(x: Double(row["osgb36_easting"]!)!, y: Double(row["osgb36_northing"]!)!))
            if d > worst { worst = d; worstPoint = row["point"]! }
        }
        // Measured: median 1.75 m, worst 4.93 m (an outlying island); the OS quote "about 5 m"
        // for the national Helmert shift.
        #expect(worst < 5, "worst \(worst) m at \(worstPoint)")
        // And the shift is doing something: without it the error is about 100 m.
        let noShift = TransverseMercator.nationalGrid.project(latitude: 51.48936564611111, longitude: -0.1199255641666667)
        #expect(noShift.distance(to: Point(x: 530_624.963, y: 178_388.461)) > 50)
    }

    @Test(arguments: [Point(x: 530_624.963, y: 178_388.461), Point(x: 9_587.897, y: 899_448.993),
                      Point(x: 440_725.061, y: 1_107_878.445), Point(x: 651_409.903, y: 313_177.270)])
    func roundTripIsExact(_ p: Point) {
        let g = BritishNationalGrid.wgs84(p)
        let back = BritishNationalGrid.point(longitude: g.longitude, latitude: g.latitude)
        #expect(back.distance(to: p) < 1e-6, "\(back.distance(to: p)) m")
    }

    @Test func coordinateSystemsDescribeThemselves() {
        #expect(CoordinateSystem.bng.isProjected && !CoordinateSystem.wgs84.isProjected)
        #expect(CoordinateSystem.projected("EPSG:32630").description.contains("EPSG:32630"))
    }
}
