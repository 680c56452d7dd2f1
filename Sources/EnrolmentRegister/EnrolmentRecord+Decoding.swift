import Foundation

extension EnrolmentRecord {
    /// Rebuilds a record from an enrolment row as stored (``RegisterTables/recordColumns``), the
    /// probabilities and fields as canonical JSON text.
    ///
    /// - Parameter location: the register, for the error message.
    /// - Throws: ``RegisterError/inconsistent(_:detail:)`` if either JSON column cannot be read.
    package init(
        sequence: Int64, pseudonym: String, arm: String, armIndex: Int, stratum: String?, block: Int?, slot: Int?,
        cluster: String?, probabilitiesText: String, fieldsText: String, enrolledAt: String,
        auditSequence: Int64, auditHash: String?, location: String
    ) throws {
        let decoder = JSONDecoder()
        guard let probabilities = try? decoder.decode([String: Double].self, from: Data(probabilitiesText.utf8)),
              let fields = try? decoder.decode([String: String].self, from: Data(fieldsText.utf8))
        else {
            throw RegisterError.inconsistent(
                location, detail: "enrolment \(sequence) has probabilities or fields that are not JSON objects")
        }
        self.init(
            sequence: sequence, pseudonym: pseudonym, arm: arm, armIndex: armIndex, stratum: stratum, block: block,
            slot: slot, cluster: cluster, probabilities: probabilities, fields: fields, enrolledAt: enrolledAt,
            audit: AuditReference(sequence: auditSequence, hash: auditHash ?? ""))
    }

    /// The `probabilities` column's text: canonical JSON.
    package var probabilitiesText: String { CanonicalJSON.numbers(probabilities).text }

    /// The `fields` column's text: canonical JSON.
    package var fieldsText: String { CanonicalJSON.strings(fields).text }
}
