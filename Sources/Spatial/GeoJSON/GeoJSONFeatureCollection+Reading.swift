import Foundation

extension GeoJSONFeatureCollection {
    /// Reads a GeoJSON text: a FeatureCollection, a single Feature or a bare geometry (the last
    /// two become a collection of one feature).
    ///
    /// Point, Polygon and MultiPolygon geometries are read, with `null` geometries kept as `nil`;
    /// other geometry types are reported as unsupported. Rings must be closed with at least four
    /// positions; either winding is accepted (RFC 7946 asks parsers not to reject clockwise
    /// exteriors); a third (altitude) value is ignored.
    /// - Parameters:
    ///   - data: UTF-8 JSON.
    ///   - options: Coordinate and validity checks; RFC 7946 WGS84 with valid polygons by default.
    /// - Throws: ``GeoJSONError`` naming the feature index, the geometry type and the member path
    ///   (for instance `features[2].geometry.coordinates[0][4]`) of the first problem.
    /// - Complexity: O(n) in the size of the text, plus polygon validation.
    public init(data: Data, options: GeoJSONReadingOptions = .wgs84) throws {
        let root: GeoJSONValue
        do {
            root = try JSONDecoder().decode(GeoJSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
            throw GeoJSONError(featureIndex: nil, geometryType: nil, path: "", problem: .invalidJSON(detail))
        } catch {
            throw GeoJSONError(featureIndex: nil, geometryType: nil, path: "", problem: .invalidJSON("\(error)"))
        }
        var reader = GeoJSONReader(options: options)
        self = try reader.collection(root)
    }

    /// Reads a GeoJSON file; see ``init(data:options:)``.
    /// - Throws: The file system's error if the file cannot be read, else ``GeoJSONError``.
    public init(contentsOf url: URL, options: GeoJSONReadingOptions = .wgs84) throws {
        try self.init(data: try Data(contentsOf: url), options: options)
    }
}

/// Walks a decoded JSON tree, keeping where it is for error messages.
private struct GeoJSONReader {
    let options: GeoJSONReadingOptions
    var featureIndex: Int?
    var geometryType: String?

    init(options: GeoJSONReadingOptions) { self.options = options }

    func fail(_ path: String, _ problem: GeoJSONError.Problem) -> GeoJSONError {
        GeoJSONError(featureIndex: featureIndex, geometryType: geometryType, path: path, problem: problem)
    }

    func object(_ value: GeoJSONValue, _ path: String) throws -> [String: GeoJSONValue] {
        guard case .object(let o) = value else { throw fail(path, .wrongType(expected: "an object", found: value.typeName)) }
        return o
    }

    func array(_ value: GeoJSONValue, _ path: String) throws -> [GeoJSONValue] {
        guard case .array(let a) = value else { throw fail(path, .wrongType(expected: "an array", found: value.typeName)) }
        return a
    }

    func type(of o: [String: GeoJSONValue], _ path: String) throws -> String {
        guard let t = o["type"] else { throw fail(path, .missingMember("type")) }
        guard let s = t.string else { throw fail(join(path, "type"), .wrongType(expected: "a string", found: t.typeName)) }
        return s
    }

    mutating func collection(_ root: GeoJSONValue) throws -> GeoJSONFeatureCollection {
        let o = try object(root, "")
        let crs = try checkCRS(o, "")
        switch try type(of: o, "") {
        case "FeatureCollection":
            guard let list = o["features"] else { throw fail("", .missingMember("features")) }
            var features: [GeoJSONFeature] = []
            for (i, f) in try array(list, "features").enumerated() {
                featureIndex = i
                features.append(try feature(f, "features[\(i)]"))
            }
            return GeoJSONFeatureCollection(features: features, crsName: crs)
        case "Feature":
            featureIndex = 0
            return GeoJSONFeatureCollection(features: [try feature(root, "")], crsName: crs)
        case "Point", "Polygon", "MultiPolygon", "LineString", "MultiLineString", "MultiPoint", "GeometryCollection":
            return GeoJSONFeatureCollection(features: [GeoJSONFeature(geometry: try geometry(root, ""))], crsName: crs)
        case let other:
            throw fail("type", .unknownType(other))
        }
    }

    /// RFC 7946 dropped `crs`; the 2008 format's WGS84 names are accepted, any other is an error
    /// unless reading unchecked. Returns the name found.
    func checkCRS(_ o: [String: GeoJSONValue], _ path: String) throws -> String? {
        guard let crs = o["crs"], crs != .null else { return nil }
        let crsPath = join(path, "crs")
        let name: String
        if case .object(let c) = crs, case .object(let properties)? = c["properties"], let n = properties["name"]?.string {
            name = n
        } else if case .object(let c) = crs, case .object(let properties)? = c["properties"], let href = properties["href"]?.string {
            name = href
        } else {
            name = "an unrecognised crs object"
        }
        if case .wgs84 = options.coordinates {
            let normalised = name.uppercased().replacingOccurrences(of: " ", with: "")
            let wgs84Names = ["URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84", "CRS84", "OGC:CRS84",
                              "EPSG:4326", "URN:OGC:DEF:CRS:EPSG::4326", "URN:OGC:DEF:CRS:EPSG:6.6:4326",
                              "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84", "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/4326"]
            guard wgs84Names.contains(normalised) else { throw fail(crsPath, .nonWGS84CRS(name)) }
        }
        return name
    }

