/// The profile method's hotspot analysis for every crime type on one grid: counts, quartic
/// kernel density, Getis-Ord Gi* with Benjamini-Hochberg false discovery rate control, hotspots
/// grouped from significant hot cells with their bounding polygons and predominant crime types,
/// and the intersections of hotspots of different types.
///
/// A cell is a significant hot cell of a type when its Gi* z-score is positive and its
/// Benjamini-Hochberg adjusted two-sided p-value, across all the grid's cells for that type, is
/// at most the false discovery rate.
public struct HotspotMap: Sendable {
    /// The choices of a hotspot analysis; every default is documented where it is defined.
    public struct Parameters: Sendable, Hashable {
        /// The kernel density bandwidth; `nil` for ``QuarticKernel/defaultBandwidth(for:)``.
        public var bandwidth: Double?
        /// The Gi* distance band; `nil` for ``DistanceBand/defaultBand(for:)``.
        public var band: DistanceBand?
        /// The false discovery rate across cells, in (0, 1); default 0.05.
        public var falseDiscoveryRate: Double
        /// How significant cells are joined into hotspots; default `.edgesAndCorners`.
        public var connectivity: CellConnectivity
        /// How a hotspot's polygon is drawn; default `.convexHull`.
        public var outline: HotspotOutline
        /// The share of a hotspot's crimes its predominant types must together reach, in (0, 1];
        /// default 0.5 (a majority).
        public var predominantShare: Double
        /// How neighbourhood sums are computed; default `.automatic`.
        public var method: ConvolutionMethod

        /// Creates parameters; see each property for its default.
        public init(bandwidth: Double? = nil, band: DistanceBand? = nil, falseDiscoveryRate: Double = 0.05,
                    connectivity: CellConnectivity = .edgesAndCorners, outline: HotspotOutline = .convexHull,
                    predominantShare: Double = 0.5, method: ConvolutionMethod = .automatic) {
            precondition(falseDiscoveryRate > 0 && falseDiscoveryRate < 1, "false discovery rate must lie in (0, 1)")
            precondition(predominantShare > 0 && predominantShare <= 1, "predominant share must lie in (0, 1]")
            self.bandwidth = bandwidth
            self.band = band
            self.falseDiscoveryRate = falseDiscoveryRate
            self.connectivity = connectivity
            self.outline = outline
            self.predominantShare = predominantShare
            self.method = method
        }
    }

    /// The layers of one crime type.
    public struct TypeLayers: Sendable {
        /// The crime type.
        public let crimeType: String
        /// Crimes per cell.
        public let counts: GridLayer
        /// Quartic kernel density per cell (crimes per square unit).
        public let density: GridLayer
        /// Gi* per cell.
        public let giStar: GetisOrdResult
        /// Benjamini-Hochberg adjusted two-sided p-values per cell.
        public let adjustedPValues: GridLayer
        /// Whether each cell (row-major) is significant after the false discovery rate, hot or cold.
        public let significant: [Bool]
        /// Whether each cell (row-major) is a significant hot cell: significant with `z > 0`.
        public let hot: [Bool]
    }

    /// The grid every layer is built on.
    public let grid: GridDefinition
    /// The parameters used, with defaults filled in.
    public let parameters: Parameters
    /// The bandwidth used.
    public let bandwidth: Double
    /// The Gi* distance band used.
    public let band: DistanceBand
    /// The crime types, in the order of ``layers``.
    public let types: [String]
    /// Crimes of each type outside the grid, in the order of ``types``.
    public let outsideCounts: [Int]
    /// The layers of each type.
    public let layers: [TypeLayers]
    /// The hotspots of every type, ordered by type then by their first cell (row-major).
    public let hotspots: [Hotspot]
    /// Every overlap of hotspots of two or more different crime types.
    public let intersections: [HotspotIntersection]

