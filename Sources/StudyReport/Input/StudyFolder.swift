import Foundation
import StudyProtocol

/// A study folder in the shape of the bundled studies: `study.yaml` with an `outcomes:` section,
/// `cohort.csv`, and the optional `population.csv`, `crimes.csv` (named by
/// `risk_factors.hotspots`), `areas.geojson` and `truth.json`.
public struct StudyFolder: Sendable {
    /// The folder, as named.
    public let path: String
    /// The study's name: the folder's last component.
    public let name: String
    /// The study file, `study.yaml` inside the folder.
    public let studyFile: String
    /// The study's protocol.
    public let studyProtocol: StudyProtocol
    /// The `outcomes:` section.
    public let outcomes: OutcomeSettings
    /// The identified cohort, in enrolment order.
    public let cohortFile: String
    /// Every nominal assessed, when the study has the file; risk scores are computed on it.
    public let populationFile: String?
    /// Town or area outlines for the hotspot map, when the study has the file.
    public let areasFile: String?
    /// The simulation's true effects, when the study was simulated.
    public let truthFile: String?

    /// The study file's name inside a study folder.
    public static let studyFileName = "study.yaml"

    /// Opens a study folder and reads its protocol and `outcomes:` section.
    ///
    /// - Parameter path: the folder.
    /// - Throws: ``StudyReportError`` for a missing folder, study file or cohort;
    ///   `StudyProtocolError` for problems in the study file, each with its key path.
    public init(path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StudyReportError(file: path, message: "there is no such study folder")
        }
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        func file(_ name: String) -> String { (trimmed as NSString).appendingPathComponent(name) }
        func optional(_ name: String) -> String? {
            FileManager.default.fileExists(atPath: file(name)) ? file(name) : nil
        }
        let studyFile = file(Self.studyFileName)
        guard FileManager.default.fileExists(atPath: studyFile) else {
            throw StudyReportError(file: path, message: "the folder has no \(Self.studyFileName)")
        }
        let cohortFile = file("cohort.csv")
        guard FileManager.default.fileExists(atPath: cohortFile) else {
            throw StudyReportError(file: path, message: "the folder has no cohort.csv (the identified people, in enrolment order)")
        }
        let studyProtocol = try StudyProtocol(contentsOfFile: studyFile)
        self.path = trimmed
        self.name = URL(fileURLWithPath: trimmed).standardizedFileURL.lastPathComponent
        self.studyFile = studyFile
        self.studyProtocol = studyProtocol
        self.outcomes = try OutcomeSettings(section: studyProtocol.laterSections["outcomes"], studyFile: studyFile)
        self.cohortFile = cohortFile
        self.populationFile = optional("population.csv")
        self.areasFile = optional("areas.geojson")
        self.truthFile = optional("truth.json")
        for (key, needed) in [("outcomes.offences", outcomes.offencesFile), ("outcomes.harm_weights", outcomes.harmWeightsFile)]
        where !FileManager.default.fileExists(atPath: needed) {
            throw StudyReportError(file: studyFile, message: "\(key): there is no file \(needed)")
        }
    }
}
