import Foundation
import Reporting
import Spatial

/// The hotspot map: town or area outlines, each crime type's significant hot cells, the hotspot
/// polygons and, hatched in red, where hotspots of different types intersect. No person's
/// location is drawn.
struct HotspotMapFigure {
    /// An outline: a named town, or the force's boundary without a name.
    struct Area {
        let name: String?
        let outline: MultiPolygon
    }

    let map: HotspotMap
    let areas: [Area]

    /// The drawing.
    func document() -> SVGDocument {
        var bounds = BoundingBox(minX: map.grid.minX, minY: map.grid.minY, maxX: map.grid.maxX, maxY: map.grid.maxY)
        for area in areas { if let b = area.outline.bounds { bounds = bounds.union(b) } }
        let width = 680.0, legendWidth = 170.0
        let projection = MapProjection(bounds: bounds, width: width - legendWidth, margin: 16, top: 40)
        var svg = SVGDocument(width: width, height: projection.height + 80, title: "Crime hotspots")
        svg.add(.text("Crime hotspots by type (Gi* with false discovery rate control)", x: 16, y: 24, size: 14))
        svg.add(.rectangle(x: 16, y: 40, width: width - legendWidth - 32, height: max(projection.height, 1),
                           style: SVGStyle(fill: "#FAFAFA", stroke: "#DDDDDD")))
        for area in areas {
            let style = area.name == nil ? SVGStyle(stroke: "#555555", strokeWidth: 1.5, dash: "6 3")
                                         : SVGStyle(fill: "#F2F2F2", stroke: "#888888", strokeWidth: 1)
            for polygon in area.outline.polygons {
                svg.add(.polyline(points: projection.ring(polygon.exterior), style: style))
            }
        }
        let cell = map.grid.cellSize * projection.scale
        for (t, layer) in map.layers.enumerated() {
            for index in layer.hot.indices where layer.hot[index] {
                let corner = map.grid.corners(of: map.grid.cell(at: index))
                let top = projection.position(Point(x: corner.map(\.x).min()!, y: corner.map(\.y).max()!))
                svg.add(.rectangle(x: top.x, y: top.y, width: cell, height: cell, style: .fill(ReportPalette.tint(t))))
            }
        }
        for hotspot in map.hotspots {
            let t = map.types.firstIndex(of: hotspot.crimeType) ?? 0
            for polygon in hotspot.outline.polygons {
                svg.add(.polyline(points: projection.ring(polygon.exterior), style: .stroke(ReportPalette.colour(t), width: 2)))
            }
        }
        for intersection in map.intersections {
            for polygon in intersection.region.polygons {
                svg.add(.polyline(points: projection.ring(polygon.exterior), style: SVGStyle(fill: "#F4B6B6", stroke: "#C00000", strokeWidth: 2, dash: "4 2")))
            }
        }
        for area in areas {
            // Names go under each outline, clear of the hotspots inside it.
            if let name = area.name, let centre = area.outline.centroid, let bounds = area.outline.bounds {
                let p = projection.position(Point(x: centre.x, y: bounds.minY))
                svg.add(.text(name, x: p.x, y: p.y + 13, size: 11, anchor: .middle, fill: "#444444"))
            }
        }
        // Legend.
        let x = width - legendWidth + 4
        var y = 56.0
        for (t, type) in map.types.enumerated() {
            svg.add(.rectangle(x: x, y: y - 10, width: 14, height: 12, style: SVGStyle(fill: ReportPalette.tint(t), stroke: ReportPalette.colour(t), strokeWidth: 2)))
            svg.add(.text(type.replacingOccurrences(of: "_", with: " "), x: x + 20, y: y, size: 11))
            y += 20
        }
        svg.add(.rectangle(x: x, y: y - 10, width: 14, height: 12, style: SVGStyle(fill: "#F4B6B6", stroke: "#C00000", strokeWidth: 2, dash: "4 2")))
        svg.add(.text("intersection", x: x + 20, y: y, size: 11))
        y += 20
        if areas.contains(where: { $0.name != nil }) {
            svg.add(.rectangle(x: x, y: y - 10, width: 14, height: 12, style: SVGStyle(fill: "#F2F2F2", stroke: "#888888")))
            svg.add(.text("town or area", x: x + 20, y: y, size: 11))
            y += 20
        }
        if areas.contains(where: { $0.name == nil }) {
            svg.add(.line(x1: x, y1: y - 4, x2: x + 14, y2: y - 4, style: .stroke("#555555", width: 1.5, dash: "6 3")))
            svg.add(.text("force boundary", x: x + 20, y: y, size: 11))
        }
        let metres = Self.scaleBarLength(for: bounds.width)
        let barY = 40 + projection.height + 24
        svg.add(.line(x1: 16, y1: barY, x2: 16 + metres * projection.scale, y2: barY, style: .stroke("#333333", width: 2)))
        svg.add(.text(metres >= 1000 ? "\(Int(metres / 1000)) km" : "\(Int(metres)) m", x: 16 + metres * projection.scale + 6, y: barY + 4, size: 11))
        svg.add(.text("British National Grid; cells of \(Int(map.grid.cellSize)) m", x: width - legendWidth - 16, y: barY + 4, size: 11, anchor: .end, fill: "#555555"))
        return svg
    }

    /// A round length for the scale bar, about a fifth of the map's width.
    static func scaleBarLength(for width: Double) -> Double {
        let target = max(width / 5, 1)
        let power = pow10(floor(log10(target)))
        for step in [5.0, 2, 1] where step * power <= target { return step * power }
        return power
    }

    private static func pow10(_ exponent: Double) -> Double {
        var value = 1.0
        if exponent >= 0 { for _ in 0 ..< Int(exponent) { value *= 10 } } else { for _ in 0 ..< Int(-exponent) { value /= 10 } }
        return value
    }
}