    /// Runs the statistics only: counts, density, Gi* and the false discovery rate, no polygons.
    ///
    /// - Parameters:
    ///   - counts: crimes per cell per type.
    ///   - parameters: the analysis choices.
    /// - Returns: the layers of each type.
    /// - Complexity: O(types × (cells × stencil or P log P) + types × cells).
    public static func layers(of counts: CrimeCounts, parameters: Parameters = Parameters()) -> [TypeLayers] {
        let grid = counts.grid
        let kernel = QuarticKernel(bandwidth: parameters.bandwidth ?? QuarticKernel.defaultBandwidth(for: grid))
        let band = parameters.band ?? DistanceBand.defaultBand(for: grid)
        let densities = kernel.densities(of: counts.layers, method: parameters.method)
        let gi = GetisOrdGiStar(band: band, method: parameters.method).analyse(counts.layers)
        return counts.types.indices.map { t in
            let adjusted = FalseDiscoveryRate.benjaminiHochberg(gi[t].pValues.values)
            let z = gi[t].zScores.values
            let significant = adjusted.map { $0 <= parameters.falseDiscoveryRate }
            let hot = zip(significant, z).map { $0 && $1 > 0 }
            return TypeLayers(crimeType: counts.types[t], counts: counts.layers[t], density: densities[t], giStar: gi[t],
                              adjustedPValues: GridLayer(grid: grid, values: adjusted), significant: significant, hot: hot)
        }
    }

    /// Runs the whole analysis.
    ///
    /// - Parameters:
    ///   - counts: crimes per cell per type, on the grid every layer shares.
    ///   - parameters: the analysis choices.
    /// - Complexity: as ``layers(of:parameters:)``, plus O(hot cells) to group cells, the hulls
    ///   (O(c log c) per hotspot of c cells) and the polygon intersections between hotspots of
    ///   different types whose boxes meet.
    public init(counts: CrimeCounts, parameters: Parameters = Parameters()) {
        let grid = counts.grid
        self.grid = grid
        self.parameters = parameters
        self.bandwidth = parameters.bandwidth ?? QuarticKernel.defaultBandwidth(for: grid)
        self.band = parameters.band ?? DistanceBand.defaultBand(for: grid)
        self.types = counts.types
        self.outsideCounts = counts.outsideCounts
        let layers = HotspotMap.layers(of: counts, parameters: parameters)
        self.layers = layers

        var hotspots: [Hotspot] = []
        for layer in layers {
            for cells in HotspotMap.groups(of: layer.hot, grid: grid, connectivity: parameters.connectivity) {
                let crimeCounts = layers.map { other in cells.reduce(0) { $0 + Int(other.counts.values[$1]) } }
                hotspots.append(HotspotMap.hotspot(id: hotspots.count, crimeType: layer.crimeType,
                                                   cellIndices: cells, crimeCounts: crimeCounts, types: counts.types,
                                                   grid: grid, parameters: parameters))
            }
        }
        self.hotspots = hotspots
        self.intersections = HotspotMap.intersections(of: hotspots)
    }

    /// Groups the flagged cells into connected groups, each listed by flat index in row-major
    /// order; groups are ordered by their first cell.
    static func groups(of flags: [Bool], grid: GridDefinition, connectivity: CellConnectivity) -> [[Int]] {
        var label = [Int32](repeating: -1, count: flags.count)
        var groups: [[Int]] = []
        var stack: [Int] = []
        let offsets = connectivity.offsets
        for start in flags.indices where flags[start] && label[start] < 0 {
            let id = Int32(groups.count)
            var members: [Int] = []
            label[start] = id
            stack.append(start)
            while let index = stack.popLast() {
                members.append(index)
                let column = index % grid.columns, row = index / grid.columns
                for (dx, dy) in offsets {
                    let c = column + dx, r = row + dy
                    guard c >= 0, c < grid.columns, r >= 0, r < grid.rows else { continue }
                    let neighbour = r * grid.columns + c
                    if flags[neighbour] && label[neighbour] < 0 {
                        label[neighbour] = id
                        stack.append(neighbour)
                    }
                }
            }
            groups.append(members.sorted())
        }
        return groups
    }

    static func hotspot(id: Int, crimeType: String, cellIndices: [Int], crimeCounts: [Int], types: [String],
                        grid: GridDefinition, parameters: Parameters) -> Hotspot {
        let cells = cellIndices.map { grid.cell(at: $0) }
        let outline: MultiPolygon
        switch parameters.outline {
        case .convexHull:
            // Cells have area, so the hull of their corners always does.
            outline = MultiPolygon([ConvexHull(of: cells.flatMap { grid.corners(of: $0) }).polygon!])
        case .cellUnion:
            outline = MultiPolygon.union(of: cells.map { Polygon(grid.corners(of: $0)) })
        }
        let total = crimeCounts.reduce(0, +)
        let shares = types.indices
            .filter { crimeCounts[$0] > 0 }
            .map { Hotspot.TypeShare(crimeType: types[$0], count: crimeCounts[$0],
                                     share: Double(crimeCounts[$0]) / Double(total)) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.crimeType < $1.crimeType }
        var predominant: [String] = []
        var covered = 0
        for share in shares where Double(covered) < parameters.predominantShare * Double(total) {
            predominant.append(share.crimeType)
            covered += share.count
        }
        return Hotspot(id: id, crimeType: crimeType, cells: cells, outline: outline, crimeCounts: crimeCounts,
                       predominantTypes: predominant, typeShares: shares)
    }

