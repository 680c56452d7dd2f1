import Foundation
import Spatial

/// The shapely reference cases in Fixtures/geometry/geometry_cases.json
/// (made by Fixtures/geometry/make_geometry_fixtures.py).
struct GeometryFixtures: Decodable, Sendable {
    struct RingPair: Decodable, Sendable {
        let exterior: [[Double]]
        let holes: [[[Double]]]
        var polygon: Polygon {
            Polygon(exterior: LinearRing(exterior.map(fixturePoint)), holes: holes.map { LinearRing($0.map(fixturePoint)) })
        }
    }
    struct PolygonCase: Decodable, Sendable, CustomStringConvertible {
        let name: String
        let polygon: RingPair
        let area: Double
        let centroid: [Double]
        let bounds: [Double]
        var description: String { name }
    }
    struct LocationCase: Decodable, Sendable {
        let polygon: String
        let x: Double
        let y: Double
        let location: String
    }
    struct PairCase: Decodable, Sendable, CustomStringConvertible {
        let a: String
        let b: String
        let intersection_area: Double
        let union_area: Double
        let difference_area: Double
        let intersection_parts: Int
        var description: String { "\(a) × \(b)" }
    }
    struct HullCase: Decodable, Sendable, CustomStringConvertible {
        let name: String
        let points: [[Double]]
        let kind: String
        let vertices: [[Double]]
        let area: Double
        var description: String { name }
    }

    struct ColumbusCase: Decodable, Sendable {
        let area: Double
        let centroid: [Double]
        let valid: Bool
    }

    struct UnionCase: Decodable, Sendable, CustomStringConvertible {
        let names: [String]
        let area: Double
        let parts: Int
        let holes: Int
        var description: String { "union of \(names.count) polygons" }
    }

    struct OrientationCase: Decodable, Sendable {
        let a: [Double]
        let b: [Double]
        let c: [Double]
        let sign: Int
    }

    let generator: String
    let polygons: [PolygonCase]
    let locations: [LocationCase]
    let pairs: [PairCase]
    let hulls: [HullCase]
    /// shapely's area and centroid of every Studies/columbus/columbus.geojson neighbourhood.
    let columbus: [ColumbusCase]
    /// shapely's `union_all` of several fixture polygons at once.
    let unions: [UnionCase]
    /// Nearly and exactly collinear triples with the exact orientation sign (Python fractions).
    let orientations: [OrientationCase]

    static let shared: GeometryFixtures = {
        let url = Bundle.module.resourceURL!
            .appendingPathComponent("Fixtures/geometry/geometry_cases.json")
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(GeometryFixtures.self, from: data)
    }()

    static func polygon(named name: String) -> Polygon {
        shared.polygons.first { $0.name == name }!.polygon.polygon
    }
}

func fixturePoint(_ pair: [Double]) -> Point { Point(x: pair[0], y: pair[1]) }

/// Whether `a` and `b` agree to `relative` of the larger magnitude, or to `absolute` near zero.
func geometryAgrees(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-9) -> Bool {
    abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
}
