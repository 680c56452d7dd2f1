import Foundation

/// How ``GeoJSONFeatureCollection/geoJSONData(options:)`` writes.
public struct GeoJSONWritingOptions: Hashable, Sendable {
    /// Decimal places kept in coordinates, 0 to 15; 7 by default (about 1 cm in degrees, the
    /// precision RFC 7946 section 11.2 suggests is ample).
    public var decimals: Int
    /// Whether to write a `bbox` member on the collection and on every feature; off by default.
    public var includeBoundingBoxes: Bool

    /// Creates options.
    public init(decimals: Int = 7, includeBoundingBoxes: Bool = false) {
        precondition((0 ... 15).contains(decimals), "GeoJSON decimals must be 0 to 15")
        self.decimals = decimals
        self.includeBoundingBoxes = includeBoundingBoxes
    }
}

extension GeoJSONFeatureCollection {
    /// The collection as RFC 7946 GeoJSON text, one feature per line.
    ///
    /// Polygons are rewound so that exteriors run anticlockwise and holes clockwise, and rings
    /// are written closed. Coordinates are rounded to `options.decimals` places and written in
    /// Swift's shortest round-trip form. No `crs` member is written: the coordinates must
    /// already be WGS84 longitude-latitude (use ``converted(from:)`` for British National Grid).
    /// QGIS reads the output as EPSG:4326. Properties are written with sorted keys.
    /// - Parameter options: Precision and bounding boxes.
    /// - Returns: UTF-8 JSON.
    /// - Complexity: O(n) in the number of coordinates and property values.
    public func geoJSONData(options: GeoJSONWritingOptions = GeoJSONWritingOptions()) -> Data {
        let writer = GeoJSONWriter(options: options)
        var text = "{\"type\":\"FeatureCollection\""
        if options.includeBoundingBoxes, let box = writer.bounds(of: features) {
            text += ",\"bbox\":" + writer.bbox(box)
        }
        text += ",\"features\":[\n"
        text += features.map(writer.feature).joined(separator: ",\n")
        text += "\n]}\n"
        return Data(text.utf8)
    }

    /// Writes ``geoJSONData(options:)`` to a file, atomically (a failed write leaves an existing
    /// file as it was).
    /// - Throws: The file system's error.
    public func write(to url: URL, options: GeoJSONWritingOptions = GeoJSONWritingOptions()) throws {
        try geoJSONData(options: options).write(to: url, options: .atomic)
    }

    /// The collection with every coordinate converted from `system` to WGS84 longitude-latitude,
    /// ready to write as RFC 7946 GeoJSON.
    /// - Parameter system: The coordinates' system: `.bng` is converted by
    ///   ``BritishNationalGrid/wgs84(_:)`` (about 5 m accuracy, see there); `.wgs84` is returned
    ///   unchanged.
    /// - Throws: ``GeoJSONError`` with ``GeoJSONError/Problem/cannotConvertToWGS84(_:)`` for
    ///   `.projected`, which PreventKit cannot convert.
    /// - Complexity: O(n) in the number of coordinates.
    public func converted(from system: CoordinateSystem) throws -> GeoJSONFeatureCollection {
        switch system {
        case .wgs84: return self
        case .projected:
            throw GeoJSONError(featureIndex: nil, geometryType: nil, path: "", problem: .cannotConvertToWGS84(system))
        case .bng:
            var copy = self
            copy.crsName = nil
            for i in copy.features.indices {
                copy.features[i].geometry = copy.features[i].geometry?.mapPoints { p in
                    let g = BritishNationalGrid.wgs84(p)
                    return Point(x: g.longitude, y: g.latitude)
                }
            }
            return copy
        }
    }
}

