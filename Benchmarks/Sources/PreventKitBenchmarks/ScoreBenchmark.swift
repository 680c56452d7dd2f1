import ArgumentParser
import DataTables
import Foundation
import RiskScoring
import Spatial

extension PreventKitBench {
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score",
            abstract: "Score a cohort on 20 risk factors with hotspot context (data in memory).")

        @Option(help: "Folder from peers/score_make_data.py (study.yaml, cohort.csv, crimes.csv).") var directory: String
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            let folder = URL(fileURLWithPath: directory)
            let inputs = try StudyRiskInputs(studyFile: folder.appendingPathComponent("study.yaml").path)
            let cohortFile = folder.appendingPathComponent("cohort.csv").path
            let cohort = try inputs.readCohort(cohortFile)
            try writeLayers(inputs.hotspots!, to: folder.appendingPathComponent("layers.json"))
            let scorer = inputs.scorer
            var last: RiskScores?
            for repetition in 0 ... repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                last = try scorer.score(cohort, file: cohortFile)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if repetition > 0 { print("preventkit \(String(format: "%.6f", elapsed))") }
            }
            FileHandle.standardError.write(Data((scoreChecksum(last!) + "\n").utf8))
        }
    }
}

/// `preventkit checksum ...`: the sum of the scores and the number of people each factor fires
/// for and is not assessed for, which `peers/score_numpy.py` prints the same way.
func scoreChecksum(_ scores: RiskScores) -> String {
    let present = scores.readings.map { $0.filter { $0 == .present }.count }
    let missing = scores.readings.map { $0.filter { $0 == .notAssessed }.count }
    let bands = (0 ..< scores.catalogue.bands.bands.count).map { b in scores.bandIndices.filter { $0 == b }.count }
    return "preventkit checksum \(String(format: "%.1f", scores.scores.reduce(0, +))) present \(present) "
        + "not-assessed \(missing) bands \(bands)"
}

/// The hotspot layers as the peer needs them: the grid, the hotspot polygons and their
/// intersections as WKT, and the Gi* z-scores and density percentiles of every type's cells.
private func writeLayers(_ map: HotspotMap, to url: URL) throws {
    func wkt(_ shape: MultiPolygon) -> String {
        let parts = shape.polygons.map { polygon in
            "(" + polygon.rings.map { ring in
                "(" + ring.closedVertices.map { "\($0.x) \($0.y)" }.joined(separator: ", ") + ")"
            }.joined(separator: ", ") + ")"
        }
        return "MULTIPOLYGON (" + parts.joined(separator: ", ") + ")"
    }
    let layers: [String: Any] = [
        "grid": ["x0": map.grid.origin.x, "y0": map.grid.origin.y, "cell": map.grid.cellSize,
                 "columns": map.grid.columns, "rows": map.grid.rows],
        "hotspots": map.hotspots.map { ["type": $0.crimeType, "wkt": wkt($0.outline)] },
        "intersections": map.intersections.map { ["types": $0.crimeTypes, "wkt": wkt($0.region)] },
        "gi_z": Dictionary(uniqueKeysWithValues: map.layers.map { ($0.crimeType, $0.giStar.zScores.values.map { $0.isNaN ? -1e300 : $0 }) }),
        "percentile": Dictionary(uniqueKeysWithValues: map.layers.map { ($0.crimeType, $0.density.percentileRanks().values) }),
    ]
    try JSONSerialization.data(withJSONObject: layers).write(to: url)
}
