import DataTables
import Foundation

/// The steps of writing an export file that every backend shares: the file is written in full
/// under a temporary name beside its destination, and renamed into place only after the export's
/// audit entry is committed, so a failure leaves neither a new file nor an entry.
package enum ExportFile {
    /// A temporary name in the destination's folder (so the rename cannot cross file systems).
    package static func temporaryPath(for outputPath: String) -> String {
        let folder = (outputPath as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/")
            + ".\((outputPath as NSString).lastPathComponent).\(UUID().uuidString).exporting"
    }

    /// Refuses an output path that names one of the protected files (the register's own files,
    /// its key file).
    ///
    /// - Throws: ``RegisterError/wouldOverwriteRegister(_:)``.
    package static func refuseToOverwrite(_ protected: [String], with outputPath: String) throws {
        if protected.contains(where: { EnrolmentRegister.isSameFile($0, outputPath) }) {
            throw RegisterError.wouldOverwriteRegister(outputPath)
        }
    }

    /// Writes text to the temporary file and flushes it to disk.
    ///
    /// - Throws: `CSVError` naming `outputPath` if the file cannot be written.
    package static func write(_ text: String, to temporary: String, reportingAs outputPath: String) throws {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CSVError(file: outputPath, reason: .cannotWrite(StudySecret.errnoText())) }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress!, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CSVError(file: outputPath, reason: .cannotWrite(StudySecret.errnoText()))
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(descriptor) == 0 else { throw CSVError(file: outputPath, reason: .cannotWrite(StudySecret.errnoText())) }
    }

    /// Renames the finished temporary file onto the destination and flushes the folder.
    ///
    /// - Throws: `CSVError` naming `outputPath` if the rename fails.
    package static func moveIntoPlace(_ temporary: String, _ outputPath: String) throws {
        guard rename(temporary, outputPath) == 0 else {
            throw CSVError(file: outputPath, reason: .cannotWrite(StudySecret.errnoText()))
        }
        StudySecret.syncFolder(of: outputPath)
    }
}
