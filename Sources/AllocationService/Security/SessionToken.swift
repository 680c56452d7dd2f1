import Crypto
import Foundation

/// Random tokens for sessions and forms, and the hash under which a session token is stored.
enum SessionToken {
    /// 32 bytes (256 bits) from the system's secure random source, as 64 lower-case hexadecimal digits.
    static func random() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { hexadecimal($0) }
    }

    /// SHA-256 of a token's text, as 64 hexadecimal digits: what the accounts file stores.
    static func storedHash(of token: String) -> String {
        hexadecimal(SHA256.hash(data: Array(token.utf8)))
    }

    /// Compares two strings in time that depends on their lengths only.
    static func constantTimeEquals(_ first: String, _ second: String) -> Bool {
        let a = Array(first.utf8), b = Array(second.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// Whether text is a well-formed token: 64 lower-case hexadecimal digits.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
