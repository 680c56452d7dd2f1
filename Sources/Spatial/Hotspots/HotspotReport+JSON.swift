import Foundation

/// The JSON form of a hotspot report: one object with the keys `grid`, `parameters`, `types`,
/// `cells`, `hotspots`, `polygons`, `intersections` and, with contexts, `nominals`. Non-finite
/// numbers (a Gi* z-score of a layer without variance, say) are `null`.
///
/// - `grid`: `origin` [x, y], `cell_size`, `columns`, `rows`.
/// - `parameters`: `bandwidth`, `gi_distance`, `fdr`, `connectivity` (4 or 8), `outline`
///   (`convex_hull` or `cell_union`).
/// - `types`: per type, `type`, `crimes` (inside the grid) and `outside_extent`.
/// - `cells`: per type and cell, `type`, `column`, `row`, `centre` [x, y], `count`, `density`,
///   `gi_z`, `p_value`, `p_adjusted`, `significant`, `hot`.
/// - `hotspots`: `id`, `type`, `cells` [[column, row]], `area`, `crimes`, `predominant_types`,
///   `type_shares` [{`type`, `count`, `share`}].
/// - `polygons`: `hotspot` (its id) and `coordinates`, a GeoJSON MultiPolygon's coordinates in
///   the grid's system.
/// - `intersections`: `hotspots` (ids), `types`, `assessment`, `area`, `coordinates`.
/// - `nominals`: per location, `index` (its input position), `cell` [column, row] or null,
///   `hotspots`, `intersections` and `types` [{`type`, `density_percentile`, `gi_z`, `hot_cell`}].
extension HotspotReport: Encodable {
    private enum Key: String, CodingKey {
        case grid, parameters, types, cells, hotspots, polygons, intersections, nominals
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in sections {
            try container.encode(value, forKey: key)
        }
    }

    /// The report as a JSON document (UTF-8 text without a final line feed).
    ///
    /// The top-level keys come in the order listed for the conformance to `Encodable`, one per
    /// line, so that the grid and parameters come first and a reader can stop after the cells;
    /// inside them keys are sorted. `JSONEncoder` alone does not promise an order (on Linux it
    /// changes from run to run), so each top-level value is encoded separately and placed
    /// under its key here.
    ///
    /// - Complexity: O(types × cells + hotspot and intersection vertices + contexts).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let members = sections.map { key, value in
            // Cannot fail: every number is finite or encoded as null, and every key is a string.
            let data = try! encoder.encode(value)
            return "\"\(key.stringValue)\":" + String(decoding: data, as: UTF8.self)
        }
        return "{" + members.joined(separator: ",\n") + "}"
    }

    /// The top-level values in output order.
    private var sections: [(Key, any Encodable)] {
        let g = map.grid
        var sections: [(Key, any Encodable)] = [
            (.grid, GridRecord(origin: [JSONNumber(g.origin.x), JSONNumber(g.origin.y)], cell_size: JSONNumber(g.cellSize),
                               columns: g.columns, rows: g.rows)),
            (.parameters, ParametersRecord(bandwidth: JSONNumber(map.bandwidth), gi_distance: JSONNumber(map.band.distance),
                                           fdr: JSONNumber(map.parameters.falseDiscoveryRate),
                                           connectivity: map.parameters.connectivity == .edges ? 4 : 8,
                                           outline: map.parameters.outline == .convexHull ? "convex_hull" : "cell_union")),
            (.types, map.layers.indices.map { t in
                TypeRecord(type: map.types[t], crimes: Int(map.layers[t].counts.sum), outside_extent: map.outsideCounts[t])
            }),
            (.cells, cellRecords),
            (.hotspots, map.hotspots.map { h in
                HotspotRecord(id: h.id, type: h.crimeType, cells: h.cells.map { [$0.column, $0.row] }, area: JSONNumber(h.area),
                              crimes: h.totalCrimes, predominant_types: h.predominantTypes,
                              type_shares: h.typeShares.map { ShareRecord(type: $0.crimeType, count: $0.count, share: JSONNumber($0.share)) })
            }),
            (.polygons, map.hotspots.map { PolygonRecord(hotspot: $0.id, coordinates: Self.coordinates($0.outline)) }),
            (.intersections, map.intersections.map { i in
                IntersectionRecord(hotspots: i.hotspots, types: i.crimeTypes, assessment: HotspotIntersection.assessment,
                                   area: JSONNumber(i.area), coordinates: Self.coordinates(i.region))
            }),
        ]
        if let contexts {
            sections.append((.nominals, contexts.enumerated().map { index, context in
                NominalRecord(index: index, cell: CellReference(cell: context.cell), hotspots: context.hotspots,
                              intersections: context.intersections, types: context.crimeTypes.map { t in
                                  NominalTypeRecord(type: t.crimeType, density_percentile: JSONNumber(t.densityPercentile),
                                                    gi_z: JSONNumber(t.giZScore), hot_cell: t.significantHotCell)
                              })
            }))
        }
        return sections
    }

    private var cellRecords: [CellRecord] {
        let g = map.grid
        var cells: [CellRecord] = []
        cells.reserveCapacity(g.cellCount * map.layers.count)
        for layer in map.layers {
            for i in 0 ..< g.cellCount {
                let cell = g.cell(at: i), centre = g.centre(of: cell)
                cells.append(CellRecord(type: layer.crimeType, column: cell.column, row: cell.row,
                                        centre: [JSONNumber(centre.x), JSONNumber(centre.y)], count: Int(layer.counts.values[i]),
                                        density: JSONNumber(layer.density.values[i]), gi_z: JSONNumber(layer.giStar.zScores.values[i]),
                                        p_value: JSONNumber(layer.giStar.pValues.values[i]),
                                        p_adjusted: JSONNumber(layer.adjustedPValues.values[i]),
                                        significant: layer.significant[i], hot: layer.hot[i]))
            }
        }
        return cells
    }

    /// A MultiPolygon's GeoJSON coordinates: polygons, rings (closed), positions [x, y].
    private static func coordinates(_ shape: MultiPolygon) -> [[[[JSONNumber]]]] {
        shape.polygons.map { polygon in
            polygon.rings.map { ring in ring.closedVertices.map { [JSONNumber($0.x), JSONNumber($0.y)] } }
        }
    }
}

