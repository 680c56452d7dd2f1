import DataTables
import Foundation
@testable import StudySimulation

/// Simulated study folders shared by the tests, each made once per test run.
enum SimulatedStudies {
    /// The repository's root folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary folder.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prevent-simulation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A study of the default sizes with the bundled seed, written once.
    static let bundled: Result<(folder: String, summary: SimulationSummary), any Error> = Result {
        let folder = try scratchFolder().appendingPathComponent("jigsaw-trial").path
        let summary = try StudySimulator(settings: SimulationSettings()).write(to: folder)
        return (folder, summary)
    }

    /// The bundled-seed study's folder and summary.
    static func bundledStudy() throws -> (folder: String, summary: SimulationSummary) {
        try bundled.get()
    }

    /// A file of a study folder as a table, every column inferred.
    static func table(_ folder: String, _ name: String, types: [String: ColumnKind] = [:]) throws -> DataTable {
        try DataTable(csvFile: folder + "/" + name, options: CSVReadOptions(columnTypes: types))
    }
}
