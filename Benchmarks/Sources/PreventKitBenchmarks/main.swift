import ArgumentParser
import Foundation
import LinearAlgebra

/// Release-mode benchmarks. Each prints one `preventkit SECONDS` line per repetition, the shape
/// `run-peers.sh` reads for PreventKit and for its peers alike.
struct PreventKitBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preventkit-bench",
        abstract: "Time PreventKit kernels; run-peers.sh times the peers on the same input.",
        subcommands: [Gemm.self, CSVRead.self, Overlay.self, Enrol.self, Hotspots.self, HotspotsGiStar.self, Allocate.self, Replay.self, AnalysisFit.self, Score.self, Lasso.self, Cox.self, RandomisationInferenceRun.self, PowerSimulationRun.self, Logistic.self, RegisterBackend.self, Simulate.self, Report.self]
    )
}

extension PreventKitBench {
    struct Gemm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gemm", abstract: "Square dgemm through LinearAlgebra's Matrix product.")

        @Option(help: "Order of the square matrices.") var size = 2000
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5
        @Option(help: "OpenBLAS threads.") var threads = 2

        func run() throws {
            BLASThreads.count = threads
            for seconds in runGemmBenchmark(size: size, repetitions: repetitions) {
                print("preventkit \(String(format: "%.6f", seconds))")
            }
        }
    }

    struct CSVRead: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv", abstract: "Read a CSV file into a DataTable.")

        @Option(help: "The CSV file to read.") var path: String
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            for seconds in try runCSVReadBenchmark(path: path, repetitions: repetitions) {
                print("preventkit \(String(format: "%.6f", seconds))")
            }
        }
    }
}

extension PreventKitBench {
    struct Overlay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overlay",
            abstract: "Find the polygons containing each point (STR-tree + exact point-in-polygon).")

        @Option(help: "Folder with overlay-polygons.wkt and overlay-points.csv (peers/overlay_make_data.py).")
        var directory: String
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5
        @Option(help: "Worker threads.") var threads = 2
        @Option(help: "R-tree children per node.") var nodeCapacity = 10

        func run() throws {
            for seconds in try runOverlayBenchmark(
                directory: directory, repetitions: repetitions, threads: threads, nodeCapacity: nodeCapacity) {
                print("preventkit \(String(format: "%.6f", seconds))")
            }
        }
    }
}

PreventKitBench.main()
