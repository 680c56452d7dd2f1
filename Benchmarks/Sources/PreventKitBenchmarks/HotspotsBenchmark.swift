import ArgumentParser
import DataTables
import Foundation
import Spatial

/// The crimes of `peers/hotspots_make_data.py`: x, y and a crime type per row, in a 250 km
/// square from (300000, 100000).
struct BenchmarkCrimes {
    let x: [Double]
    let y: [Double]
    let codes: [Int32]
    let types: [String]

    static let origin = Point(x: 300_000, y: 100_000)
    static let side = 250_000.0

    init(path: String) throws {
        let table = try DataTable(csvFile: path, options: CSVReadOptions(columnTypes: ["type": .categorical]))
        x = try table.numeric("x").values
        y = try table.numeric("y").values
        let type = try table.categorical("type")
        codes = type.codes
        types = type.levels
    }

    /// The grid of `cells` × `cells` over the square.
    static func grid(cells: Int) -> GridDefinition {
        GridDefinition(origin: origin, cellSize: side / Double(cells), columns: cells, rows: cells)
    }
}

/// Times the whole per-type hotspot statistics on a `cells` × `cells` grid: binning the crimes,
/// quartic kernel density, Gi* and the Benjamini-Hochberg false discovery rate, for every type.
///
/// - Returns: the seconds of each timed repetition (after one warm-up), and the layers of the
///   last one for checking.
func runHotspotsBenchmark(crimes: BenchmarkCrimes, cells: Int, repetitions: Int) throws -> (seconds: [Double], layers: [HotspotMap.TypeLayers]) {
    let grid = BenchmarkCrimes.grid(cells: cells)
    var seconds: [Double] = []
    var last: [HotspotMap.TypeLayers] = []
    for repetition in 0 ... repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        let counts = try CrimeCounts(x: crimes.x, y: crimes.y, typeCodes: crimes.codes, typeNames: crimes.types, grid: grid)
        last = HotspotMap.layers(of: counts)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if repetition > 0 { seconds.append(elapsed) }
    }
    return (seconds, last)
}

/// Times Gi* alone (analytic z-scores) for every type on a `cells` × `cells` grid, the
/// computation `peers/hotspots_esda.py` times in esda (with the default band of 1.5 cells).
///
/// - Returns: the seconds of each timed repetition (after one warm-up), and the z-scores.
func runGiStarBenchmark(crimes: BenchmarkCrimes, cells: Int, bandInCells: Double = 1.5,
                        method: ConvolutionMethod = .automatic, repetitions: Int) throws
    -> (seconds: [Double], zScores: [[Double]]) {
    let grid = BenchmarkCrimes.grid(cells: cells)
    let counts = try CrimeCounts(x: crimes.x, y: crimes.y, typeCodes: crimes.codes, typeNames: crimes.types, grid: grid)
    let statistic = GetisOrdGiStar(band: DistanceBand(distance: bandInCells * grid.cellSize), method: method)
    var seconds: [Double] = []
    var z: [[Double]] = []
    for repetition in 0 ... repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        z = statistic.analyse(counts.layers).map(\.zScores.values)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if repetition > 0 { seconds.append(elapsed) }
    }
    return (seconds, z)
}

extension PreventKitBench {
    struct Hotspots: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hotspots",
            abstract: "Counts, quartic density, Gi* and FDR for every crime type on a square grid.")

        @Option(help: "CSV of crimes from peers/hotspots_make_data.py.") var path: String
        @Option(help: "Cells along each side of the grid.") var cells = 1000
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            let crimes = try BenchmarkCrimes(path: path)
            let (seconds, layers) = try runHotspotsBenchmark(crimes: crimes, cells: cells, repetitions: repetitions)
            for s in seconds { print("preventkit \(String(format: "%.6f", s))") }
            let hot = layers.map { $0.hot.filter { $0 }.count }
            FileHandle.standardError.write(Data("hot cells per type: \(hot)\n".utf8))
        }
    }

    struct HotspotsGiStar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hotspots-gi",
            abstract: "Gi* z-scores for every crime type on a square grid (the esda comparison).")

        @Option(help: "CSV of crimes from peers/hotspots_make_data.py.") var path: String
        @Option(help: "Cells along each side of the grid.") var cells = 200
        @Option(help: "The distance band in cell sizes (esda's comparison uses 1.5).") var band = 1.5
        @Option(help: "How neighbourhood sums are computed: automatic, direct or fft.") var method = "automatic"
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            let crimes = try BenchmarkCrimes(path: path)
            let (seconds, z) = try runGiStarBenchmark(crimes: crimes, cells: cells, bandInCells: band,
                                                      method: ConvolutionMethod(rawValue: method) ?? .automatic,
                                                      repetitions: repetitions)
            for s in seconds { print("preventkit \(String(format: "%.6f", s))") }
            let total = z.reduce(0) { $0 + $1.filter { !$0.isNaN }.reduce(0, +) }
            let top = z.map { $0.filter { !$0.isNaN }.max() ?? -.infinity }.max() ?? -.infinity
            FileHandle.standardError.write(Data("checksum \(String(format: "%.6f", total)) \(String(format: "%.9f", top))\n".utf8))
        }
    }
}