    /// Every overlap (with area) of hotspots of two or more different crime types, built up from
    /// pairs: a set of k hotspots overlaps when the overlap of k − 1 of them meets the k-th.
    static func intersections(of hotspots: [Hotspot]) -> [HotspotIntersection] {
        let boxes = hotspots.map(\.outline.bounds)
        var current: [HotspotIntersection] = []
        for a in hotspots.indices {
            for b in (a + 1) ..< hotspots.count where hotspots[a].crimeType != hotspots[b].crimeType {
                guard let boxA = boxes[a], let boxB = boxes[b], boxA.intersects(boxB) else { continue }
                let region = hotspots[a].outline.intersection(hotspots[b].outline)
                if region.area > 0 {
                    current.append(HotspotIntersection(hotspots: [a, b], crimeTypes: [hotspots[a].crimeType, hotspots[b].crimeType],
                                                       region: region))
                }
            }
        }
        var all = current
        while !current.isEmpty {
            var next: [HotspotIntersection] = []
            for overlap in current {
                guard let regionBox = overlap.region.bounds else { continue }
                for c in (overlap.hotspots.last! + 1) ..< hotspots.count
                where !overlap.crimeTypes.contains(hotspots[c].crimeType) {
                    guard let box = boxes[c], box.intersects(regionBox) else { continue }
                    let region = overlap.region.intersection(hotspots[c].outline)
                    if region.area > 0 {
                        next.append(HotspotIntersection(hotspots: overlap.hotspots + [c],
                                                        crimeTypes: overlap.crimeTypes + [hotspots[c].crimeType],
                                                        region: region))
                    }
                }
            }
            all += next
            current = next
        }
        return all
    }
}

extension HotspotMap {
    /// The hotspots, their intersections and the significant hot cells as GeoJSON features, in
    /// the grid's coordinates.
    ///
    /// Features come in that order. Every feature has a `kind` property: `hotspot` (with
    /// `hotspot`, its id; `type`; `predominant_types`, comma-separated; `crimes`; `cells`),
    /// `intersection` (`hotspots`, an array of ids; `types`, comma-separated; `assessment`) or
    /// `hot_cell`, a cell's square (`type`, `column`, `row`, `count`, `gi_z`, `p_adjusted`), hot
    /// cells listed by type and then row-major.
    ///
    /// GeoJSON is WGS84: convert a British National Grid map with
    /// ``GeoJSONFeatureCollection/converted(from:)`` before writing it.
    ///
    /// - Complexity: O(types × cells + hotspot and intersection vertices).
    public func geoJSONFeatureCollection() -> GeoJSONFeatureCollection {
        var features: [GeoJSONFeature] = hotspots.map { h in
            GeoJSONFeature(geometry: .multiPolygon(h.outline), properties: [
                "kind": "hotspot", "hotspot": .number(Double(h.id)), "type": .string(h.crimeType),
                "predominant_types": .string(h.predominantTypes.joined(separator: ", ")),
                "crimes": .number(Double(h.totalCrimes)), "cells": .number(Double(h.cells.count)),
            ])
        }
        features += intersections.map { i in
            GeoJSONFeature(geometry: .multiPolygon(i.region), properties: [
                "kind": "intersection", "hotspots": .array(i.hotspots.map { .number(Double($0)) }),
                "types": .string(i.crimeTypes.joined(separator: ", ")),
                "assessment": .string(HotspotIntersection.assessment),
            ])
        }
        for layer in layers {
            for i in layer.hot.indices where layer.hot[i] {
                let cell = grid.cell(at: i)
                features.append(GeoJSONFeature(geometry: .polygon(Polygon(grid.corners(of: cell))), properties: [
                    "kind": "hot_cell", "type": .string(layer.crimeType), "column": .number(Double(cell.column)),
                    "row": .number(Double(cell.row)), "count": .number(layer.counts.values[i]),
                    "gi_z": .number(layer.giStar.zScores.values[i]), "p_adjusted": .number(layer.adjustedPValues.values[i]),
                ]))
            }
        }
        return GeoJSONFeatureCollection(features: features)
    }
}
