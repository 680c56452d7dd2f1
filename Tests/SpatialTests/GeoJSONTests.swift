import Foundation
import Testing
@testable import Spatial

private func collection(_ text: String, _ options: GeoJSONReadingOptions = .wgs84) throws -> GeoJSONFeatureCollection {
    try GeoJSONFeatureCollection(data: Data(text.utf8), options: options)
}

/// A FeatureCollection holding the given feature JSON texts.
private func features(_ items: String...) -> String {
    "{\"type\":\"FeatureCollection\",\"features\":[\(items.joined(separator: ","))]}"
}

private func polygonFeature(_ coordinates: String) -> String {
    "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\(coordinates)}}"
}

private let goodSquare = polygonFeature("[[[-0.2,51.5],[-0.1,51.5],[-0.1,51.6],[-0.2,51.6],[-0.2,51.5]]]")

@Suite struct GeoJSONBadInput {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let text: String
        let options: GeoJSONReadingOptions
        let featureIndex: Int?
        let path: String
        let matches: @Sendable (GeoJSONError.Problem) -> Bool
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "truncated JSON", text: "{\"type\":\"FeatureCollection\",", options: .wgs84, featureIndex: nil, path: "") {
            if case .invalidJSON = $0 { true } else { false }
        },
        Case(name: "features not an array", text: "{\"type\":\"FeatureCollection\",\"features\":{}}", options: .wgs84,
             featureIndex: nil, path: "features") { $0 == .wrongType(expected: "an array", found: "object") },
        Case(name: "unknown type", text: "{\"type\":\"Thing\"}", options: .wgs84, featureIndex: nil, path: "type") {
            $0 == .unknownType("Thing")
        },
        Case(name: "feature without geometry", text: features(goodSquare, "{\"type\":\"Feature\",\"properties\":{}}"),
             options: .wgs84, featureIndex: 1, path: "features[1]") { $0 == .missingMember("geometry") },
        Case(name: "unsupported LineString",
             text: features("{\"type\":\"Feature\",\"properties\":null,\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}"),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.type") { $0 == .unsupportedGeometry("LineString") },
        Case(name: "unclosed ring", text: features(goodSquare, polygonFeature("[[[0,0],[1,0],[1,1],[0,1]]]")),
             options: .wgs84, featureIndex: 1, path: "features[1].geometry.coordinates[0][3]") { $0 == .unclosedRing },
        Case(name: "too few positions", text: features(polygonFeature("[[[0,0],[1,0],[0,0]]]")),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates[0]") { $0 == .tooFewPositions(3) },
        Case(name: "coordinate not a number", text: features(polygonFeature("[[[0,0],[1,0],[1,\"1\"],[0,0]]]")),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates[0][2][1]") {
            $0 == .wrongType(expected: "a number", found: "string")
        },
        Case(name: "position of one number",
             text: features("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[3]}}"),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") { $0 == .tooFewValues(1) },
        Case(name: "latitude out of range",
             text: features("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[100,95]}}"),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") { $0 == .latitudeOutOfRange(95) },
        Case(name: "longitude out of range",
             text: features("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-200,10]}}"),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") { $0 == .longitudeOutOfRange(-200) },
        Case(name: "latitude first (out of range)",
             text: features("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-33.9,151.2]}}"),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") { $0 == .swappedAxes(first: -33.9, second: 151.2) },
        Case(name: "latitude first (in range, caught by the GB extent)",
             text: features(goodSquare, polygonFeature("[[[51.5,-0.2],[51.5,-0.1],[51.6,-0.1],[51.6,-0.2],[51.5,-0.2]]]")),
             options: .greatBritain, featureIndex: 1, path: "features[1].geometry.coordinates[0][0]") {
            $0 == .swappedAxes(first: 51.5, second: -0.2)
        },
        Case(name: "British National Grid metres",
             text: features("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[530624.963,178388.461]}}"),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") {
            $0 == .projectedCoordinates(first: 530624.963, second: 178388.461)
        },
        Case(name: "outside Great Britain",
             text: features("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[2.35,48.85]}}"),
             options: .greatBritain, featureIndex: 0, path: "features[0].geometry.coordinates") {
            if case .outsideExpectedExtent = $0 { true } else { false }
        },
        Case(name: "crs naming British National Grid",
             text: "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[]}",
             options: .wgs84, featureIndex: nil, path: "crs") { $0 == .nonWGS84CRS("urn:ogc:def:crs:EPSG::27700") },
        Case(name: "self-intersecting polygon (bow tie)", text: features(polygonFeature("[[[0,0],[1,1],[1,0],[0,1],[0,0]]]")),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") {
            if case .invalidGeometry(let e) = $0, case .selfIntersection = e.problem, e.role == .exterior(polygon: 0) { true } else { false }
        },
        Case(name: "hole outside the shell",
             text: features(polygonFeature("[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[5,5],[6,5],[6,6],[5,5]]]")),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") {
            if case .invalidGeometry(let e) = $0, e.problem == .holeOutsideShell, e.role == .hole(polygon: 0, hole: 0) { true } else { false }
        },
        Case(name: "collinear ring in a multipolygon part",
             text: features("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":"
                 + "[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,3],[4,4],[2,2]]]]}}"),
             options: .wgs84, featureIndex: 0, path: "features[0].geometry.coordinates") {
            if case .invalidGeometry(let e) = $0, e.role == .exterior(polygon: 1) { true } else { false }
        },
        Case(name: "properties not an object",
             text: features("{\"type\":\"Feature\",\"properties\":[1],\"geometry\":null}"),
             options: .wgs84, featureIndex: 0, path: "features[0].properties") { $0 == .wrongType(expected: "an object or null", found: "array") },
    ]

    @Test(arguments: cases)
    func isRejectedWithItsLocation(_ c: Case) {
        do {
            _ = try collection(c.text, c.options)
            Issue.record("\(c.name) was accepted")
        } catch let error as GeoJSONError {
            #expect(c.matches(error.problem), "\(error)")
            #expect(error.featureIndex == c.featureIndex, "\(error)")
            #expect(error.path == c.path, "\(error)")
            #expect(!error.description.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func projectedReadingAcceptsWhatWGS84Rejects() throws {
        let text = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:27700\"}},\"features\":["
            + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[530624.963,178388.461]}}]}"
        let c = try collection(text, .projectedUnchecked)
        #expect(c.crsName == "EPSG:27700")
        #expect(c.features[0].geometry == .point(Point(x: 530624.963, y: 178388.461)))
    }

    @Test(arguments: ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"])
    func wgs84CRSNamesAreAccepted(_ name: String) throws {
        let text = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"\(name)\"}},\"features\":[\(goodSquare)]}"
        #expect(try collection(text).features.count == 1)
    }
}

@Suite struct GeoJSONRoundTrip {
    static let sample = GeoJSONFeatureCollection(features: [
        GeoJSONFeature(geometry: .point(Point(x: -1.2577, y: 51.752)), properties: ["name": "Carfax", "count": 12, "flag": true, "note": nil], id: "p1"),
        // A clockwise exterior with an anticlockwise hole: written the other way round.
        GeoJSONFeature(geometry: .polygon(Polygon(
            exterior: LinearRing([Point(x: -0.2, y: 51.5), Point(x: -0.2, y: 51.6), Point(x: -0.1, y: 51.6), Point(x: -0.1, y: 51.5)]),
            holes: [LinearRing([Point(x: -0.17, y: 51.53), Point(x: -0.13, y: 51.53), Point(x: -0.13, y: 51.57), Point(x: -0.17, y: 51.57)])])),
            properties: ["types": .array(["drugs", "violence"]), "share": .object(["drugs": 0.75, "violence": 0.25])], id: 7),
        GeoJSONFeature(geometry: .multiPolygon(MultiPolygon([
            Polygon([Point(x: -2, y: 52), Point(x: -1.9, y: 52), Point(x: -1.9, y: 52.1)]),
            Polygon([Point(x: -1.8, y: 52), Point(x: -1.7, y: 52), Point(x: -1.7, y: 52.1)]),
        ])), properties: [:]),
        GeoJSONFeature(geometry: nil, properties: ["empty": "geometry"]),
    ])

    @Test(arguments: [false, true])
    func writesAndReadsBack(_ bbox: Bool) throws {
        let data = Self.sample.geoJSONData(options: GeoJSONWritingOptions(includeBoundingBoxes: bbox))
        let back = try GeoJSONFeatureCollection(data: data, options: .greatBritain)
        #expect(back.features.count == 4)
        for (a, b) in zip(Self.sample.features, back.features) {
            #expect(a.properties == b.properties)
            #expect(a.id == b.id)
            switch (a.geometry, b.geometry) {
            case (.point(let p)?, .point(let q)?): #expect(p == q)
            case (.polygon(let p)?, .polygon(let q)?): #expect(p.normalized() == q)
            case (.multiPolygon(let p)?, .multiPolygon(let q)?): #expect(p.normalized() == q)
            case (nil, nil): break
            default: Issue.record("geometry changed: \(String(describing: a.geometry)) → \(String(describing: b.geometry))")
            }
        }
        // RFC 7946 winding on output.
        if case .polygon(let p)? = back.features[1].geometry {
            #expect(p.exterior.isCounterClockwise && !p.holes[0].isCounterClockwise)
        }
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect((object["bbox"] != nil) == bbox)
        if bbox { #expect(object["bbox"] as! [Double] == [-2, 51.5, -0.1, 52.1]) }
        #expect(object["crs"] == nil)
    }

    @Test func coordinatesAreRoundedToTheRequestedDecimals() throws {
        let c = GeoJSONFeatureCollection(features: [GeoJSONFeature(geometry: .point(Point(x: -0.123456789, y: 51.987654321)))])
        let text = String(decoding: c.geoJSONData(), as: UTF8.self)
        #expect(text.contains("[-0.1234568,51.9876543]"))
        let coarse = String(decoding: c.geoJSONData(options: GeoJSONWritingOptions(decimals: 3)), as: UTF8.self)
        #expect(coarse.contains("[-0.123,51.988]"))
    }

    /// BNG geometry written as GeoJSON goes through the coordinates module: compare with pyproj's
    /// Helmert pipeline (Fixtures/coordinates/pyproj_helmert.csv, first rows).
    @Test func britishNationalGridIsConvertedOnWriting() throws {
        // From pyproj_helmert.csv: (1.7179215833 E, 52.6575703056 N) ↔ (651538.6405918928, 313138.40448231087).
        let bng = GeoJSONFeatureCollection(features: [GeoJSONFeature(geometry: .point(Point(x: 651538.6405918928, y: 313138.40448231087)))])
        let wgs = try bng.converted(from: .bng)
        guard case .point(let p)? = wgs.features[0].geometry else { Issue.record("not a point"); return }
        #expect(abs(p.x - 1.7179215833) < 5e-8 && abs(p.y - 52.6575703056) < 5e-8)
        let back = try GeoJSONFeatureCollection(data: wgs.geoJSONData(), options: .greatBritain)
        #expect(back.features.count == 1)
        #expect(throws: GeoJSONError.self) { try bng.converted(from: .projected("EPSG:32630")) }
        // And back onto the grid, to the centimetre that 7 decimals of a degree keep.
        guard case .point(let q)? = try back.converted(to: .bng).features[0].geometry else { Issue.record("not a point"); return }
        #expect(q.distance(to: Point(x: 651538.6405918928, y: 313138.40448231087)) < 0.01)  // 7 decimals ≈ 1 cm
        #expect(throws: GeoJSONError.self) { try back.converted(to: .projected("EPSG:32630")) }
    }
}

@Suite struct GeoJSONColumbus {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Studies/columbus/columbus.geojson")
    }

    /// Columbus neighbourhoods are in arbitrary projected units, not WGS84: read them unchecked
    /// (all 49 pass validation, as in shapely) and compare areas and centroids with shapely's.
    @Test func readsProjectedPolygonsUnchecked() throws {
        let c = try GeoJSONFeatureCollection(contentsOf: Self.url, options: .projectedUnchecked)
        let reference = GeometryFixtures.shared.columbus
        #expect(c.features.count == 49 && reference.count == 49)
        for (feature, expected) in zip(c.features, reference) {
            guard case .polygon(let p)? = feature.geometry, let centroid = p.centroid else {
                Issue.record("feature is not a polygon"); continue
            }
            #expect(expected.valid)
            #expect(geometryAgrees(p.area, expected.area, relative: 1e-12))
            #expect(geometryAgrees(centroid.x, expected.centroid[0], relative: 1e-12))
            #expect(geometryAgrees(centroid.y, expected.centroid[1], relative: 1e-12))
        }
    }

    @Test func isRejectedAsGreatBritainLongitudeLatitude() {
        #expect {
            try GeoJSONFeatureCollection(contentsOf: Self.url, options: .greatBritain)
        } throws: { error in
            guard let e = error as? GeoJSONError, case .outsideExpectedExtent = e.problem else { return false }
            return e.featureIndex == 0 && e.path == "features[0].geometry.coordinates[0][0]"
        }
    }
}

/// The README's example, kept compiling and checked.
@Test func readmeExampleRuns() throws {
    let crimes = [Point(x: 407_310, y: 286_650), Point(x: 407_540, y: 286_700), Point(x: 407_420, y: 286_930)]
    let hotspot = try #require(ConvexHull(of: crimes).polygon)
    let home = BritishNationalGrid.point(longitude: -1.8904, latitude: 52.4862)
    let containing = PolygonOverlay([hotspot]).polygons(containing: [home])[0]
    #expect(containing.isEmpty == (hotspot.locate(home) == .outside))
    let map = GeoJSONFeatureCollection(features: [GeoJSONFeature(geometry: .polygon(hotspot), properties: ["types": "drugs"])])
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("preventkit-readme-\(UUID().uuidString).geojson")
    defer { try? FileManager.default.removeItem(at: url) }
    try map.converted(from: .bng).write(to: url)
    let back = try GeoJSONFeatureCollection(contentsOf: url, options: .greatBritain)
    #expect(back.features[0].properties["types"] == "drugs")
}
