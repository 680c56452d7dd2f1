/// Where an event sits in the audit trail: its sequence number and the start of its hash, e.g.
/// `17-3f2a9c1b0d4e5f60`. Quoting it in case notes ties them to one entry of the trail.
public struct AuditReference: Sendable, Hashable, CustomStringConvertible {
    /// The entry's sequence number, from 1 (the `init` entry).
    public var sequence: Int64
    /// The entry's SHA-256 hash, 64 hexadecimal digits.
    public var hash: String

    /// Creates a reference.
    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// `SEQUENCE-` and the first 16 digits of the hash.
    public var description: String { "\(sequence)-\(hash.prefix(16))" }
}
