import Crypto
import Foundation

/// The study secret: 32 random bytes that conceal the allocation sequence, key the pseudonyms and
/// seal the audit trail.
///
/// The secret never enters the register database, a log or an output. It lives in a key file
/// readable by its owner alone (see ``writeKeyFile(to:)``) or in the environment variable
/// ``environmentVariable``, both holding the 64 hexadecimal digits of ``hexadecimal``. Everything
/// the register derives from it goes through ``DerivedKeys``, one HMAC-SHA256 per purpose, so
/// that no derived value reveals another.
public struct StudySecret: Sendable {
    /// The environment variable that may hold the secret: `PREVENT_STUDY_SECRET`.
    public static let environmentVariable = "PREVENT_STUDY_SECRET"

    /// The number of bytes in a secret: 32 (256 bits).
    public static let byteCount = 32

    let key: SymmetricKey

    /// A new secret from the system's cryptographically secure random source.
    public static func generate() -> StudySecret {
        StudySecret(key: SymmetricKey(size: .bits256))
    }

    init(key: SymmetricKey) {
        precondition(key.bitCount == Self.byteCount * 8, "a study secret has 256 bits")
        self.key = key
    }

    /// Reads a secret from its 64 hexadecimal digits (either case; surrounding white space is
    /// ignored).
    ///
    /// - Parameters:
    ///   - hexadecimal: the digits, as a key file or `PREVENT_STUDY_SECRET` holds them.
    ///   - source: where the text came from, for the error message.
    /// - Throws: ``StudySecretError/malformed(source:)`` unless the text is exactly 64
    ///   hexadecimal digits. The message never repeats the text.
    public init(hexadecimal: String, source: StudySecretSource) throws {
        let digits = Array(hexadecimal.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count == 2 * Self.byteCount else { throw StudySecretError.malformed(source: source) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Self.byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else {
                throw StudySecretError.malformed(source: source)
            }
            bytes.append(high << 4 | low)
        }
        self.init(key: SymmetricKey(data: bytes))
    }

    /// The secret as 64 lower-case hexadecimal digits: what a key file holds.
    ///
    /// Handle with care: anyone who has it can predict allocations, link pseudonyms to the
    /// identifiers they hide, and reseal a tampered audit trail.
    public var hexadecimal: String {
        key.withUnsafeBytes { Hex.string($0) }
    }

    /// The keys the register derives from this secret.
    package var derived: DerivedKeys { DerivedKeys(secret: self) }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