extension GeoJSONFeatureCollection {
    /// The collection, read as WGS84 longitude-latitude, with every coordinate converted to
    /// `system`: the inverse of ``converted(from:)``, for bringing GeoJSON layers onto the grid.
    /// - Parameter system: `.bng` converts by ``BritishNationalGrid/point(longitude:latitude:)``;
    ///   `.wgs84` returns the collection unchanged.
    /// - Throws: ``GeoJSONError`` with ``GeoJSONError/Problem/cannotConvertToWGS84(_:)`` for
    ///   `.projected`, which PreventKit cannot convert.
    /// - Complexity: O(n) in the number of coordinates.
    public func converted(to system: CoordinateSystem) throws -> GeoJSONFeatureCollection {
        switch system {
        case .wgs84: return self
        case .projected:
            throw GeoJSONError(featureIndex: nil, geometryType: nil, path: "", problem: .cannotConvertToWGS84(system))
        case .bng:
            var copy = self
            for i in copy.features.indices {
                copy.features[i].geometry = copy.features[i].geometry?.mapPoints {
                    BritishNationalGrid.point(longitude: $0.x, latitude: $0.y)
                }
            }
            return copy
        }
    }
}

private struct GeoJSONWriter {
    let options: GeoJSONWritingOptions
    let scale: Double

    init(options: GeoJSONWritingOptions) {
        self.options = options
        scale = pow(10, Double(options.decimals))
    }

    func number(_ value: Double) -> String {
        let rounded = (value * scale).rounded() / scale
        // Shortest round-trip form; integral values without a trailing ".0".
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    func position(_ p: Point) -> String { "[\(number(p.x)),\(number(p.y))]" }

    func ring(_ r: LinearRing, counterClockwise: Bool) -> String {
        "[" + r.oriented(counterClockwise: counterClockwise).closedVertices.map(position).joined(separator: ",") + "]"
    }

    func polygon(_ p: Polygon) -> String {
        "[" + ([ring(p.exterior, counterClockwise: true)] + p.holes.map { ring($0, counterClockwise: false) })
            .joined(separator: ",") + "]"
    }

    func geometry(_ g: GeoJSONGeometry?) -> String {
        guard let g else { return "null" }
        let coordinates: String
        switch g {
        case .point(let p): coordinates = position(p)
        case .polygon(let p): coordinates = polygon(p)
        case .multiPolygon(let m): coordinates = "[" + m.polygons.map(polygon).joined(separator: ",") + "]"
        }
        return "{\"type\":\"\(g.typeName)\",\"coordinates\":\(coordinates)}"
    }

    func bbox(_ b: BoundingBox) -> String {
        "[\(number(b.minX)),\(number(b.minY)),\(number(b.maxX)),\(number(b.maxY))]"
    }

    func bounds(of features: [GeoJSONFeature]) -> BoundingBox? {
        features.compactMap { $0.geometry?.bounds ?? nil }.reduce(nil) { $0?.union($1) ?? $1 }
    }

    func json(_ value: GeoJSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a GeoJSONValue cannot fail: every case is a JSON value (non-finite numbers
        // are written as null, which JSON requires).
        let safe = value.replacingNonFiniteNumbers()
        return String(decoding: try! encoder.encode(safe), as: UTF8.self)
    }

    func feature(_ f: GeoJSONFeature) -> String {
        var text = "{\"type\":\"Feature\""
        if let id = f.id { text += ",\"id\":" + json(id) }
        if options.includeBoundingBoxes, let box = f.geometry?.bounds ?? nil { text += ",\"bbox\":" + bbox(box) }
        text += ",\"properties\":" + json(.object(f.properties))
        text += ",\"geometry\":" + geometry(f.geometry) + "}"
        return text
    }
}

extension GeoJSONValue {
    /// The value with infinities and NaN replaced by `null`, which JSON cannot represent otherwise.
    func replacingNonFiniteNumbers() -> GeoJSONValue {
        switch self {
        case .number(let d) where !d.isFinite: .null
        case .array(let a): .array(a.map { $0.replacingNonFiniteNumbers() })
        case .object(let o): .object(o.mapValues { $0.replacingNonFiniteNumbers() })
        default: self
        }
    }
}
