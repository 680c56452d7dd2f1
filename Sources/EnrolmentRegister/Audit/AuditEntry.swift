import Crypto

/// One entry of the audit trail, chained to the one before it.
///
/// An entry's hash is SHA-256 over the UTF-8 text
/// `SEQUENCE \n EVENT \n TIME \n CONTENT \n PREVIOUS_HASH` (no spaces), where CONTENT is the
/// event's details as canonical JSON (sorted keys, no white space) and PREVIOUS_HASH is the hash
/// of the entry before (64 zeros for the first). Changing, removing, adding or moving an entry
/// therefore changes every hash after it.
public struct AuditEntry: Sendable, Hashable {
    /// The entry's place in the trail, from 1.
    public var sequence: Int64
    /// What happened.
    public var event: AuditEvent
    /// When, as ISO 8601 UTC to the millisecond.
    public var time: String
    /// The event's details as canonical JSON. Identifiers appear only as pseudonyms.
    public var content: String
    /// The hash of the entry before, or 64 zeros for the first.
    public var previousHash: String
    /// This entry's hash.
    public var hash: String

    /// The previous hash of the first entry: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The hash an entry with these parts must have.
    public static func hash(
        sequence: Int64, event: String, time: String, content: String, previousHash: String
    ) -> String {
        let text = "\(sequence)\n\(event)\n\(time)\n\(content)\n\(previousHash)"
        return Hex.string(SHA256.hash(data: Array(text.utf8)))
    }

    /// This entry's reference.
    public var reference: AuditReference { AuditReference(sequence: sequence, hash: hash) }
}
