/// How well a hotspot map predicts where later crime happens: the hit rate and Chainey, Tompson
/// and Uhlig's (2008) Prediction Accuracy Index, `PAI = (n / N) / (a / A)`, where n of the N
/// later crimes in the study area fall in the hotspots, whose area a is a share of the study
/// area A. A PAI above 1 means the hotspots catch more crime than their share of the area.
public struct PredictionAccuracy: Sendable, Hashable {
    /// Later crimes that fell in the hotspots, n.
    public let hits: Int
    /// Later crimes in the study area, N.
    public let crimes: Int
    /// Later crimes outside the study area, left out of N.
    public let outside: Int
    /// The hotspots' area, a.
    public let hotspotArea: Double
    /// The study area, A.
    public let studyArea: Double

    /// The hit rate `n / N` (NaN with no crimes).
    public var hitRate: Double { Double(hits) / Double(crimes) }
    /// The hotspots' share of the study area, `a / A`.
    public var areaShare: Double { hotspotArea / studyArea }
    /// The Prediction Accuracy Index `(n / N) / (a / A)` (NaN with no crimes or no hotspot area).
    public var predictionAccuracyIndex: Double {
        guard crimes > 0, hotspotArea > 0 else { return .nan }
        return hitRate / areaShare
    }

    /// Evaluates a map of hot cells against later crimes. The study area is the grid.
    ///
    /// - Parameters:
    ///   - hotCells: whether each cell (row-major) is in the hotspot map; one per grid cell.
    ///   - grid: the grid of the map.
    ///   - laterCrimes: the later period's crimes; those outside the grid are counted in ``outside``.
    /// - Complexity: O(cells + crimes).
    public init(hotCells: [Bool], grid: GridDefinition, laterCrimes: [Point]) {
        precondition(hotCells.count == grid.cellCount, "one flag per grid cell")
        var hits = 0, inside = 0, outside = 0
        for crime in laterCrimes {
            guard let index = grid.cellIndex(x: crime.x, y: crime.y) else {
                outside += 1
                continue
            }
            inside += 1
            if hotCells[index] { hits += 1 }
        }
        self.hits = hits
        self.crimes = inside
        self.outside = outside
        self.hotspotArea = Double(hotCells.reduce(0) { $0 + ($1 ? 1 : 0) }) * grid.cellArea
        self.studyArea = grid.area
    }

    /// Evaluates a map of hotspot polygons against later crimes. Overlapping polygons count
    /// their shared area once and a crime inside several once; a crime on a boundary is a hit.
    ///
    /// - Parameters:
    ///   - polygons: the hotspot polygons (valid, possibly overlapping).
    ///   - studyArea: the study region; crimes outside it are counted in ``outside``. Its area is A.
    ///   - laterCrimes: the later period's crimes.
    /// - Complexity: the union of the polygons (``MultiPolygon/union(of:)``) plus O(crimes ×
    ///   (log p + v)) for the overlay.
    public init(polygons: [Polygon], studyArea: MultiPolygon, laterCrimes: [Point]) {
        let overlay = PolygonOverlay(polygons)
        let region = PolygonOverlay(studyArea.polygons)
        var hits = 0, inside = 0, outside = 0
        for crime in laterCrimes {
            guard !region.polygons(containing: crime).isEmpty else {
                outside += 1
                continue
            }
            inside += 1
            if !overlay.polygons(containing: crime).isEmpty { hits += 1 }
        }
        self.hits = hits
        self.crimes = inside
        self.outside = outside
        self.hotspotArea = MultiPolygon.union(of: polygons).intersection(studyArea).area
        self.studyArea = studyArea.area
    }

    /// Evaluates a hotspot map's significant hot cells (of one crime type, or of any type)
    /// against later crimes.
    ///
    /// - Parameters:
    ///   - map: the hotspot map.
    ///   - crimeType: the type whose hot cells form the prediction; `nil` for cells hot for any type.
    ///   - laterCrimes: the later period's crimes.
    public init(map: HotspotMap, crimeType: String? = nil, laterCrimes: [Point]) {
        let chosen = map.layers.filter { crimeType == nil || $0.crimeType == crimeType }
        precondition(!chosen.isEmpty, "the map has no crime type \(crimeType ?? "")")
        var hot = [Bool](repeating: false, count: map.grid.cellCount)
        for layer in chosen {
            for i in hot.indices where layer.hot[i] { hot[i] = true }
        }
        self.init(hotCells: hot, grid: map.grid, laterCrimes: laterCrimes)
    }
}
