import DataTables
import Spatial

/// Each person's home location in British National Grid metres, read from two cohort columns;
/// a person with either coordinate blank has no home location.
public struct HomeLocations: Sendable {
    /// Eastings, NaN where the person has no home location.
    public let eastings: [Double]
    /// Northings, NaN where the person has no home location.
    public let northings: [Double]

    /// Reads the two columns.
    ///
    /// - Throws: `DataTableError` for a missing or non-numeric column; ``RiskInputError`` for an
    ///   infinite coordinate, naming its line and column.
    public init(cohort: DataTable, columns: HomeLocationColumns, file: String) throws {
        var x = try cohort.numeric(columns.easting).values
        var y = try cohort.numeric(columns.northing).values
        for (name, values) in [(columns.easting, x), (columns.northing, y)] {
            if let row = values.firstIndex(where: { $0.isInfinite }) {
                throw RiskInputError(file: file, line: RiskInputError.line(ofRow: row),
                                     column: (cohort.columnIndex(named: name)! + 1, name), message: "the coordinate is not finite")
            }
        }
        for i in x.indices where x[i].isNaN || y[i].isNaN {
            x[i] = .nan
            y[i] = .nan
        }
        eastings = x
        northings = y
    }

    /// Whether a person has a home location.
    public func hasHome(_ person: Int) -> Bool { !eastings[person].isNaN }
}

/// Spatial factor readings for a cohort's homes against one hotspot map, with the per-point work
/// (the cell of each home, the overlays) done once and shared by every spatial factor.
struct SpatialReadings {
    let homes: HomeLocations
    let map: HotspotMap
    /// Rows with a home location.
    let located: [Int]
    /// Their points.
    let points: [Point]
    /// Each located home's flat cell index, or -1 outside the grid.
    let cells: [Int]
    let withoutHome: [Int]
    let outsideGrid: [Int]

    init(homes: HomeLocations, map: HotspotMap) throws {
        self.homes = homes
        self.map = map
        var located: [Int] = [], points: [Point] = [], cells: [Int] = [], withoutHome: [Int] = [], outsideGrid: [Int] = []
        located.reserveCapacity(homes.eastings.count)
        points.reserveCapacity(homes.eastings.count)
        cells.reserveCapacity(homes.eastings.count)
        for i in homes.eastings.indices {
            let x = homes.eastings[i], y = homes.northings[i]
            if x.isNaN { withoutHome.append(i); continue }
            located.append(i)
            points.append(Point(x: x, y: y))
            let cell = map.grid.cellIndex(x: x, y: y) ?? -1
            if cell < 0 { outsideGrid.append(i) }
            cells.append(cell)
        }
        self.located = located
        self.points = points
        self.cells = cells
        self.withoutHome = withoutHome
        self.outsideGrid = outsideGrid
    }

    func readings(for rule: SpatialRule) -> [FactorReading] {
        var result = [FactorReading](repeating: .notAssessed, count: homes.eastings.count)
        switch rule {
        case let .insideHotspot(types):
            let parts = map.hotspots.filter { types.isEmpty || types.contains($0.crimeType) }.map(\.outline)
            mark(&result, inside: parts)
        case let .insideIntersection(types):
            let parts = map.intersections.filter { i in types.allSatisfy(i.crimeTypes.contains) }.map(\.region)
            mark(&result, inside: parts)
        case let .giZScoreAbove(type, value):
            let z = map.layers[map.types.firstIndex(of: type)!].giStar.zScores.values
            mark(&result, cellValues: z) { $0 > value }
        case let .densityPercentileAbove(type, value):
            let percentiles = map.layers[map.types.firstIndex(of: type)!].density.percentileRanks().values
            mark(&result, cellValues: percentiles) { $0 > value }
        }
        return result
    }

    private func mark(_ result: inout [FactorReading], inside parts: [MultiPolygon]) {
        guard !parts.isEmpty else {
            for row in located { result[row] = .absent }
            return
        }
        let matches = PolygonOverlay(parts).polygons(containing: points)
        for (k, row) in located.enumerated() {
            result[row] = matches[k].isEmpty ? .absent : .present
        }
    }

    private func mark(_ result: inout [FactorReading], cellValues: [Double], when test: (Double) -> Bool) {
        for (k, row) in located.enumerated() {
            let cell = cells[k]
            // Outside the grid, or a layer without variance (z is NaN): not assessed.
            guard cell >= 0, !cellValues[cell].isNaN else { continue }
            result[row] = test(cellValues[cell]) ? .present : .absent
        }
    }
}
