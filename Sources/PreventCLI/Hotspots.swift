import ArgumentParser
import DataTables
import Foundation
import Spatial

extension Prevent {
    /// `prevent hotspots`: the profile method's hotspot layers from a CSV of recorded crimes.
    struct Hotspots: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Map crime hotspots per crime type on one grid: counts, kernel density, Gi* with FDR, polygons.",
            discussion: """
                Every crime type is counted on the same grid (no weighting). Density is the quartic \
                kernel 3/(pi h^2)(1 - (d/h)^2)^2 at cell centres from binned counts. A cell is a \
                significant hot cell when its Getis-Ord Gi* z-score (binary distance band, the cell \
                itself included) is positive and its Benjamini-Hochberg adjusted two-sided p-value is at \
                most --fdr. Neighbouring hot cells (8-connectivity) form a hotspot, drawn as the convex \
                hull of its cells; overlaps of hotspots of different types are flagged as areas of \
                increased threat, harm and risk. Crimes outside --extent are counted and reported on \
                standard error. Coordinates are British National Grid metres unless --coordinates says \
                otherwise; lon/lat are converted to British National Grid first.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, csv
        }

        enum Coordinates: String, ExpressibleByArgument, CaseIterable {
            /// British National Grid eastings and northings.
            case bng
            /// WGS84 longitude (--x) and latitude (--y), converted to British National Grid.
            case lonlat
            /// Other projected coordinates in metres; no GeoJSON output (it must be WGS84).
            case projected
        }

        @Option(help: "CSV file of crimes, one per row.")
        var points: String

        @Option(name: .customLong("x"), help: "Column of eastings (or longitudes with --coordinates lonlat).")
        var xColumn: String

        @Option(name: .customLong("y"), help: "Column of northings (or latitudes with --coordinates lonlat).")
        var yColumn: String

        @Option(name: .customLong("type"), help: "Column of crime types (default: all crimes are one type, 'all').")
        var typeColumn: String?

        @Option(help: "Cell size in metres (the profile method starts at 250).")
        var cell: Double

        @Option(help: "Lower-left corner of cell (0, 0) as X,Y (default: the extent's lower-left corner).")
        var origin: String?

        @Option(help: "Grid extent as XMIN,YMIN,XMAX,YMAX (default: the crimes' bounding box).")
        var extent: String?

        @Option(help: "Kernel density bandwidth in metres (default: 3 cell sizes).")
        var bandwidth: Double?

        @Option(name: .customLong("gi-distance"), help: "Gi* distance band in metres between cell centres (default: 1.5 cell sizes).")
        var giDistance: Double?

        @Option(help: "False discovery rate across cells (Benjamini-Hochberg).")
        var fdr = 0.05

        @Option(help: "CSV file of locations to set against the hotspots (same x and y column names); no identifiers are printed.")
        var nominals: String?

        @Option(help: "Write hotspot polygons, intersections and significant hot cells to this GeoJSON file (WGS84).")
        var geojson: String?

        @Option(help: "The coordinates' system: bng, lonlat or projected.")
        var coordinates: Coordinates = .bng

        @Option(help: "Output format: text, json or csv (csv lists the cells only).")
        var format: Format = .text

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard cell.isFinite && cell > 0 else { throw ValidationError("--cell must be a positive number of metres, not \(cell).") }
            guard fdr > 0 && fdr < 1 else { throw ValidationError("--fdr must lie strictly between 0 and 1, not \(fdr).") }
            if let bandwidth, !(bandwidth.isFinite && bandwidth > 0) {
                throw ValidationError("--bandwidth must be a positive number of metres, not \(bandwidth).")
            }
            if let giDistance, !(giDistance.isFinite && giDistance >= 0) {
                throw ValidationError("--gi-distance must be a non-negative number of metres, not \(giDistance).")
            }
            if let origin { _ = try Self.numbers(origin, count: 2, option: "--origin") }
            if let extent {
                let e = try Self.numbers(extent, count: 4, option: "--extent")
                guard e[2] > e[0] && e[3] > e[1] else {
                    throw ValidationError("--extent must be XMIN,YMIN,XMAX,YMAX with XMAX > XMIN and YMAX > YMIN.")
                }
            }
            if geojson != nil && coordinates == .projected {
                throw ValidationError("--geojson needs British National Grid or lon/lat coordinates: GeoJSON is WGS84.")
            }
        }

        func run() throws {
            global.apply()
            let crimes = try readPoints(points, typeColumn: typeColumn)
            let grid = try makeGrid(crimes.points)
            let counts: CrimeCounts
            do {
                counts = try CrimeCounts(x: crimes.points.map(\.x), y: crimes.points.map(\.y), typeCodes: crimes.codes,
                                         typeNames: crimes.names, grid: grid)
            } catch let error as HotspotInputError {
                throw locate(error, file: points)
            }
            for (type, outside) in zip(counts.types, counts.outsideCounts) where outside > 0 {
                warn("\(points): \(outside) crime\(outside == 1 ? "" : "s") of type '\(type)' outside the extent, not counted")
            }
            let map = HotspotMap(counts: counts, parameters: HotspotMap.Parameters(
                bandwidth: bandwidth, band: giDistance.map(DistanceBand.init(distance:)), falseDiscoveryRate: fdr))
            let contexts = try nominals.map { file in map.context(for: try readPoints(file, typeColumn: nil).points) }
            if let geojson { try writeGeoJSON(map, to: geojson) }
            switch format {
            case .text: print(textReport(map, contexts: contexts), terminator: "")
            case .json: print(jsonReport(map, contexts: contexts))
            case .csv: print(csvReport(map), terminator: "")
            }
        }

        // MARK: Input

        private func readPoints(_ file: String, typeColumn: String?) throws -> (points: [Point], codes: [Int32], names: [String]) {
            var kinds: [String: ColumnKind] = [xColumn: .numeric, yColumn: .numeric]
            if let typeColumn { kinds[typeColumn] = .categorical }
            let table: DataTable
            do {
                table = try DataTable(csvFile: file, options: CSVReadOptions(columnTypes: kinds))
            } catch let error as CSVError {
                if case .typeForUnknownColumn(let name) = error.reason {
                    throw FileContextError(file: file, underlying: ValidationError("no column '\(name)' (columns: \(try header(of: file)))"))
                }
                throw error
            }
            let x: [Double], y: [Double]
            do {
                x = try table.numeric(xColumn).values
                y = try table.numeric(yColumn).values
            } catch {
                throw FileContextError(file: file, underlying: error)
            }
            for (name, values) in [(xColumn, x), (yColumn, y)] {
                if let row = values.firstIndex(where: { !$0.isFinite }) {
                    let problem = values[row].isNaN ? "the coordinate is missing" : "the coordinate is not finite"
                    throw HotspotsInputError(message: "\(file):\(row + 2): column \((table.columnIndex(named: name) ?? 0) + 1) '\(name)': \(problem)")
                }
            }
            var points = zip(x, y).map { Point(x: $0, y: $1) }
            if coordinates == .lonlat {
                points = points.map { BritishNationalGrid.point(longitude: $0.x, latitude: $0.y) }
            }
            guard let typeColumn else { return (points, [Int32](repeating: 0, count: points.count), ["all"]) }
            let types: CategoricalColumn
            do {
                types = try table.categorical(typeColumn)
            } catch {
                throw FileContextError(file: file, underlying: error)
            }
            if let row = types.codes.firstIndex(where: { $0 < 0 || types.levels[Int($0)].isEmpty }) {
                throw HotspotsInputError(message: "\(file):\(row + 2): column \((table.columnIndex(named: typeColumn) ?? 0) + 1) '\(typeColumn)': the crime type is empty")
            }
            return (points, types.codes, types.levels)
        }

        private func header(of file: String) throws -> String {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            return String(text.prefix { $0 != "\n" && $0 != "\r" })
        }

        private func locate(_ error: HotspotInputError, file: String) -> Error {
            switch error {
            case .emptyCrimeType(let point):
                HotspotsInputError(message: "\(file):\(point + 2): the crime type is empty")
            case .nonFiniteCoordinate(let point):
                HotspotsInputError(message: "\(file):\(point + 2): a coordinate is not a finite number")
            }
        }

        private func makeGrid(_ points: [Point]) throws -> GridDefinition {
            let start = try origin.map { try Self.numbers($0, count: 2, option: "--origin") }.map { Point(x: $0[0], y: $0[1]) }
            let box: [Double]
            if let extent {
                box = try Self.numbers(extent, count: 4, option: "--extent")
            } else {
                guard !points.isEmpty else { throw HotspotsInputError(message: "\(self.points): there are no crimes") }
                box = [points.map(\.x).min()!, points.map(\.y).min()!, points.map(\.x).max()!, points.map(\.y).max()!]
            }
            if let start, start.x > box[0] || start.y > box[1] {
                throw ValidationError("--origin must lie at or below and left of the extent's lower-left corner (\(box[0]), \(box[1])).")
            }
            let columns = ((box[2] - (start?.x ?? box[0])) / cell).rounded(.up)
            let rows = ((box[3] - (start?.y ?? box[1])) / cell).rounded(.up)
            guard columns * rows <= 100_000_000 else {
                throw ValidationError("the grid would have \(Int(columns)) × \(Int(rows)) cells; use a larger --cell or a smaller --extent.")
            }
            return GridDefinition(minX: box[0], minY: box[1], maxX: box[2], maxY: box[3], cellSize: cell, origin: start)
        }

        static func numbers(_ text: String, count: Int, option: String) throws -> [Double] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == count, parts.allSatisfy({ $0?.isFinite == true }) else {
                throw ValidationError("\(option) needs \(count) comma-separated numbers, not '\(text)'.")
            }
            return parts.map { $0! }
        }

        private func warn(_ message: String) {
            FileHandle.standardError.write(Data("Warning: \(message)\n".utf8))
        }

        // MARK: Output

        private func textReport(_ map: HotspotMap, contexts: [HotspotContext]?) -> String {
            let g = map.grid
            var out = "Grid: \(g.columns) × \(g.rows) cells of \(format(g.cellSize)) m from (\(g.origin.x), \(g.origin.y))\n"
            out += "Bandwidth \(format(map.bandwidth)) m; Gi* distance band \(format(map.band.distance)) m; false discovery rate \(format(fdr))\n"
            let width = max(10, map.types.map(\.count).max() ?? 0)
            func pad(_ text: String, _ n: Int) -> String { text.count >= n ? text : text + String(repeating: " ", count: n - text.count) }
            out += "\n" + pad("crime type", width) + "  crimes   outside  hot cells  max density per km²  max Gi* z\n"
            for (layer, outside) in zip(map.layers, map.outsideCounts) {
                let z = layer.giStar.zScores.values.filter { !$0.isNaN }.max()
                out += pad(layer.crimeType, width) + "  " + pad("\(Int(layer.counts.sum))", 7) + "  " + pad("\(outside)", 7) + "  "
                out += pad("\(layer.hot.filter { $0 }.count)", 9) + "  " + pad(format((layer.density.values.max() ?? 0) * 1e6), 19)
                out += "  " + (z.map(format) ?? "NA") + "\n"
            }
            out += "\nHotspots: \(map.hotspots.count)\n"
            for h in map.hotspots {
                let shares = h.typeShares.map { "\($0.crimeType) \(format(100 * $0.share))%" }.joined(separator: ", ")
                out += "  \(h.id): \(h.crimeType), \(h.cells.count) cells, \(format(h.area / 1e6)) km², \(h.totalCrimes) crimes; "
                out += "predominantly \(h.predominantTypes.joined(separator: " and ")) (\(shares))\n"
            }
            out += "\nIntersections (\(HotspotIntersection.assessment)): \(map.intersections.count)\n"
            for i in map.intersections {
                out += "  hotspots \(i.hotspots.map(String.init).joined(separator: ", ")): \(i.crimeTypes.joined(separator: " + ")), \(format(i.area / 1e6)) km²\n"
            }
            if let contexts {
                out += "\nLocations: \(contexts.count); in a hotspot \(contexts.filter(\.isInHotspot).count); "
                out += "in an intersection \(contexts.filter(\.isInIntersection).count); outside the grid \(contexts.filter { $0.cell == nil }.count)\n"
            }
            return out
        }

        private func csvReport(_ map: HotspotMap) -> String {
            var out = "type,column,row,centre_x,centre_y,count,density,gi_z,p_value,p_adjusted,significant,hot\n"
            for layer in map.layers {
                for i in 0 ..< map.grid.cellCount {
                    let cell = map.grid.cell(at: i), centre = map.grid.centre(of: cell)
                    out += "\(csvField(layer.crimeType)),\(cell.column),\(cell.row),\(centre.x),\(centre.y),\(Int(layer.counts.values[i])),"
                    out += "\(number(layer.density.values[i])),\(number(layer.giStar.zScores.values[i])),"
                    out += "\(number(layer.giStar.pValues.values[i])),\(number(layer.adjustedPValues.values[i])),"
                    out += "\(layer.significant[i]),\(layer.hot[i])\n"
                }
            }
            return out
        }

        private func jsonReport(_ map: HotspotMap, contexts: [HotspotContext]?) -> String {
            let g = map.grid
            var parts: [String] = []
            parts.append("\"grid\":{\"origin\":[\(g.origin.x),\(g.origin.y)],\"cell_size\":\(g.cellSize),\"columns\":\(g.columns),\"rows\":\(g.rows)}")
            parts.append("\"parameters\":{\"bandwidth\":\(map.bandwidth),\"gi_distance\":\(map.band.distance),\"fdr\":\(fdr),"
                + "\"connectivity\":8,\"outline\":\"convex_hull\"}")
            parts.append("\"types\":[" + map.layers.indices.map { t in
                "{\"type\":\(json(map.types[t])),\"crimes\":\(Int(map.layers[t].counts.sum)),\"outside_extent\":\(map.outsideCounts[t])}"
            }.joined(separator: ",") + "]")
            var cells: [String] = []
            cells.reserveCapacity(g.cellCount * map.layers.count)
            for layer in map.layers {
                for i in 0 ..< g.cellCount {
                    let cell = g.cell(at: i), centre = g.centre(of: cell)
                    var item = "{\"type\":" + json(layer.crimeType) + ",\"column\":\(cell.column),\"row\":\(cell.row)"
                    item += ",\"centre\":[\(centre.x),\(centre.y)],\"count\":\(Int(layer.counts.values[i]))"
                    item += ",\"density\":" + number(layer.density.values[i], null: "null")
                    item += ",\"gi_z\":" + number(layer.giStar.zScores.values[i], null: "null")
                    item += ",\"p_value\":" + number(layer.giStar.pValues.values[i], null: "null")
                    item += ",\"p_adjusted\":" + number(layer.adjustedPValues.values[i], null: "null")
                    item += ",\"significant\":\(layer.significant[i]),\"hot\":\(layer.hot[i])}"
                    cells.append(item)
                }
            }
            parts.append("\"cells\":[\n" + cells.joined(separator: ",\n") + "\n]")
            parts.append("\"hotspots\":[" + map.hotspots.map(jsonHotspot).joined(separator: ",\n") + "]")
            parts.append("\"polygons\":[" + map.hotspots.map { h in
                "{\"hotspot\":\(h.id),\"coordinates\":" + json(h.outline) + "}"
            }.joined(separator: ",\n") + "]")
            parts.append("\"intersections\":[" + map.intersections.map(jsonIntersection).joined(separator: ",\n") + "]")
            if let contexts {
                parts.append("\"nominals\":[" + contexts.enumerated().map { jsonContext($0.offset, $0.element) }.joined(separator: ",\n") + "]")
            }
            return "{" + parts.joined(separator: ",\n") + "}"
        }

        private func jsonHotspot(_ h: Hotspot) -> String {
            var out = "{\"id\":\(h.id),\"type\":" + json(h.crimeType)
            out += ",\"cells\":[" + h.cells.map { "[\($0.column),\($0.row)]" }.joined(separator: ",") + "]"
            out += ",\"area\":\(h.area),\"crimes\":\(h.totalCrimes)"
            out += ",\"predominant_types\":[" + h.predominantTypes.map(json).joined(separator: ",") + "]"
            let shares: [String] = h.typeShares.map { "{\"type\":" + json($0.crimeType) + ",\"count\":\($0.count),\"share\":\($0.share)}" }
            return out + ",\"type_shares\":[" + shares.joined(separator: ",") + "]}"
        }

        private func jsonIntersection(_ i: HotspotIntersection) -> String {
            var out = "{\"hotspots\":[" + i.hotspots.map(String.init).joined(separator: ",") + "]"
            out += ",\"types\":[" + i.crimeTypes.map(json).joined(separator: ",") + "]"
            out += ",\"assessment\":" + json(HotspotIntersection.assessment)
            return out + ",\"area\":\(i.area),\"coordinates\":" + json(i.region) + "}"
        }

        private func jsonContext(_ index: Int, _ context: HotspotContext) -> String {
            var out = "{\"index\":\(index),\"cell\":"
            out += context.cell.map { "[\($0.column),\($0.row)]" } ?? "null"
            out += ",\"hotspots\":[" + context.hotspots.map(String.init).joined(separator: ",") + "]"
            out += ",\"intersections\":[" + context.intersections.map(String.init).joined(separator: ",") + "]"
            let types: [String] = context.crimeTypes.map { t in
                var item = "{\"type\":" + json(t.crimeType)
                item += ",\"density_percentile\":" + (t.densityPercentile.map { number($0, null: "null") } ?? "null")
                item += ",\"gi_z\":" + (t.giZScore.map { number($0, null: "null") } ?? "null")
                item += ",\"hot_cell\":\(t.significantHotCell)}"
                return item
            }
            return out + ",\"types\":[" + types.joined(separator: ",") + "]}"
        }

        private func writeGeoJSON(_ map: HotspotMap, to path: String) throws {
            var features: [GeoJSONFeature] = map.hotspots.map { h in
                GeoJSONFeature(geometry: .multiPolygon(h.outline), properties: [
                    "kind": "hotspot", "hotspot": .number(Double(h.id)), "type": .string(h.crimeType),
                    "predominant_types": .string(h.predominantTypes.joined(separator: ", ")),
                    "crimes": .number(Double(h.totalCrimes)), "cells": .number(Double(h.cells.count)),
                ])
            }
            features += map.intersections.map { i in
                GeoJSONFeature(geometry: .multiPolygon(i.region), properties: [
                    "kind": "intersection", "hotspots": .array(i.hotspots.map { .number(Double($0)) }),
                    "types": .string(i.crimeTypes.joined(separator: ", ")),
                    "assessment": .string(HotspotIntersection.assessment),
                ])
            }
            for layer in map.layers {
                for i in layer.hot.indices where layer.hot[i] {
                    let cell = map.grid.cell(at: i)
                    features.append(GeoJSONFeature(geometry: .polygon(Polygon(map.grid.corners(of: cell))), properties: [
                        "kind": "hot_cell", "type": .string(layer.crimeType), "column": .number(Double(cell.column)),
                        "row": .number(Double(cell.row)), "count": .number(layer.counts.values[i]),
                        "gi_z": .number(layer.giStar.zScores.values[i]), "p_adjusted": .number(layer.adjustedPValues.values[i]),
                    ]))
                }
            }
            let collection = try GeoJSONFeatureCollection(features: features).converted(from: .bng)
            try collection.write(to: URL(fileURLWithPath: path))
        }

        private func json(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        }

        private func json(_ shape: MultiPolygon) -> String {
            "[" + shape.polygons.map { polygon in
                "[" + polygon.rings.map { ring in
                    "[" + ring.closedVertices.map { "[\($0.x),\($0.y)]" }.joined(separator: ",") + "]"
                }.joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
        }

        private func number(_ value: Double, null: String = "NA") -> String {
            value.isFinite ? "\(value)" : null
        }

        private func format(_ value: Double) -> String {
            String(format: "%.4g", value)
        }

        private func csvField(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }
}

/// A problem with the crimes file that the libraries report by position, given its file and line.
struct HotspotsInputError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
