import Crypto
import DataTables

extension AllocationExport {
    /// The export of these allocations with their `export` entry: the CSV text of
    /// ``EnrolmentRegister/export(to:date:)`` and its SHA-256.
    package init(records: [EnrolmentRecord], arms: [String], audit: AuditReference) {
        let csv = EnrolmentRegister.exportTable(records, arms: arms).csvText()
        self.init(csv: csv, rows: records.count, sha256: Self.sha256(of: csv), audit: audit)
    }

    /// SHA-256 of text's UTF-8 bytes, as 64 hexadecimal digits.
    package static func sha256(of text: String) -> String {
        Hex.string(SHA256.hash(data: Array(text.utf8)))
    }
}
