/// How strictly ``GeoJSONFeatureCollection/init(data:options:)`` checks what it reads.
public struct GeoJSONReadingOptions: Hashable, Sendable {
    /// What the coordinates must look like.
    public enum CoordinateCheck: Hashable, Sendable {
        /// RFC 7946: WGS84 longitude, latitude. Longitudes outside [−180, 180] or latitudes outside
        /// [−90, 90] are errors, reported as swapped axes or projected metres when they look like
        /// either; a `crs` member naming anything but WGS84/CRS84 is an error. With an
        /// `expectedExtent` (longitude-latitude), a position outside it is an error too, reported
        /// as swapped axes when swapping would put it inside.
        case wgs84(expectedExtent: BoundingBox?)
        /// Coordinates in some projected system, taken as they are: no range or `crs` checks
        /// (the `crs` name, if any, is kept in ``GeoJSONFeatureCollection/crsName``). For legacy
        /// files such as projected shapefile exports.
        case projectedUnchecked
    }

    /// The coordinate check; `.wgs84(expectedExtent: nil)` by default.
    public var coordinates: CoordinateCheck
    /// Whether polygons are checked for validity (``Polygon/validate(index:)``: self-intersection,
    /// too few points, holes outside the shell); `true` by default.
    public var validatePolygons: Bool

    /// Creates options.
    public init(coordinates: CoordinateCheck = .wgs84(expectedExtent: nil), validatePolygons: Bool = true) {
        self.coordinates = coordinates
        self.validatePolygons = validatePolygons
    }

    /// RFC 7946 longitude-latitude anywhere on Earth.
    public static let wgs84 = GeoJSONReadingOptions()
    /// Longitude-latitude within Great Britain (``BoundingBox/greatBritainLongitudeLatitude``),
    /// which also catches latitude-longitude files whose values are both in range.
    public static let greatBritain = GeoJSONReadingOptions(coordinates: .wgs84(expectedExtent: .greatBritainLongitudeLatitude))
    /// Projected coordinates, unchecked.
    public static let projectedUnchecked = GeoJSONReadingOptions(coordinates: .projectedUnchecked)
}

extension BoundingBox {
    /// Great Britain with its islands (Scilly to Shetland, St Kilda to Lowestoft) in longitude and
    /// latitude, with a margin: longitude −9.0 to 2.5, latitude 49.0 to 61.5.
    public static let greatBritainLongitudeLatitude = BoundingBox(minX: -9.0, minY: 49.0, maxX: 2.5, maxY: 61.5)
}
