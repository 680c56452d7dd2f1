import Foundation
import Spatial

extension ReportAssembler {
    /// The hotspot map and tables of hotspots and their intersections, or `nil` when the study
    /// names no crimes.
    func hotspotSection() -> ReportSection? {
        guard let map = hotspotMap else { return nil }
        let figure = ReportFigure(
            title: "Crime hotspots", caption: "Significant hot cells (Getis-Ord Gi*, Benjamini-Hochberg false discovery rate \(map.parameters.falseDiscoveryRate)) "
                + "tinted by crime type, the bounding polygon of each hotspot outlined, and intersections of hotspots of different types in red: "
                + "areas of \(HotspotIntersection.assessment). No person's location is drawn.",
            fileName: "hotspots.svg", svg: HotspotMapFigure(map: map, areas: areas).document().render())
        let hotspots = ReportTable(
            title: "Hotspots", header: ["hotspot", "crime type", "cells", "area (km²)", "crimes", "predominantly"],
            rows: map.hotspots.map { h in
                ["\(h.id + 1)", h.crimeType, "\(h.cells.count)", NumberText.fixed(h.area / 1e6, 2), "\(h.totalCrimes)",
                 h.predominantTypes.joined(separator: ", ")]
            })
        let intersections = ReportTable(
            title: "Intersections of hotspots: \(HotspotIntersection.assessment)", header: ["hotspots", "crime types", "area (km²)"],
            rows: map.intersections.map { i in
                [i.hotspots.map { "\($0 + 1)" }.joined(separator: ", "), i.crimeTypes.joined(separator: ", "), NumberText.fixed(i.area / 1e6, 3)]
            })
        let crimes = map.layers.map { Int($0.counts.values.reduce(0, +)) }
        let summary = "\(crimes.reduce(0, +)) recorded crimes of \(map.types.count) types (\(map.types.joined(separator: ", "))) counted on one grid of "
            + "\(map.grid.columns) × \(map.grid.rows) cells of \(NumberText.fixed(map.grid.cellSize, 0)) m, with no weighting; "
            + "kernel density bandwidth \(NumberText.fixed(map.bandwidth, 0)) m, Gi* distance band \(NumberText.fixed(map.band.distance, 0)) m. "
            + "\(map.hotspots.count) hotspot\(map.hotspots.count == 1 ? "" : "s") and \(map.intersections.count) intersection\(map.intersections.count == 1 ? "" : "s")."
        return ReportSection(id: "hotspots", title: "Crime hotspots", commands: commands.hotspots,
                             blocks: [.paragraph(summary), .figure(figure), .table(hotspots), .table(intersections)])
    }
}
