/// The coordinate system a caller's coordinates are in, said explicitly rather than guessed.
public enum CoordinateSystem: Hashable, Sendable, CustomStringConvertible {
    /// British National Grid (EPSG:27700): metres east and north on the OSGB36 datum.
    case bng
    /// WGS84 (EPSG:4326 / OGC CRS84) longitude and latitude in degrees, longitude first, as in
    /// GeoJSON (RFC 7946). Within the accuracy of ``BritishNationalGrid`` this is also ETRS89.
    case wgs84
    /// Any other projected system, in its own units, named for messages and output (for example
    /// `"EPSG:32630"`); PreventKit does not convert it.
    case projected(String)

    public var description: String {
        switch self {
        case .bng: "British National Grid (EPSG:27700)"
        case .wgs84: "WGS84 longitude-latitude (EPSG:4326)"
        case .projected(let name): "projected coordinates (\(name))"
        }
    }

    /// Whether coordinates are planar (metres or other linear units) rather than degrees.
    public var isProjected: Bool {
        if case .wgs84 = self { return false }
        return true
    }
}
