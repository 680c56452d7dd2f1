/// Why a GeoJSON text could not be read or written, located by feature, geometry type and
/// member path (for example `features[3].geometry.coordinates[0][5]`).
public struct GeoJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Hashable, Sendable {
        /// The text is not JSON.
        case invalidJSON(String)
        /// A member has the wrong JSON type.
        case wrongType(expected: String, found: String)
        /// A required member is absent.
        case missingMember(String)
        /// A `type` that is not a GeoJSON object type.
        case unknownType(String)
        /// A GeoJSON geometry type PreventKit does not read (only Point, Polygon, MultiPolygon).
        case unsupportedGeometry(String)
        /// A position with fewer than two numbers.
        case tooFewValues(Int)
        /// A linear ring with fewer than four positions.
        case tooFewPositions(Int)
        /// A linear ring whose last position differs from its first.
        case unclosedRing
        /// A longitude outside [−180, 180].
        case longitudeOutOfRange(Double)
        /// A latitude outside [−90, 90].
        case latitudeOutOfRange(Double)
        /// Values that look like latitude, longitude (the wrong order for GeoJSON).
        case swappedAxes(first: Double, second: Double)
        /// Values far outside degree ranges: projected coordinates in a file that must be lon-lat.
        case projectedCoordinates(first: Double, second: Double)
        /// A position outside the extent the caller expected (and not inside it when swapped).
        case outsideExpectedExtent(first: Double, second: Double, extent: BoundingBox)
        /// A `crs` member naming a system other than WGS84 / CRS84.
        case nonWGS84CRS(String)
        /// A polygon that is not valid.
        case invalidGeometry(GeometryValidityError)
        /// Coordinates in a system PreventKit cannot convert to WGS84.
        case cannotConvertToWGS84(CoordinateSystem)
    }

    /// The 0-based feature index, where the problem lies in a feature.
    public let featureIndex: Int?
    /// The GeoJSON geometry type involved, where known.
    public let geometryType: String?
    /// The path of the member at fault, from the top of the document.
    public let path: String
    /// What went wrong.
    public let problem: Problem

    /// Creates an error.
    public init(featureIndex: Int?, geometryType: String?, path: String, problem: Problem) {
        self.featureIndex = featureIndex
        self.geometryType = geometryType
        self.path = path
        self.problem = problem
    }

    public var description: String {
        var place: [String] = []
        if let featureIndex { place.append("feature \(featureIndex)") }
        if let geometryType { place.append(geometryType) }
        if !path.isEmpty { place.append(path) }
        let prefix = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
        return prefix + problemDescription
    }

    private var problemDescription: String {
        switch problem {
        case .invalidJSON(let detail): return "not valid JSON (\(detail))"
        case .wrongType(let expected, let found): return "expected \(expected), found \(found)"
        case .missingMember(let name): return "required member \"\(name)\" is missing"
        case .unknownType(let name): return "\"\(name)\" is not a GeoJSON type"
        case .unsupportedGeometry(let name):
            return "geometry type \(name) is not supported (only Point, Polygon and MultiPolygon are read)"
        case .tooFewValues(let n): return "a position needs at least 2 numbers, found \(n)"
        case .tooFewPositions(let n): return "a linear ring needs at least 4 positions, found \(n)"
        case .unclosedRing: return "linear ring is not closed: its last position differs from its first"
        case .longitudeOutOfRange(let x): return "longitude \(x) is outside [-180, 180]"
        case .latitudeOutOfRange(let y): return "latitude \(y) is outside [-90, 90]"
        case .swappedAxes(let a, let b):
            return "position [\(a), \(b)] looks like latitude, longitude; GeoJSON (RFC 7946) positions are [longitude, latitude]"
        case .projectedCoordinates(let a, let b):
            return "position [\(a), \(b)] looks like projected coordinates (metres, e.g. British National Grid), "
                + "but GeoJSON (RFC 7946) is WGS84 longitude-latitude; convert the file, or read it as projected, unchecked"
        case .outsideExpectedExtent(let a, let b, let extent):
            return "position [\(a), \(b)] lies outside the expected extent \(extent) (longitude, latitude)"
        case .nonWGS84CRS(let name):
            return "the crs member names \(name); RFC 7946 GeoJSON is WGS84 longitude-latitude only "
                + "(reproject the file to EPSG:4326, or read it as projected, unchecked)"
        case .invalidGeometry(let error): return "invalid polygon: \(error)"
        case .cannotConvertToWGS84(let system): return "cannot convert \(system) to WGS84"
        }
    }
}
