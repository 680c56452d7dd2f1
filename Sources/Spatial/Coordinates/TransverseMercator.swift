import Foundation

/// A Transverse Mercator projection computed with the Ordnance Survey's published series
/// (OS guide "A guide to coordinate systems in Great Britain", annex C).
///
/// The series are those the OS use for the National Grid; within the grid's extent they are
/// accurate to well under a millimetre (the OS worked example, 52°39′27.2531″N 1°43′4.5177″E,
/// reproduces E 651 409.903 m, N 313 177.270 m to the printed millimetre, and the inverse returns
/// the latitude and longitude to better than 1e-5″). Far from the central meridian (more than
/// about 10° of longitude) the truncated series degrade.
public struct TransverseMercator: Hashable, Sendable {
    /// The ellipsoid projected.
    public let ellipsoid: Ellipsoid
    /// Latitude of true origin, degrees.
    public let originLatitude: Double
    /// Longitude of true origin (the central meridian), degrees east.
    public let originLongitude: Double
    /// Scale factor on the central meridian.
    public let scaleFactor: Double
    /// Easting of true origin, metres.
    public let falseEasting: Double
    /// Northing of true origin, metres.
    public let falseNorthing: Double

    /// Creates a projection from its defining parameters.
    public init(ellipsoid: Ellipsoid, originLatitude: Double, originLongitude: Double, scaleFactor: Double,
                falseEasting: Double, falseNorthing: Double) {
        self.ellipsoid = ellipsoid
        self.originLatitude = originLatitude
        self.originLongitude = originLongitude
        self.scaleFactor = scaleFactor
        self.falseEasting = falseEasting
        self.falseNorthing = falseNorthing
    }

    /// The National Grid projection: Airy 1830, true origin 49°N 2°W, scale 0.9996012717,
    /// false origin 400 km west and 100 km north of it.
    public static let nationalGrid = TransverseMercator(
        ellipsoid: .airy1830, originLatitude: 49, originLongitude: -2, scaleFactor: 0.9996012717,
        falseEasting: 400_000, falseNorthing: -100_000)

    private var n: Double {
        (ellipsoid.semiMajorAxis - ellipsoid.semiMinorAxis) / (ellipsoid.semiMajorAxis + ellipsoid.semiMinorAxis)
    }

    /// The meridional arc M from the origin latitude to `latitude` (radians), OS guide C.3.
    private func meridionalArc(_ latitude: Double) -> Double {
        let n = self.n, n2 = n * n, n3 = n2 * n
        let phi0 = originLatitude * .pi / 180
        let d = latitude - phi0, s = latitude + phi0
        return ellipsoid.semiMinorAxis * scaleFactor * (
            (1 + n + 1.25 * n2 + 1.25 * n3) * d
                - (3 * n + 3 * n2 + 21.0 / 8 * n3) * sin(d) * cos(s)
                + (15.0 / 8 * n2 + 15.0 / 8 * n3) * sin(2 * d) * cos(2 * s)
                - 35.0 / 24 * n3 * sin(3 * d) * cos(3 * s))
    }

    /// Projects a latitude and longitude on ``ellipsoid`` to easting and northing (OS guide C.1).
    /// - Parameters:
    ///   - latitude: Degrees north.
    ///   - longitude: Degrees east.
    /// - Returns: Easting (x) and northing (y), metres.
    /// - Complexity: O(1).
    public func project(latitude: Double, longitude: Double) -> Point {
        let a = ellipsoid.semiMajorAxis, e2 = ellipsoid.eccentricitySquared, f0 = scaleFactor
        let phi = latitude * .pi / 180
        let dl = (longitude - originLongitude) * .pi / 180
        let s = sin(phi), c = cos(phi), t = tan(phi), t2 = t * t
        let nu = a * f0 / (1 - e2 * s * s).squareRoot()
        let rho = a * f0 * (1 - e2) / pow(1 - e2 * s * s, 1.5)
        let eta2 = nu / rho - 1
        let m = meridionalArc(phi)
        let c3 = c * c * c, c5 = c3 * c * c
        let I = m + falseNorthing
        let II = nu / 2 * s * c
        let III = nu / 24 * s * c3 * (5 - t2 + 9 * eta2)
        let IIIA = nu / 720 * s * c5 * (61 - 58 * t2 + t2 * t2)
        let IV = nu * c
        let V = nu / 6 * c3 * (nu / rho - t2)
        let VI = nu / 120 * c5 * (5 - 18 * t2 + t2 * t2 + 14 * eta2 - 58 * t2 * eta2)
        let dl2 = dl * dl
        let north = I + dl2 * (II + dl2 * (III + dl2 * IIIA))
        let east = falseEasting + dl * (IV + dl2 * (V + dl2 * VI))
        return Point(x: east, y: north)
    }

