import Foundation
import StudyReport
import Testing

/// The committed export of the bundled study is what the pipeline makes of the study now.
@Suite struct BundledExportTests {
    static let study = StudyFixtures.repositoryRoot.appendingPathComponent("Studies/jigsaw-trial")
    static let export = StudyFixtures.repositoryRoot.appendingPathComponent("Notebooks-export/jigsaw-trial")
    static var exists: Bool {
        FileManager.default.fileExists(atPath: study.appendingPathComponent("study.yaml").path)
            && FileManager.default.fileExists(atPath: export.appendingPathComponent("report.html").path)
    }

    /// The version the committed export was made with, as its first paragraph says.
    private func committedVersion(_ html: String) throws -> String {
        let marker = "<p>Made by PreventKit "
        let start = try #require(html.range(of: marker))
        let end = try #require(html[start.upperBound...].range(of: " from the study folder"))
        return String(html[start.upperBound ..< end.lowerBound])
    }

    @Test(.enabled(if: exists, "Studies/jigsaw-trial and its export are not in this tree"))
    func committedExportIsCurrent() throws {
        let html = try String(contentsOf: Self.export.appendingPathComponent("report.html"), encoding: .utf8)
        let options = StudyReportOptions(commandStudyPath: "../../Studies/jigsaw-trial", version: try committedVersion(html))
        let fresh = ReportExport(model: try StudyPipeline(folder: Self.study.path, options: options).run())
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.export.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(committed == fresh.files.map(\.name).sorted(),
                "regenerate with: prevent report --study Studies/jigsaw-trial --force")
        for file in fresh.files {
            let old = try? String(contentsOf: Self.export.appendingPathComponent(file.name), encoding: .utf8)
            #expect(old == file.contents, "Notebooks-export/jigsaw-trial/\(file.name) is out of date: prevent report --study Studies/jigsaw-trial --force")
        }
    }
}
