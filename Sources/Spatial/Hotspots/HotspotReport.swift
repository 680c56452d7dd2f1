import Foundation

/// A hotspot analysis written out for people and for other programs: a text summary, a CSV of
/// every cell, and a JSON document of the whole map (see ``json``).
///
/// The parameters reported are the map's own (``HotspotMap/parameters``, with the bandwidth and
/// distance band actually used), so a report always says how its map was made.
public struct HotspotReport: Sendable {
    /// The analysis reported.
    public let map: HotspotMap
    /// Locations set against the hotspots (from ``HotspotMap/context(for:)``), in their input
    /// order; `nil` when there are none to report. Only their cells and positions in this list
    /// are written, never the locations' identities.
    public let contexts: [HotspotContext]?

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - map: the analysis to report.
    ///   - contexts: locations set against the hotspots, or `nil` (the default) for none.
    public init(map: HotspotMap, contexts: [HotspotContext]? = nil) {
        self.map = map
        self.contexts = contexts
    }

    /// A summary for reading: the grid and parameters, a table of crime types (crimes inside and
    /// outside the grid, hot cells, highest density per km² and highest Gi* z-score), then the
    /// hotspots, their intersections and, with contexts, how many locations fall in each.
    /// Numbers are shown to 4 significant figures; each line ends in a line feed.
    ///
    /// - Complexity: O(types × cells + hotspots + intersections + contexts).
    public var text: String {
        let g = map.grid
        var out = "Grid: \(g.columns) × \(g.rows) cells of \(Self.format(g.cellSize)) m from (\(g.origin.x), \(g.origin.y))\n"
        out += "Bandwidth \(Self.format(map.bandwidth)) m; Gi* distance band \(Self.format(map.band.distance)) m; "
        out += "false discovery rate \(Self.format(map.parameters.falseDiscoveryRate))\n"
        let width = max(10, map.types.map(\.count).max() ?? 0)
        func pad(_ text: String, _ n: Int) -> String { text.count >= n ? text : text + String(repeating: " ", count: n - text.count) }
        out += "\n" + pad("crime type", width) + "  crimes   outside  hot cells  max density per km²  max Gi* z\n"
        for (layer, outside) in zip(map.layers, map.outsideCounts) {
            let z = layer.giStar.zScores.values.filter { !$0.isNaN }.max()
            out += pad(layer.crimeType, width) + "  " + pad("\(Int(layer.counts.sum))", 7) + "  " + pad("\(outside)", 7) + "  "
            out += pad("\(layer.hot.filter { $0 }.count)", 9) + "  " + pad(Self.format((layer.density.values.max() ?? 0) * 1e6), 19)
            out += "  " + (z.map(Self.format) ?? "NA") + "\n"
        }
        out += "\nHotspots: \(map.hotspots.count)\n"
        for h in map.hotspots {
            let shares = h.typeShares.map { "\($0.crimeType) \(Self.format(100 * $0.share))%" }.joined(separator: ", ")
            out += "  \(h.id): \(h.crimeType), \(h.cells.count) cells, \(Self.format(h.area / 1e6)) km², \(h.totalCrimes) crimes; "
            out += "predominantly \(h.predominantTypes.joined(separator: " and ")) (\(shares))\n"
        }
        out += "\nIntersections (\(HotspotIntersection.assessment)): \(map.intersections.count)\n"
        for i in map.intersections {
            out += "  hotspots \(i.hotspots.map(String.init).joined(separator: ", ")): "
            out += "\(i.crimeTypes.joined(separator: " + ")), \(Self.format(i.area / 1e6)) km²\n"
        }
        if let contexts {
            out += "\nLocations: \(contexts.count); in a hotspot \(contexts.filter(\.isInHotspot).count); "
            out += "in an intersection \(contexts.filter(\.isInIntersection).count); "
            out += "outside the grid \(contexts.filter { $0.cell == nil }.count)\n"
        }
        return out
    }

    /// The header of ``csv``.
    public static let csvHeader = "type,column,row,centre_x,centre_y,count,density,gi_z,p_value,p_adjusted,significant,hot"

    /// Every cell of every crime type as CSV: the header ``csvHeader``, then one row per type and
    /// cell (types in the map's order, cells row-major), each ending in a line feed. A
    /// non-finite number is written `NA`; a type holding a comma, quote or line feed is quoted.
    ///
    /// - Complexity: O(types × cells).
    public var csv: String {
        var out = Self.csvHeader + "\n"
        for layer in map.layers {
            for i in 0 ..< map.grid.cellCount {
                let cell = map.grid.cell(at: i), centre = map.grid.centre(of: cell)
                out += "\(Self.csvField(layer.crimeType)),\(cell.column),\(cell.row),\(centre.x),\(centre.y),\(Int(layer.counts.values[i])),"
                out += "\(Self.number(layer.density.values[i])),\(Self.number(layer.giStar.zScores.values[i])),"
                out += "\(Self.number(layer.giStar.pValues.values[i])),\(Self.number(layer.adjustedPValues.values[i])),"
                out += "\(layer.significant[i]),\(layer.hot[i])\n"
            }
        }
        return out
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "NA"
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.4g", value)
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