    mutating func feature(_ value: GeoJSONValue, _ path: String) throws -> GeoJSONFeature {
        let o = try object(value, path)
        let t = try type(of: o, path)
        guard t == "Feature" else {
            throw fail(join(path, "type"), .wrongType(expected: "\"Feature\"", found: "\"\(t)\""))
        }
        _ = try checkCRS(o, path)
        var properties: [String: GeoJSONValue] = [:]
        switch o["properties"] {
        case nil, .null?: break
        case .object(let p)?: properties = p
        case let other?: throw fail(join(path, "properties"), .wrongType(expected: "an object or null", found: other.typeName))
        }
        // RFC 7946 allows a string or a number; a null id, which some writers emit, means none.
        let id = o["id"] == .null ? nil : o["id"]
        if let id, id.string == nil, id.number == nil {
            throw fail(join(path, "id"), .wrongType(expected: "a string or number", found: id.typeName))
        }
        guard let g = o["geometry"] else { throw fail(path, .missingMember("geometry")) }
        let geometryValue = g == .null ? nil : try geometry(g, join(path, "geometry"))
        geometryType = nil
        return GeoJSONFeature(geometry: geometryValue, properties: properties, id: id)
    }

    mutating func geometry(_ value: GeoJSONValue, _ path: String) throws -> GeoJSONGeometry {
        let o = try object(value, path)
        let t = try type(of: o, path)
        geometryType = t
        switch t {
        case "Point", "Polygon", "MultiPolygon": break
        case "LineString", "MultiLineString", "MultiPoint", "GeometryCollection":
            throw fail(join(path, "type"), .unsupportedGeometry(t))
        default:
            throw fail(join(path, "type"), .unknownType(t))
        }
        guard let c = o["coordinates"] else { throw fail(path, .missingMember("coordinates")) }
        let cPath = join(path, "coordinates")
        switch t {
        case "Point":
            return .point(try position(c, cPath))
        case "Polygon":
            let p = try polygon(c, cPath, index: 0)
            if options.validatePolygons { try validate(cPath) { try p.validate() } }
            return .polygon(p)
        default:
            let parts = try array(c, cPath).enumerated().map { try polygon($0.element, cPath + "[\($0.offset)]", index: $0.offset) }
            let m = MultiPolygon(parts)
            if options.validatePolygons {
                try validate(cPath) { for (i, p) in parts.enumerated() { try p.validate(index: i) } }
            }
            return .multiPolygon(m)
        }
    }

    func validate(_ path: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as GeometryValidityError {
            throw fail(path, .invalidGeometry(error))
        }
    }

    func polygon(_ value: GeoJSONValue, _ path: String, index: Int) throws -> Polygon {
        let rings = try array(value, path)
        guard !rings.isEmpty else { throw fail(path, .tooFewPositions(0)) }
        var parsed: [LinearRing] = []
        for (r, ring) in rings.enumerated() {
            let ringPath = path + "[\(r)]"
            let positions = try array(ring, ringPath).enumerated().map { try position($0.element, ringPath + "[\($0.offset)]") }
            guard positions.count >= 4 else { throw fail(ringPath, .tooFewPositions(positions.count)) }
            guard positions.first == positions.last else {
                throw fail(ringPath + "[\(positions.count - 1)]", .unclosedRing)
            }
            parsed.append(LinearRing(positions))
        }
        return Polygon(exterior: parsed[0], holes: Array(parsed.dropFirst()))
    }

    func position(_ value: GeoJSONValue, _ path: String) throws -> Point {
        let values = try array(value, path)
        guard values.count >= 2 else { throw fail(path, .tooFewValues(values.count)) }
        var numbers: [Double] = []
        for (i, v) in values.enumerated() {
            guard let d = v.number else { throw fail(path + "[\(i)]", .wrongType(expected: "a number", found: v.typeName)) }
            numbers.append(d)
        }
        let x = numbers[0], y = numbers[1]
        guard case .wgs84(let extent) = options.coordinates else { return Point(x: x, y: y) }
        if abs(x) > 180 || abs(y) > 90 {
            if abs(x) > 1000 || abs(y) > 1000 { throw fail(path, .projectedCoordinates(first: x, second: y)) }
            if abs(x) <= 90 && abs(y) <= 180 { throw fail(path, .swappedAxes(first: x, second: y)) }
            throw fail(path, abs(y) > 90 ? .latitudeOutOfRange(y) : .longitudeOutOfRange(x))
        }
        if let extent, !extent.contains(Point(x: x, y: y)) {
            if extent.contains(Point(x: y, y: x)) { throw fail(path, .swappedAxes(first: x, second: y)) }
            throw fail(path, .outsideExpectedExtent(first: x, second: y, extent: extent))
        }
        return Point(x: x, y: y)
    }

    func join(_ path: String, _ member: String) -> String { path.isEmpty ? member : "\(path).\(member)" }
}
