/// Which cells count as neighbours when significant cells are grouped into hotspots.
public enum CellConnectivity: String, Sendable, CaseIterable {
    /// Cells sharing an edge (4 neighbours, "rook").
    case edges
    /// Cells sharing an edge or a corner (8 neighbours, "queen"): the default, since a hotspot
    /// along a diagonal street is one hotspot, not a chain of single cells.
    case edgesAndCorners

    var offsets: [(Int, Int)] {
        switch self {
        case .edges: [(1, 0), (-1, 0), (0, 1), (0, -1)]
        case .edgesAndCorners: [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]
        }
    }
}

/// How a hotspot's bounding polygon is drawn from its cells.
public enum HotspotOutline: String, Sendable, CaseIterable {
    /// The convex hull of the corners of its cells (the default, CrimeStat's convex hulls): one
    /// polygon without holes that bounds the hotspot.
    case convexHull
    /// The union of its cells: follows the cells exactly and may have holes.
    case cellUnion
}

/// A hotspot: a group of neighbouring cells where one crime type is significantly concentrated,
/// with its bounding polygon and the crime types that make it up.
public struct Hotspot: Sendable, Hashable, Identifiable {
    /// Its position in ``HotspotMap/hotspots``.
    public let id: Int
    /// The crime type whose significant hot cells form it.
    public let crimeType: String
    /// Its cells, in row-major order.
    public let cells: [GridCell]
    /// Its bounding polygon (one polygon for a convex hull; possibly several parts or holes for a
    /// union of cells), in the grid's coordinates.
    public let outline: MultiPolygon
    /// The number of crimes of each type in its cells, in the order of ``HotspotMap/types``.
    public let crimeCounts: [Int]
    /// The crime types that predominantly make it up: by decreasing share of its crimes, as few
    /// types as together make up at least ``HotspotMap/Parameters/predominantShare`` of them.
    public let predominantTypes: [String]
    /// Each type's share of its crimes, largest first (types with none left out).
    public let typeShares: [TypeShare]

    /// A crime type's share of a hotspot's crimes.
    public struct TypeShare: Sendable, Hashable {
        /// The crime type.
        public let crimeType: String
        /// Its crimes in the hotspot.
        public let count: Int
        /// `count` over all the hotspot's crimes, in [0, 1].
        public let share: Double
    }

    /// The area of its bounding polygon.
    public var area: Double { outline.area }
    /// All its crimes, of every type.
    public var totalCrimes: Int { crimeCounts.reduce(0, +) }
}

/// Where bounding polygons of hotspots of two or more crime types overlap: an area of increased
/// threat, harm and risk, as the profile method flags it.
public struct HotspotIntersection: Sendable, Hashable {
    /// The overlapping hotspots' ids, ascending.
    public let hotspots: [Int]
    /// Their crime types, one per hotspot, in the same order.
    public let crimeTypes: [String]
    /// The region all of them cover.
    public let region: MultiPolygon

    /// The region's area.
    public var area: Double { region.area }

    /// The flag the profile method gives every such overlap.
    public static let assessment = "increased threat, harm and risk"
}
