import Crypto
import Foundation

/// The keys the register derives from the study secret, one HMAC-SHA256 of a fixed label each.
///
/// Separate keys per purpose mean that the key check value stored in the register, the
/// pseudonyms and the audit seal reveal nothing about the allocation seed or about each other.
package struct DerivedKeys: Sendable {
    /// Keys the pseudonyms: HMAC-SHA256(secret, "PreventKit pseudonym v1").
    let pseudonym: SymmetricKey
    /// Keys the audit seal over the chain head: HMAC-SHA256(secret, "PreventKit audit seal v1").
    let seal: SymmetricKey
    /// The allocation seed passed to the design: the first 8 bytes, big-endian, of
    /// HMAC-SHA256(secret, "PreventKit allocation seed v1").
    package let allocationSeed: UInt64
    /// Stored in the register to recognise the right secret:
    /// hex(HMAC-SHA256(secret, "PreventKit key check v1")).
    package let keyCheck: String

    package init(secret: StudySecret) {
        func derive(_ label: String) -> [UInt8] {
            Array(HMAC<SHA256>.authenticationCode(for: Array(label.utf8), using: secret.key))
        }
        pseudonym = SymmetricKey(data: derive("PreventKit pseudonym v1"))
        seal = SymmetricKey(data: derive("PreventKit audit seal v1"))
        allocationSeed = derive("PreventKit allocation seed v1").prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
        keyCheck = Hex.string(derive("PreventKit key check v1"))
    }

    /// The pseudonym of an identifier: hex(HMAC-SHA256(pseudonym key, identifier as UTF-8)).
    package func pseudonym(of identifier: String) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Array(identifier.utf8), using: pseudonym))
    }

    /// The seal over the chain head: hex(HMAC-SHA256(seal key, "SEQUENCE\nHASH")).
    package func seal(sequence: Int64, hash: String) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Array("\(sequence)\n\(hash)".utf8), using: seal))
    }
}