// Records whose property names are the JSON keys, hence snake_case.

/// A number written as itself when finite and as `null` otherwise (or when absent).
private struct JSONNumber: Encodable {
    let value: Double?
    init(_ value: Double?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value, value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// A cell as [column, row], or `null` for a location outside the grid.
private struct CellReference: Encodable {
    let cell: GridCell?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let cell { try container.encode([cell.column, cell.row]) } else { try container.encodeNil() }
    }
}

private struct GridRecord: Encodable {
    let origin: [JSONNumber], cell_size: JSONNumber, columns: Int, rows: Int
}

private struct ParametersRecord: Encodable {
    let bandwidth: JSONNumber, gi_distance: JSONNumber, fdr: JSONNumber, connectivity: Int, outline: String
}

private struct TypeRecord: Encodable {
    let type: String, crimes: Int, outside_extent: Int
}

private struct CellRecord: Encodable {
    let type: String, column: Int, row: Int, centre: [JSONNumber], count: Int
    let density: JSONNumber, gi_z: JSONNumber, p_value: JSONNumber, p_adjusted: JSONNumber
    let significant: Bool, hot: Bool
}

private struct ShareRecord: Encodable {
    let type: String, count: Int, share: JSONNumber
}

private struct HotspotRecord: Encodable {
    let id: Int, type: String, cells: [[Int]], area: JSONNumber, crimes: Int
    let predominant_types: [String], type_shares: [ShareRecord]
}

private struct PolygonRecord: Encodable {
    let hotspot: Int, coordinates: [[[[JSONNumber]]]]
}

private struct IntersectionRecord: Encodable {
    let hotspots: [Int], types: [String], assessment: String, area: JSONNumber, coordinates: [[[[JSONNumber]]]]
}

private struct NominalTypeRecord: Encodable {
    let type: String, density_percentile: JSONNumber, gi_z: JSONNumber, hot_cell: Bool
}

private struct NominalRecord: Encodable {
    let index: Int, cell: CellReference, hotspots: [Int], intersections: [Int], types: [NominalTypeRecord]
}
