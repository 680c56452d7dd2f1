import Foundation
import Spatial

/// Town or area outlines from a GeoJSON file, in British National Grid metres: WGS84 files
/// (RFC 7946) are converted; files already in metres are taken as British National Grid. A
/// feature whose `kind` is `force_area` is the force's boundary and has no label.
enum AreaOutlines {
    /// - Throws: ``StudyReportError`` naming the file for GeoJSON that cannot be read.
    static func read(_ path: String) throws -> [HotspotMapFigure.Area] {
        let collection: GeoJSONFeatureCollection
        do {
            collection = try GeoJSONFeatureCollection(contentsOf: URL(fileURLWithPath: path), options: .projectedUnchecked)
        } catch {
            throw StudyReportError(file: path, message: "\(error)")
        }
        let bounds = collection.features.compactMap { $0.geometry?.bounds }
        let isLongitudeLatitude = bounds.allSatisfy { abs($0.minX) <= 180 && abs($0.maxX) <= 180 && abs($0.minY) <= 90 && abs($0.maxY) <= 90 }
        let grid = isLongitudeLatitude ? try collection.converted(to: .bng) : collection
        return grid.features.enumerated().compactMap { index, feature in
            // A feature of kind `force_area` is the whole force's boundary: drawn, not labelled.
            let isBoundary = feature.properties["kind"]?.string == "force_area"
            let name = isBoundary ? nil : feature.properties["name"]?.string ?? feature.properties["town"]?.string ?? "area \(index + 1)"
            switch feature.geometry {
            case let .polygon(polygon)?: return HotspotMapFigure.Area(name: name, outline: MultiPolygon([polygon]))
            case let .multiPolygon(multi)?: return HotspotMapFigure.Area(name: name, outline: multi)
            default: return nil
            }
        }
    }
}
