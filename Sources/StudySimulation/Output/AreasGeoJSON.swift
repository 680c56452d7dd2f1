import Foundation
import Spatial

extension ForceArea {
    /// The force area as GeoJSON in British National Grid metres: one feature for the force's
    /// extent and one per town outline, with a legacy `crs` member naming EPSG:27700 so that GIS
    /// software places it (RFC 7946 readers expect longitude-latitude; read it in PreventKit with
    /// `GeoJSONReadingOptions.projectedUnchecked`).
    ///
    /// - Parameter outlines: the town outlines, in town order.
    func areasGeoJSON(outlines: [Polygon]) -> String {
        let b = bounds
        let extent = Polygon([Point(x: b.minX, y: b.minY), Point(x: b.maxX, y: b.minY), Point(x: b.maxX, y: b.maxY), Point(x: b.minX, y: b.maxY)])
        var features = [GeoJSONFeature(geometry: .polygon(extent), properties: [
            "kind": .string("force_area"), "name": .string(name),
        ], id: .string("force"))]
        for (town, outline) in zip(towns, outlines) {
            features.append(GeoJSONFeature(geometry: .polygon(outline), properties: [
                "kind": .string("town"), "name": .string(town.name), "area": .string(town.area),
                "residents": .number(Double(town.residents)),
                "centre_easting": .number(town.centre.x), "centre_northing": .number(town.centre.y),
            ], id: .string(town.area)))
        }
        let text = String(decoding: GeoJSONFeatureCollection(features: features).geoJSONData(options: GeoJSONWritingOptions(decimals: 1)), as: UTF8.self)
        let opening = "{\"type\":\"FeatureCollection\""
        precondition(text.hasPrefix(opening), "the writer starts with the collection's type")
        return opening + ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}}" + text.dropFirst(opening.count)
    }
}
