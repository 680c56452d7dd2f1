/// Conversions between WGS84 longitude-latitude and British National Grid (EPSG:27700)
/// eastings and northings, by a seven-parameter Helmert shift between ETRS89/WGS84 and OSGB36
/// and the OS Transverse Mercator series on Airy 1830.
///
/// Accuracy: the projection reproduces the OS worked example to the printed millimetre; the
/// Helmert shift is the OS's single national transformation, good to about 5 m against the
/// definitive OSTN15 (not implemented here): on the 42 OS OSTN15 test points the error is
/// 1.75 m at the median and 4.93 m at worst (an outlying island). Against pyproj 3.7's
/// "OSGB36 to WGS 84 (6)" pipeline (EPSG:1314: the same shift with the parameters as EPSG rounds
/// them) the two agree within 3 mm both ways on 208 points across Great Britain. Heights are
/// taken as zero on the ellipsoid, as a 2D transformation does. WGS84 is treated as ETRS89,
/// which differ by under a metre in Great Britain.
public enum BritishNationalGrid {
    /// The grid's projection.
    public static let projection = TransverseMercator.nationalGrid
    /// The datum shift used.
    public static let helmert = HelmertTransformation.etrs89ToOSGB36

    /// Converts WGS84 longitude and latitude to British National Grid.
    /// - Parameters:
    ///   - longitude: Degrees east.
    ///   - latitude: Degrees north.
    /// - Returns: Easting (x) and northing (y) in metres.
    /// - Complexity: O(1).
    public static func point(longitude: Double, latitude: Double) -> Point {
        let wgs = Ellipsoid.grs80.cartesian(latitude: latitude * .pi / 180, longitude: longitude * .pi / 180, height: 0)
        let osgb = helmert.apply(wgs.x, wgs.y, wgs.z)
        let geodetic = Ellipsoid.airy1830.geodetic(x: osgb.x, y: osgb.y, z: osgb.z)
        return projection.project(latitude: geodetic.latitude * 180 / .pi, longitude: geodetic.longitude * 180 / .pi)
    }

    /// Converts a British National Grid point to WGS84 longitude and latitude: the exact inverse
    /// of ``point(longitude:latitude:)`` (a round trip returns within 1e-6 m).
    /// - Parameter point: Easting (x) and northing (y) in metres.
    /// - Returns: Longitude (degrees east) and latitude (degrees north).
    /// - Complexity: O(1).
    public static func wgs84(_ point: Point) -> (longitude: Double, latitude: Double) {
        let osgb = projection.geographic(point)
        let cart = Ellipsoid.airy1830.cartesian(latitude: osgb.latitude * .pi / 180, longitude: osgb.longitude * .pi / 180, height: 0)
        var wgs = helmert.applyInverse(cart.x, cart.y, cart.z)
        var geodetic = Ellipsoid.grs80.geodetic(x: wgs.x, y: wgs.y, z: wgs.z)
        // Zero height on Airy is not zero height on GRS80; redo the shift so that the forward
        // conversion (which assumes zero GRS80 height) inverts this one exactly.
        for _ in 0 ..< 3 {
            let forward = Ellipsoid.grs80.cartesian(latitude: geodetic.latitude, longitude: geodetic.longitude, height: 0)
            let shifted = helmert.apply(forward.x, forward.y, forward.z)
            let back = Ellipsoid.airy1830.geodetic(x: shifted.x, y: shifted.y, z: shifted.z)
            let target = Ellipsoid.airy1830.cartesian(latitude: osgb.latitude * .pi / 180, longitude: osgb.longitude * .pi / 180, height: back.height)
            wgs = helmert.applyInverse(target.x, target.y, target.z)
            geodetic = Ellipsoid.grs80.geodetic(x: wgs.x, y: wgs.y, z: wgs.z)
        }
        return (geodetic.longitude * 180 / .pi, geodetic.latitude * 180 / .pi)
    }
}
