/// An axis-aligned rectangle `[minX, maxX] × [minY, maxY]`, closed on every side.
public struct BoundingBox: Hashable, Sendable, CustomStringConvertible {
    /// The smallest x.
    public var minX: Double
    /// The smallest y.
    public var minY: Double
    /// The largest x.
    public var maxX: Double
    /// The largest y.
    public var maxY: Double

    /// Creates a box from its extremes.
    ///
    /// A NaN extreme (from a non-finite coordinate, which ``Polygon/validate(index:)`` reports) is
    /// allowed: such a box contains and meets nothing.
    /// - Precondition: neither minimum exceeds its maximum.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        precondition(!(minX > maxX) && !(minY > maxY), "BoundingBox: minimum exceeds maximum")
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The box of a single point.
    public init(_ point: Point) {
        self.init(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
    }

    /// The smallest box holding every point, or `nil` for no points.
    /// - Complexity: O(n).
    public init?<S: Sequence>(covering points: S) where S.Element == Point {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(first)
        while let point = iterator.next() { box.expand(toInclude: point) }
        self = box
    }

    /// Width (`maxX − minX`).
    public var width: Double { maxX - minX }
    /// Height (`maxY − minY`).
    public var height: Double { maxY - minY }
    /// Area (`width × height`).
    public var area: Double { width * height }
    /// The centre of the box.
    public var center: Point { Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    /// Whether the point lies in the box or on its edge.
    @inlinable
    public func contains(_ point: Point) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// Whether the two boxes share at least one point (touching edges count).
    @inlinable
    public func intersects(_ other: BoundingBox) -> Bool {
        other.minX <= maxX && other.maxX >= minX && other.minY <= maxY && other.maxY >= minY
    }

    /// Grows the box to hold `point`.
    public mutating func expand(toInclude point: Point) {
        minX = Swift.min(minX, point.x); maxX = Swift.max(maxX, point.x)
        minY = Swift.min(minY, point.y); maxY = Swift.max(maxY, point.y)
    }

    /// The smallest box holding both boxes.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                    maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    public var description: String { "[\(minX), \(minY), \(maxX), \(maxY)]" }
}
