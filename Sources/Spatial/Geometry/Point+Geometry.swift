extension Point {
    /// Whether both coordinates are finite (neither infinite nor NaN).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// Whether `p` lies on the closed segment `a`–`b`, decided exactly.
@inlinable
func isOnSegment(_ p: Point, _ a: Point, _ b: Point) -> Bool {
    guard p.x >= Swift.min(a.x, b.x), p.x <= Swift.max(a.x, b.x),
          p.y >= Swift.min(a.y, b.y), p.y <= Swift.max(a.y, b.y) else { return false }
    return orientationSign(a, b, p) == 0
}
