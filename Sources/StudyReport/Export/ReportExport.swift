import Foundation

/// Writes a report's files into an export folder all at once: `report.html`, `report.ipynb` and
/// each figure as its own SVG file. The files are written to a temporary folder beside the
/// destination first and moved into place only when all of them are written, so a failure leaves
/// any earlier export as it was.
public struct ReportExport: Sendable {
    /// The file names the export holds, with their contents.
    public let files: [(name: String, contents: String)]

    /// The export of a model.
    public init(model: StudyReportModel) {
        var files = [("report.html", HTMLReport(model: model).render()), ("report.ipynb", NotebookReport(model: model).render())]
        for figure in model.figures {
            files.append((figure.fileName, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + figure.svg))
        }
        self.files = files
    }

    /// Writes the files into `folder`.
    ///
    /// - Parameters:
    ///   - folder: the export folder; its parent folders are created when missing.
    ///   - replacing: whether an existing folder may be replaced.
    /// - Throws: ``StudyReportError`` when the folder exists and `replacing` is false, or when
    ///   a file cannot be written; the destination is then unchanged.
    public func write(to folder: String, replacing: Bool) throws {
        let manager = FileManager.default
        let destination = URL(fileURLWithPath: folder)
        if manager.fileExists(atPath: destination.path) && !replacing {
            throw StudyReportError(file: folder, message: "the export folder exists; give --force to replace it")
        }
        let parent = destination.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw StudyReportError(file: parent.path, message: "cannot create the folder: \(error.localizedDescription)")
        }
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name))
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw StudyReportError(file: folder, message: "cannot write the export: \(error.localizedDescription)")
        }
        if manager.fileExists(atPath: destination.path) {
            let previous = parent.appendingPathComponent(".\(destination.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
            try? manager.removeItem(at: previous)
            do {
                try manager.moveItem(at: destination, to: previous)
            } catch {
                try? manager.removeItem(at: staging)
                throw StudyReportError(file: folder, message: "cannot replace the export: \(error.localizedDescription)")
            }
            do {
                try manager.moveItem(at: staging, to: destination)
            } catch {
                try? manager.moveItem(at: previous, to: destination)
                try? manager.removeItem(at: staging)
                throw StudyReportError(file: folder, message: "cannot replace the export: \(error.localizedDescription)")
            }
            try? manager.removeItem(at: previous)
        } else {
            do {
                try manager.moveItem(at: staging, to: destination)
            } catch {
                try? manager.removeItem(at: staging)
                throw StudyReportError(file: folder, message: "cannot write the export: \(error.localizedDescription)")
            }
        }
    }
}
