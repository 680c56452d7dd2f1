/// One step of the report: its heading, the `prevent` commands that reproduce it, and its text,
/// tables and figures in reading order.
public struct ReportSection: Sendable, Hashable {
    /// One piece of a section's content.
    public enum Block: Sendable, Hashable {
        /// A paragraph of plain text.
        case paragraph(String)
        /// A table.
        case table(ReportTable)
        /// A figure.
        case figure(ReportFigure)
    }

    /// A short identifier, used for anchors and notebook cell ids (`hotspots`).
    public var id: String
    /// The heading.
    public var title: String
    /// The shell commands that reproduce the step on the study folder, one per line (a notebook
    /// runs them in a bash cell).
    public var commands: [String]
    /// Python code a notebook runs before the commands (such as joining files for `analyse`),
    /// or `nil`.
    public var pythonSetup: String?
    /// The content, in reading order.
    public var blocks: [Block]

    /// Creates a section.
    public init(id: String, title: String, commands: [String] = [], pythonSetup: String? = nil, blocks: [Block] = []) {
        self.id = id
        self.title = title
        self.commands = commands
        self.pythonSetup = pythonSetup
        self.blocks = blocks
    }

    /// The figures among the blocks.
    public var figures: [ReportFigure] {
        blocks.compactMap { if case let .figure(figure) = $0 { figure } else { nil } }
    }

    /// The tables among the blocks.
    public var tables: [ReportTable] {
        blocks.compactMap { if case let .table(table) = $0 { table } else { nil } }
    }
}
