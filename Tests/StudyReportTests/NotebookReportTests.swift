import Foundation
import StudyReport
import Testing

@Suite struct NotebookReportTests {
    let text: String
    let notebook: [String: Any]

    init() throws {
        text = NotebookReport(model: try StudyFixtures.smallTrialModel.get()).render()
        notebook = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private var cells: [[String: Any]] { notebook["cells"] as? [[String: Any]] ?? [] }

    @Test func hasTheNBFormatFields() {
        #expect(notebook["nbformat"] as? Int == 4)
        #expect(notebook["nbformat_minor"] as? Int == 5)
        let metadata = notebook["metadata"] as? [String: Any]
        #expect((metadata?["kernelspec"] as? [String: Any])?["name"] as? String == "python3")
        #expect(!cells.isEmpty)
        var ids = Set<String>()
        for cell in cells {
            let id = cell["id"] as? String ?? ""
            #expect(!id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #expect(ids.insert(id).inserted, "cell id \(id) is unique")
            #expect(cell["metadata"] is [String: Any])
            #expect(cell["source"] is [String])
            switch cell["cell_type"] as? String {
            case "code":
                #expect(cell["outputs"] is [Any])
                #expect(cell["execution_count"] is NSNull)
            case "markdown":
                #expect(cell["outputs"] == nil)
            default:
                Issue.record("unknown cell type \(String(describing: cell["cell_type"]))")
            }
        }
    }

    @Test func figuresAreSVGDisplayData() {
        let outputs = cells.flatMap { $0["outputs"] as? [[String: Any]] ?? [] }
        let svgs = outputs.compactMap { ($0["data"] as? [String: Any])?["image/svg+xml"] as? [String] }
        #expect(svgs.count == (try? StudyFixtures.smallTrialModel.get().figures.count))
        #expect(outputs.allSatisfy { $0["output_type"] as? String == "display_data" })
        #expect(svgs.allSatisfy { $0.first?.hasPrefix("<svg") == true })
    }

    @Test func eachStepHasABashCellWithItsCommands() {
        let bash = cells.filter { ($0["source"] as? [String])?.first == "%%bash\n" }
        #expect(bash.count >= 9)
        let sources = bash.map { ($0["source"] as? [String] ?? []).joined() }
        #expect(sources.contains { $0.contains("prevent allocate --study \"$STUDY\"/study.yaml --cohort \"$STUDY\"/cohort.csv --exclude-ineligible") })
        #expect(sources.contains { $0.contains("prevent analyse --data work/trial.csv") && $0.contains("--family survival") })
        let setup = (cells.first { ($0["id"] as? String)?.hasPrefix("setup") == true }?["source"] as? [String] ?? []).joined()
        #expect(setup.contains("%env STUDY=../small-trial"))
    }

    @Test func tablesAreMarkdownTables() {
        let markdown = cells.filter { $0["cell_type"] as? String == "markdown" }.map { ($0["source"] as? [String] ?? []).joined() }
        #expect(markdown.contains { $0.contains("### People allocated to each arm") && $0.contains("| :--- |") })
        #expect(markdown.contains { $0.contains("Disclosure control:") })
    }

    @Test func pythonValidatorAcceptsIt() throws {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import nbformat"]
        python.standardError = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        guard python.terminationStatus == 0 else {
            // Recorded rather than failed: this machine has no nbformat to check against.
            print("Skipped: python3 cannot import nbformat (pip install nbformat); the JSON checks above still ran.")
            return
        }
        let file = try StudyFixtures.scratchFolder().appendingPathComponent("report.ipynb")
        try Data(text.utf8).write(to: file)
        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validator.arguments = ["python3", StudyFixtures.folder.appendingPathComponent("validate_notebook.py").path, file.path]
        let output = Pipe()
        validator.standardOutput = output
        validator.standardError = output
        try validator.run()
        let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validator.waitUntilExit()
        #expect(validator.terminationStatus == 0, "\(message)")
    }
}
