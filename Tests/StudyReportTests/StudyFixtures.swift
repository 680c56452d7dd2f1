import Foundation
import StudyReport

/// The test target's fixtures and the repository's bundled studies.
enum StudyFixtures {
    /// The fixtures folder in the test bundle.
    static var folder: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    /// The small synthetic study folder.
    static var smallTrial: String { folder.appendingPathComponent("small-trial").path }

    /// The repository's root folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The small study's report model, made once for the tests that only read it.
    static let smallTrialModel: Result<StudyReportModel, any Error> = Result {
        try StudyPipeline(folder: smallTrial, options: StudyReportOptions(commandStudyPath: "../small-trial", version: "test")).run()
    }

    /// A fresh temporary folder.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("study-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A copy of the small study in a temporary folder, with `edit` applied to its files.
    static func editedCopy(_ edit: (URL) throws -> Void) throws -> URL {
        let copy = try scratchFolder().appendingPathComponent("small-trial")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: smallTrial), to: copy)
        try edit(copy)
        return copy
    }

    /// The identifiers of a cohort file (the first column).
    static func cohortIDs(_ folder: String) throws -> [String] {
        let text = try String(contentsOfFile: folder + "/cohort.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    }
}
