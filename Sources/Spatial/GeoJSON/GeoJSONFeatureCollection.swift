/// A geometry that PreventKit reads and writes as GeoJSON.
public enum GeoJSONGeometry: Hashable, Sendable {
    /// A `Point`: x is longitude, y latitude (or projected x, y when read unchecked).
    case point(Point)
    /// A `Polygon`.
    case polygon(Polygon)
    /// A `MultiPolygon`.
    case multiPolygon(MultiPolygon)

    /// The GeoJSON `type` name.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        }
    }

    /// The smallest box holding the geometry, or `nil` for an empty multipolygon.
    public var bounds: BoundingBox? {
        switch self {
        case .point(let p): BoundingBox(p)
        case .polygon(let p): p.bounds
        case .multiPolygon(let m): m.bounds
        }
    }

    /// The same geometry with every point mapped by `transform`.
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> GeoJSONGeometry {
        func ring(_ r: LinearRing) throws -> LinearRing { LinearRing(try r.vertices.map(transform)) }
        func polygon(_ p: Polygon) throws -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let p): return .point(try transform(p))
        case .polygon(let p): return .polygon(try polygon(p))
        case .multiPolygon(let m): return .multiPolygon(MultiPolygon(try m.polygons.map(polygon)))
        }
    }
}

/// A GeoJSON feature: a geometry (or none) with properties.
public struct GeoJSONFeature: Hashable, Sendable {
    /// The geometry; `nil` for a feature whose geometry is `null`.
    public var geometry: GeoJSONGeometry?
    /// The `properties` member (an empty object when absent or `null`).
    public var properties: [String: GeoJSONValue]
    /// The optional `id` (a string or a number).
    public var id: GeoJSONValue?

    /// Creates a feature.
    public init(geometry: GeoJSONGeometry?, properties: [String: GeoJSONValue] = [:], id: GeoJSONValue? = nil) {
        self.geometry = geometry
        self.properties = properties
        self.id = id
    }
}

/// A GeoJSON FeatureCollection (RFC 7946): read with ``init(data:options:)``, written with
/// ``geoJSONData(options:)``.
public struct GeoJSONFeatureCollection: Hashable, Sendable {
    /// The features, in file order.
    public var features: [GeoJSONFeature]
    /// The name in a legacy `crs` member, when the file was read with
    /// ``GeoJSONReadingOptions/CoordinateCheck/projectedUnchecked`` and had one.
    public var crsName: String?

    /// Creates a collection.
    public init(features: [GeoJSONFeature], crsName: String? = nil) {
        self.features = features
        self.crsName = crsName
    }
}
