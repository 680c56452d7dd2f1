/// What the hotspot layers say about one location (a nominal's home address, say): the hotspot
/// polygons and intersections that contain it, and its cell's density percentile and Gi*
/// z-score for each crime type. Risk scoring reads "resident within a neighbourhood with known
/// OCG activity" from it.
///
/// A point on a polygon's boundary counts as inside.
public struct HotspotContext: Sendable, Hashable {
    /// The location.
    public let point: Point
    /// Its grid cell, or `nil` when it lies outside the grid (then ``crimeTypes`` carry no
    /// cell values).
    public let cell: GridCell?
    /// The ids of the hotspots whose polygons contain it, ascending.
    public let hotspots: [Int]
    /// The crime types of those hotspots, without repeats, in the order of ``HotspotMap/types``.
    public let hotspotTypes: [String]
    /// The indices (into ``HotspotMap/intersections``) of the intersections that contain it.
    public let intersections: [Int]
    /// The cell's values for each crime type, in the order of ``HotspotMap/types``.
    public let crimeTypes: [CrimeTypeContext]

    /// One crime type's layers at a location's cell.
    public struct CrimeTypeContext: Sendable, Hashable {
        /// The crime type.
        public let crimeType: String
        /// The percentage of the grid's cells whose density is at most this cell's (a weak
        /// percentile rank, 0 to 100), or `nil` outside the grid.
        public let densityPercentile: Double?
        /// The cell's Gi* z-score, or `nil` outside the grid (NaN when the layer has no variance).
        public let giZScore: Double?
        /// Whether the cell is a significant hot cell of this type after the false discovery rate.
        public let significantHotCell: Bool
    }

    /// Whether the location lies in at least one hotspot polygon.
    public var isInHotspot: Bool { !hotspots.isEmpty }
    /// Whether the location lies where hotspots of two or more crime types overlap: an area of
    /// increased threat, harm and risk.
    public var isInIntersection: Bool { !intersections.isEmpty }
}

extension HotspotMap {
    /// The hotspot context of each of a set of locations.
    ///
    /// - Parameter points: the locations, in the grid's coordinates.
    /// - Returns: one context per point, in order.
    /// - Complexity: O(types × cells log cells) for the density percentiles, plus O(points ×
    ///   (log h + v)) for the overlay on h polygons through an STR-tree (``PolygonOverlay``).
    public func context(for points: [Point]) -> [HotspotContext] {
        let percentiles = layers.map { $0.density.percentileRanks().values }
        let hotspotParts = hotspots.flatMap { hotspot in hotspot.outline.polygons.map { (hotspot.id, $0) } }
        let hotspotOverlay = PolygonOverlay(hotspotParts.map(\.1))
        let intersectionParts = intersections.indices.flatMap { i in intersections[i].region.polygons.map { (i, $0) } }
        let intersectionOverlay = PolygonOverlay(intersectionParts.map(\.1))
        return points.map { point in
            let inHotspots = Array(Set(hotspotOverlay.polygons(containing: point).map { hotspotParts[$0].0 })).sorted()
            let inIntersections = Array(Set(intersectionOverlay.polygons(containing: point).map { intersectionParts[$0].0 })).sorted()
            let typesHere = Set(inHotspots.map { hotspots[$0].crimeType })
            let index = grid.cellIndex(x: point.x, y: point.y)
            let crimeTypes = layers.indices.map { t in
                HotspotContext.CrimeTypeContext(
                    crimeType: types[t],
                    densityPercentile: index.map { percentiles[t][$0] },
                    giZScore: index.map { layers[t].giStar.zScores.values[$0] },
                    significantHotCell: index.map { layers[t].hot[$0] } ?? false)
            }
            return HotspotContext(point: point, cell: index.map { grid.cell(at: $0) }, hotspots: inHotspots,
                                  hotspotTypes: types.filter { typesHere.contains($0) },
                                  intersections: inIntersections, crimeTypes: crimeTypes)
        }
    }
}
