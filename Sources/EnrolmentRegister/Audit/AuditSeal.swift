/// The audit seal as stored: the last entry's sequence number and hash, and an HMAC over them
/// keyed by the study secret.
package struct AuditSeal: Sendable, Equatable {
    package var sequence: Int64
    package var hash: String
    package var mac: String

    package init(sequence: Int64, hash: String, mac: String) {
        self.sequence = sequence
        self.hash = hash
        self.mac = mac
    }
}

/// An audit row as stored, its event not yet checked to be a known kind.
package struct StoredAuditRow: Sendable {
    package var sequence: Int64
    package var event: String
    package var time: String
    package var content: String
    package var previousHash: String
    package var hash: String

    package init(sequence: Int64, event: String, time: String, content: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.event = event
        self.time = time
        self.content = content
        self.previousHash = previousHash
        self.hash = hash
    }
}
