/// The study report as a Jupyter notebook (nbformat 4.5): for each step a markdown heading, a
/// bash cell with the `prevent` commands that reproduce it on the study folder, and markdown
/// cells with the same tables as the HTML report; each figure is the saved output
/// (`image/svg+xml`) of a cell that displays the figure's file beside the notebook. The same
/// model gives the same bytes.
public struct NotebookReport: Sendable {
    /// The model rendered.
    public let model: StudyReportModel

    /// Creates a renderer.
    public init(model: StudyReportModel) {
        self.model = model
    }

    /// The notebook's JSON text.
    public func render() -> String {
        var cells: [NotebookJSON] = []
        var counter = 0
        func id(_ stem: String) -> String {
            counter += 1
            return "\(stem)-\(counter)"
        }
        cells.append(markdown(id("title"), "# Study report: \(MarkdownText.escape(model.study))\n\n"
            + "Made by PreventKit \(MarkdownText.escape(model.version)). Each step below starts with the `prevent` commands that reproduce it "
            + "on the study folder; their files go to `work/` beside this notebook. Counts are under disclosure control as stated under each table, "
            + "and no identifier of any person appears here."))
        cells.append(code(id("setup"), "%env STUDY=\(model.commandStudyPath)\n!mkdir -p work", outputs: []))
        for section in model.sections {
            cells.append(markdown(id(section.id), "## \(MarkdownText.escape(section.title))"))
            if let setup = section.pythonSetup {
                cells.append(code(id(section.id), setup, outputs: []))
            }
            if !section.commands.isEmpty {
                cells.append(code(id(section.id), "%%bash\nset -e\n" + section.commands.joined(separator: "\n"), outputs: []))
            }
            var text: [String] = []
            func flush() {
                if !text.isEmpty { cells.append(markdown(id(section.id), text.joined(separator: "\n\n"))) }
                text = []
            }
            for block in section.blocks {
                switch block {
                case let .paragraph(paragraph): text.append(MarkdownText.escape(paragraph))
                case let .table(table): text.append(MarkdownText.table(table))
                case let .figure(figure):
                    flush()
                    cells.append(code(id(section.id), "from IPython.display import SVG\nSVG(filename=\"\(figure.fileName)\")",
                                      outputs: [display(figure)]))
                    cells.append(markdown(id(section.id), "*\(MarkdownText.escape(figure.caption))*"))
                }
            }
            flush()
        }
        let notebook = NotebookJSON.object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("kernelspec", .object([("display_name", .string("Python 3")), ("language", .string("python")), ("name", .string("python3"))])),
                ("language_info", .object([("name", .string("python"))])),
            ])),
            ("nbformat", .number(4)),
            ("nbformat_minor", .number(5)),
        ])
        return notebook.render() + "\n"
    }

    private func markdown(_ id: String, _ text: String) -> NotebookJSON {
        .object([("cell_type", .string("markdown")), ("id", .string(id)), ("metadata", .object([])), ("source", NotebookJSON.lines(text))])
    }

    private func code(_ id: String, _ source: String, outputs: [NotebookJSON]) -> NotebookJSON {
        .object([("cell_type", .string("code")), ("execution_count", .null), ("id", .string(id)), ("metadata", .object([])),
                 ("outputs", .array(outputs)), ("source", NotebookJSON.lines(source))])
    }

    private func display(_ figure: ReportFigure) -> NotebookJSON {
        .object([
            ("data", .object([("image/svg+xml", NotebookJSON.lines(figure.svg)), ("text/plain", .array([.string("<IPython.core.display.SVG object>")]))])),
            ("metadata", .object([])),
            ("output_type", .string("display_data")),
        ])
    }
}
