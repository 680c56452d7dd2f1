import ArgumentParser
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

            /// The library's name for the system.
            var system: CoordinateSystem {
                switch self {
                case .bng: .bng
                case .lonlat: .wgs84
                case .projected: .projected("projected")
                }
            }
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

        /// Crimes files at least this large get a progress bar over the steps (on a terminal).
        static let progressBytes = 4 << 20

        func run() throws {
            global.apply()
            let console = global.console
            let progress = StepProgress(console: console, steps: 4 + (nominals == nil ? 0 : 1) + (geojson == nil ? 0 : 1),
                                        shown: StepProgress.isLarge(points, bytes: Self.progressBytes))
            defer { progress.finish() }
            let crimes = try console.step("Read \(points)", summary: { "\($0.points.count) crimes of \($0.types.count) type\($0.types.count == 1 ? "" : "s")" }) {
                try CrimePoints(csvFile: points, xColumn: xColumn, yColumn: yColumn, typeColumn: typeColumn,
                                coordinates: coordinates.system)
            }
            progress.advance()
            let counts = try console.step("Counted the crimes on the grid", summary: { "\($0.grid.columns) × \($0.grid.rows) cells" }) {
                try crimes.counts(on: try makeGrid(crimes.points))
            }
            progress.advance()
            for (type, outside) in zip(counts.types, counts.outsideCounts) where outside > 0 {
                console.warning("\(points): \(outside) crime\(outside == 1 ? "" : "s") of type '\(type)' outside the extent, not counted")
            }
            let map = console.step("Mapped density, Gi* and hotspots", summary: { "\($0.hotspots.count) hotspots" }) {
                HotspotMap(counts: counts, parameters: HotspotMap.Parameters(
                    bandwidth: bandwidth, band: giDistance.map(DistanceBand.init(distance:)), falseDiscoveryRate: fdr))
            }
            progress.advance()
            let contexts = try nominals.map { file in
                let nominalPoints = try console.step("Read \(file)", summary: { "\($0.points.count) locations" }) {
                    try CrimePoints(csvFile: file, xColumn: xColumn, yColumn: yColumn, coordinates: coordinates.system)
                }
                defer { progress.advance() }
                return map.context(for: nominalPoints.points)
            }
            if let geojson {
                try console.step("Wrote \(geojson)") {
                    try map.geoJSONFeatureCollection().converted(from: .bng).write(to: URL(fileURLWithPath: geojson))
                }
                progress.advance()
            }
            let report = console.step("Prepared the report") { HotspotReport(map: map, contexts: contexts) }
            progress.advance()
            progress.finish()
            switch format {
            case .text: print(report.text, terminator: "")
            case .json: print(report.json)
            case .csv: print(report.csv, terminator: "")
            }
        }

        /// The grid from --extent (or the crimes' bounding box), --cell and --origin, with the
        /// library's errors put in terms of the options.
        private func makeGrid(_ crimes: [Point]) throws -> GridDefinition {
            let start = try origin.map { try Self.numbers($0, count: 2, option: "--origin") }.map { Point(x: $0[0], y: $0[1]) }
            do {
                if let extent {
                    let e = try Self.numbers(extent, count: 4, option: "--extent")
                    return try GridDefinition(extent: BoundingBox(minX: e[0], minY: e[1], maxX: e[2], maxY: e[3]), cellSize: cell, origin: start)
                }
                return try GridDefinition(covering: crimes, cellSize: cell, origin: start)
            } catch let error as GridDefinitionError {
                switch error {
                case .noPoints:
                    throw HotspotsInputError(message: "\(points): there are no crimes")
                case .originOutsideExtent(_, let corner):
                    throw ValidationError("--origin must lie at or below and left of the extent's lower-left corner (\(corner.x), \(corner.y)).")
                case let .tooManyCells(columns, rows, _):
                    throw ValidationError("the grid would have \(GridDefinitionError.count(columns)) × \(GridDefinitionError.count(rows)) cells; "
                                          + "use a larger --cell or a smaller --extent.")
                case .invalidExtent:
                    throw ValidationError("\(error).")
                }
            }
        }

        static func numbers(_ text: String, count: Int, option: String) throws -> [Double] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == count, parts.allSatisfy({ $0?.isFinite == true }) else {
                throw ValidationError("\(option) needs \(count) comma-separated numbers, not '\(text)'.")
            }
            return parts.map { $0! }
        }
    }
}

/// A problem with the crimes file that is not about one cell: there are none.
struct HotspotsInputError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
