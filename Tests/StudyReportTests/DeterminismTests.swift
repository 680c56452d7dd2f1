import Foundation
import StudyReport
import Testing

@Suite struct DeterminismTests {
    @Test func twoRunsGiveIdenticalBytes() throws {
        let options = StudyReportOptions(commandStudyPath: "../small-trial", version: "test")
        let first = ReportExport(model: try StudyPipeline(folder: StudyFixtures.smallTrial, options: options).run())
        let second = ReportExport(model: try StudyPipeline(folder: StudyFixtures.smallTrial, options: options).run())
        #expect(first.files.map(\.name) == second.files.map(\.name))
        for (a, b) in zip(first.files, second.files) {
            #expect(a.contents == b.contents, "\(a.name) differs between runs")
        }
    }

    @Test func exportWritesEveryFileAndReplacesOnlyWhenAsked() throws {
        let model = try StudyFixtures.smallTrialModel.get()
        let export = ReportExport(model: model)
        let folder = try StudyFixtures.scratchFolder().appendingPathComponent("exports/small-trial")
        try export.write(to: folder.path, replacing: false)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written == export.files.map(\.name).sorted())
        #expect(written.contains("report.html") && written.contains("report.ipynb"))
        #expect(throws: StudyReportError.self) { try export.write(to: folder.path, replacing: false) }
        try Data("old".utf8).write(to: folder.appendingPathComponent("stale.txt"))
        try export.write(to: folder.path, replacing: true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("stale.txt").path), "a replaced export holds only the new files")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        #expect(siblings == ["small-trial"], "no staging folder is left behind")
    }

    @Test func relativePathsBetweenFolders() {
        #expect(RelativePath.of("Studies/jigsaw-trial", from: "Notebooks-export/jigsaw-trial") == "../../Studies/jigsaw-trial")
        #expect(RelativePath.of("/a/b", from: "/a/b") == ".")
        #expect(RelativePath.of("/a/b/c", from: "/a") == "b/c")
    }
}
