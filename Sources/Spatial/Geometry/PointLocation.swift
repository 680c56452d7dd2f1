/// Where a point lies relative to an areal geometry.
public enum PointLocation: Sendable, Hashable {
    /// Strictly inside: in the interior, not on any ring.
    case inside
    /// On a ring of the geometry (an exterior or a hole), vertices included.
    case onBoundary
    /// Strictly outside, which includes lying inside a hole.
    case outside
}
