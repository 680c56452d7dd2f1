/// A point in a plane of projected coordinates: metres east and north on the British National
/// Grid, or any other projected system's units.
///
/// Geographic longitude and latitude are converted to a projected system before any geometry
/// or grid work, so that distances and areas are in metres.
public struct Point: Hashable, Sendable, CustomStringConvertible {
    /// Easting (x), in the coordinate system's units.
    public var x: Double
    /// Northing (y), in the coordinate system's units.
    public var y: Double

    /// Creates a point from its coordinates.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The Euclidean distance to another point.
    public func distance(to other: Point) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }

    public var description: String { "(\(x), \(y))" }
}
