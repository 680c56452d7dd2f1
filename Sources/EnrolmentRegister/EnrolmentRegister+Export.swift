import Crypto
import DataTables
import Foundation
import GRDB

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
    /// The CSV file written.
    public var path: String
    /// Data rows: one per person allocated.
    public var rows: Int
    /// SHA-256 of the file's bytes, also recorded in the audit trail.
    public var sha256: String
    /// The `export` audit entry.
    public var audit: AuditReference

    /// Creates a summary; registers make these.
    package init(path: String, rows: Int, sha256: String, audit: AuditReference) {
        self.path = path
        self.rows = rows
        self.sha256 = sha256
        self.audit = audit
    }
}

extension EnrolmentRegister {
    /// Writes every allocation to a CSV file and records the export in the audit trail.
    ///
    /// Columns: `id` (the pseudonym), `arm`, `stratum`, `block`, one `p_<arm>` per arm in the
    /// study's order, and `enrolled_at` (ISO 8601 UTC); one row per person in enrolment order;
    /// `NA` where a scheme has no stratum or block. The file is written completely under a
    /// temporary name and renamed into place only after the audit entry is committed, so a
    /// failure leaves neither a new file nor an entry.
    ///
    /// - Parameters:
    ///   - outputPath: the CSV file; replaced if it exists; its folder must exist.
    ///   - actor: the account exporting, recorded in the entry; `nil` from the command line.
    ///   - date: the time recorded for the export.
    /// - Returns: the rows written and the file's SHA-256.
    /// - Throws: ``RegisterError`` (``RegisterError/wouldOverwriteRegister(_:)`` for the
    ///   register's own files or key file), or `CSVError` if the file cannot be written.
    /// - Complexity: O(people).
    @discardableResult
    public func export(to outputPath: String, actor: String? = nil, date: Date = Date()) throws -> ExportSummary {
        var protected = ["", "-wal", "-shm"].map { path + $0 }
        if case .keyFile(let keyPath) = secretSource { protected.append(keyPath) }
        try ExportFile.refuseToOverwrite(protected, with: outputPath)
        let temporary = ExportFile.temporaryPath(for: outputPath)
        defer { unlink(temporary) }
        let time = Timestamp.string(from: date)
        let arms = metadata.arms
        let summary: ExportSummary = try change { db in
            let records = try Self.records(db, after: 0, path: path)
            do {
                try Self.exportTable(records, arms: arms).writeCSV(toFile: temporary)
            } catch var error as CSVError {
                error.file = outputPath
                throw error
            }
            guard let bytes = FileManager.default.contents(atPath: temporary) else {
                throw CSVError(file: outputPath, reason: .cannotWrite(StudySecret.errnoText()))
            }
            let sha256 = Hex.string(SHA256.hash(data: bytes))
            let reference = try AuditChain.append(
                .export, time: time,
                content: Self.exportContent(rows: records.count, sha256: sha256, arms: arms, actor: actor),
                keys: keys, db: db, path: path)
            return ExportSummary(path: outputPath, rows: records.count, sha256: sha256, audit: reference)
        }
        try ExportFile.moveIntoPlace(temporary, outputPath)
        return summary
    }

    /// Makes the CSV text of every allocation and records the export, with the account, in the
    /// audit trail, in one transaction.
    ///
    /// - Parameters:
    ///   - actor: the account exporting; `nil` from the command line.
    ///   - date: the time recorded.
    /// - Returns: the CSV text, its row count and SHA-256, and the `export` entry.
    /// - Throws: ``RegisterError``; nothing is recorded then.
    /// - Complexity: O(people).
    public func exportCSV(actor: String? = nil, date: Date = Date()) throws -> AllocationExport {
        let time = Timestamp.string(from: date)
        let arms = metadata.arms, keys = self.keys, path = self.path
        return try change { db in
            let records = try Self.records(db, after: 0, path: path)
            var export = AllocationExport(records: records, arms: arms, audit: AuditReference(sequence: 0, hash: ""))
            export.audit = try AuditChain.append(
                .export, time: time, content: Self.exportContent(rows: export.rows, sha256: export.sha256, arms: arms, actor: actor),
                keys: keys, db: db, path: path)
            return export
        }
    }

    /// The content of an `export` entry.
    package static func exportContent(rows: Int, sha256: String, arms: [String], actor: String?) -> CanonicalJSON {
        AuditActor.adding(
            actor, to: .object(["rows": .integer(Int64(rows)), "sha256": .string(sha256),
                                "columns": .array(exportColumns(arms: arms).map(CanonicalJSON.string))]))
    }

    /// Whether two paths name the same existing file.
    package static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// The export's column names.
    package static func exportColumns(arms: [String]) -> [String] {
        ["id", "arm", "stratum", "block"] + arms.map { "p_\($0)" } + ["enrolled_at"]
    }

    /// The export as a table.
    package static func exportTable(_ records: [EnrolmentRecord], arms: [String]) -> DataTable {
        var columns: [(name: String, column: DataTables.Column)] = [
            ("id", .categorical(CategoricalColumn(records.map { Optional($0.pseudonym) }))),
            ("arm", .categorical(CategoricalColumn(records.map { Optional($0.arm) }))),
            ("stratum", .categorical(CategoricalColumn(records.map(\.stratum)))),
            ("block", .numeric(NumericColumn(records.map { $0.block.map(Double.init) ?? .nan }))),
        ]
        for arm in arms {
            columns.append(("p_\(arm)", .numeric(NumericColumn(records.map { $0.probabilities[arm] ?? .nan }))))
        }
        columns.append(("enrolled_at", .categorical(CategoricalColumn(records.map { Optional($0.enrolledAt) }))))
        return DataTable(columns)
    }
}