    /// The latitude and longitude on ``ellipsoid`` of an easting and northing: the OS inverse
    /// series (OS guide C.2), then Newton steps on the forward series until they reproduce the
    /// point to 1e-9 m, so that the two directions are exact inverses.
    /// - Parameter point: Easting (x) and northing (y), metres.
    /// - Returns: Latitude (degrees north) and longitude (degrees east).
    /// - Complexity: O(1) (a few iterations).
    public func geographic(_ point: Point) -> (latitude: Double, longitude: Double) {
        let a = ellipsoid.semiMajorAxis, e2 = ellipsoid.eccentricitySquared, f0 = scaleFactor
        let phi0 = originLatitude * .pi / 180
        var phi = (point.y - falseNorthing) / (a * f0) + phi0
        var m = meridionalArc(phi)
        for _ in 0 ..< 50 where abs(point.y - falseNorthing - m) >= 1e-9 {
            phi += (point.y - falseNorthing - m) / (a * f0)
            m = meridionalArc(phi)
        }
        let s = sin(phi), t = tan(phi), t2 = t * t, t4 = t2 * t2, secant = 1 / cos(phi)
        let nu = a * f0 / (1 - e2 * s * s).squareRoot()
        let rho = a * f0 * (1 - e2) / pow(1 - e2 * s * s, 1.5)
        let eta2 = nu / rho - 1
        let nu3 = nu * nu * nu, nu5 = nu3 * nu * nu, nu7 = nu5 * nu * nu
        let VII = t / (2 * rho * nu)
        let VIII = t / (24 * rho * nu3) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2)
        let IX = t / (720 * rho * nu5) * (61 + 90 * t2 + 45 * t4)
        let X = secant / nu
        let XI = secant / (6 * nu3) * (nu / rho + 2 * t2)
        let XII = secant / (120 * nu5) * (5 + 28 * t2 + 24 * t4)
        let XIIA = secant / (5040 * nu7) * (61 + 662 * t2 + 1320 * t4 + 720 * t4 * t2)
        let de = point.x - falseEasting, de2 = de * de
        var latitude = (phi - de2 * (VII - de2 * (VIII - de2 * IX))) * 180 / .pi
        var longitude = (originLongitude * .pi / 180 + de * (X - de2 * (XI - de2 * (XII - de2 * XIIA)))) * 180 / .pi
        // The inverse series are truncated at a different order from the forward ones (a few
        // millimetres apart 6° from the central meridian). Newton steps on the forward series
        // make this the exact inverse of ``project(latitude:longitude:)``.
        for _ in 0 ..< 4 {
            let p = project(latitude: latitude, longitude: longitude)
            let dE = point.x - p.x, dN = point.y - p.y
            if abs(dE) < 1e-9 && abs(dN) < 1e-9 { break }
            // Jacobian of the forward series by forward differences of 1e-7° (about 1 cm).
            let h = 1e-7
            let pLat = project(latitude: latitude + h, longitude: longitude)
            let pLon = project(latitude: latitude, longitude: longitude + h)
            let a11 = (pLon.x - p.x) / h, a12 = (pLat.x - p.x) / h
            let a21 = (pLon.y - p.y) / h, a22 = (pLat.y - p.y) / h
            let det = a11 * a22 - a12 * a21
            longitude += (dE * a22 - dN * a12) / det
            latitude += (a11 * dN - a21 * dE) / det
        }
        return (latitude, longitude)
    }
}
