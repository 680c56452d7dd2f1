import Foundation
import Testing

@Suite struct ReportCommandTests {
    /// The small study of the report's own tests.
    private var smallTrial: URL {
        repositoryRoot.appendingPathComponent("Tests/StudyReportTests/Fixtures/small-trial")
    }

    /// A copy of the small study in a fresh folder, with `edit` applied.
    private func studyCopy(_ edit: (URL) throws -> Void = { _ in }) throws -> URL {
        let copy = try scratchFolder().appendingPathComponent("small-trial")
        try FileManager.default.copyItem(at: smallTrial, to: copy)
        try edit(copy)
        return copy
    }

    @Test func writesTheReportAndTheNotebook() throws {
        let out = try scratchFolder().appendingPathComponent("export")
        let result = try runPrevent(["report", "--study", smallTrial.path, "--out", out.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Open \(out.path)/report.html"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.contains("report.html") && files.contains("report.ipynb") && files.contains("consort.svg"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Study report: small-trial"))
        let notebook = try String(contentsOf: out.appendingPathComponent("report.ipynb"), encoding: .utf8)
        #expect(notebook.contains("%env STUDY="))
    }

    @Test func verboseTimesEachStep() throws {
        let out = try scratchFolder().appendingPathComponent("export")
        let result = try runPrevent(["report", "--study", smallTrial.path, "--out", out.path, "--verbose"])
        #expect(result.status == 0, "\(result.standardError)")
        for step in ["Map hotspots", "Score risk", "Allocate", "Analyse outcomes", "Write "] {
            #expect(result.standardError.contains(step), "\(step) in \(result.standardError)")
        }
    }

    @Test func aMissingStudyFolderIsNamed() throws {
        let out = try scratchFolder().appendingPathComponent("export")
        let result = try runPrevent(["report", "--study", "Studies/no-such-study", "--out", out.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("Studies/no-such-study: there is no such study folder"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aMalformedOutcomesSectionNamesTheKey() throws {
        let study = try studyCopy { folder in
            let file = folder.appendingPathComponent("study.yaml")
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "follow_up_days: 365", with: "follow_up_days: a year")
            try Data(text.utf8).write(to: file)
        }
        let out = try scratchFolder().appendingPathComponent("export")
        let result = try runPrevent(["report", "--study", study.path, "--out", out.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("study.yaml: outcomes.follow_up_days: 'a year' is not a whole number of days"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func anExistingExportIsKeptWithoutForce() throws {
        let out = try scratchFolder().appendingPathComponent("export")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: out.appendingPathComponent("report.html"))
        let refused = try runPrevent(["report", "--study", smallTrial.path, "--out", out.path])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("the export folder exists; give --force to replace it"))
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8) == "earlier")
        let forced = try runPrevent(["report", "--study", smallTrial.path, "--out", out.path, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aFailureLeavesNothingBehind() throws {
        // A bad offence date fails the outcomes step, after hotspots, scores and allocation ran.
        let study = try studyCopy { folder in
            let file = folder.appendingPathComponent("offences.csv")
            var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            lines[3] = lines[3].replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}"#, with: "someday", options: .regularExpression)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        }
        let parent = try scratchFolder()
        let out = parent.appendingPathComponent("export")
        let result = try runPrevent(["report", "--study", study.path, "--out", out.path, "--force"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("offences.csv:4"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty, "no export and no staging folder")
    }

    @Test func aFailureKeepsAnEarlierExport() throws {
        let out = try scratchFolder().appendingPathComponent("export")
        #expect(try runPrevent(["report", "--study", smallTrial.path, "--out", out.path]).status == 0)
        let before = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let study = try studyCopy { try FileManager.default.removeItem(at: $0.appendingPathComponent("harm-weights.csv")) }
        let result = try runPrevent(["report", "--study", study.path, "--out", out.path, "--force"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("outcomes.harm_weights"), "\(result.standardError)")
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8) == before)
    }
}
