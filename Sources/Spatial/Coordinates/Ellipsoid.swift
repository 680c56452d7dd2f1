import Foundation

/// A reference ellipsoid, by its semi-major and semi-minor axes in metres.
public struct Ellipsoid: Hashable, Sendable {
    /// Semi-major axis a, metres.
    public let semiMajorAxis: Double
    /// Semi-minor axis b, metres.
    public let semiMinorAxis: Double

    /// Creates an ellipsoid from its axes.
    public init(semiMajorAxis: Double, semiMinorAxis: Double) {
        self.semiMajorAxis = semiMajorAxis
        self.semiMinorAxis = semiMinorAxis
    }

    /// Airy 1830, the ellipsoid of OSGB36 and the National Grid (a = 6 377 563.396 m,
    /// b = 6 356 256.909 m, as the OS guide gives them).
    public static let airy1830 = Ellipsoid(semiMajorAxis: 6_377_563.396, semiMinorAxis: 6_356_256.909)
    /// GRS80, the ellipsoid of ETRS89 (a = 6 378 137 m, b = 6 356 752.3141 m); WGS84's differs from
    /// it by 0.1 mm in b.
    public static let grs80 = Ellipsoid(semiMajorAxis: 6_378_137.000, semiMinorAxis: 6_356_752.3141)

    /// The first eccentricity squared, (a² − b²) / a².
    public var eccentricitySquared: Double {
        (semiMajorAxis * semiMajorAxis - semiMinorAxis * semiMinorAxis) / (semiMajorAxis * semiMajorAxis)
    }

    /// Earth-centred Cartesian coordinates (metres) of a geodetic position (OS guide B.1).
    /// - Parameters:
    ///   - latitude: Radians.
    ///   - longitude: Radians.
    ///   - height: Ellipsoidal height, metres.
    func cartesian(latitude: Double, longitude: Double, height: Double) -> (x: Double, y: Double, z: Double) {
        let e2 = eccentricitySquared
        let s = sin(latitude)
        let nu = semiMajorAxis / (1 - e2 * s * s).squareRoot()
        return ((nu + height) * cos(latitude) * cos(longitude),
                (nu + height) * cos(latitude) * sin(longitude),
                ((1 - e2) * nu + height) * s)
    }

    /// Geodetic latitude, longitude (radians) and height of Cartesian coordinates (OS guide B.2),
    /// iterated until the latitude changes by less than 1e-14 radians (0.06 µm).
    func geodetic(x: Double, y: Double, z: Double) -> (latitude: Double, longitude: Double, height: Double) {
        let e2 = eccentricitySquared
        let p = (x * x + y * y).squareRoot()
        var latitude = atan2(z, p * (1 - e2))
        var nu = semiMajorAxis
        for _ in 0 ..< 20 {
            let s = sin(latitude)
            nu = semiMajorAxis / (1 - e2 * s * s).squareRoot()
            let next = atan2(z + e2 * nu * s, p)
            let done = abs(next - latitude) < 1e-14
            latitude = next
            if done { break }
        }
        return (latitude, atan2(y, x), p / cos(latitude) - nu)
    }
}
