/// A JSON value with one canonical text, so that the same content always hashes the same.
///
/// The text has no white space, object keys sorted by their UTF-8 bytes, strings escaped only
/// where JSON requires (`"`, `\` and control characters, as `\uXXXX` except `\n`, `\r`, `\t`),
/// and numbers as Swift's shortest round-trip `description`, which reads back to the same bits.
package enum CanonicalJSON: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case null
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// A string, or `null` for `nil`.
    package static func optional(_ text: String?) -> CanonicalJSON { text.map(CanonicalJSON.string) ?? .null }

    /// An integer, or `null` for `nil`.
    package static func optional(_ value: Int?) -> CanonicalJSON { value.map { .integer(Int64($0)) } ?? .null }

    /// An object of strings.
    package static func strings(_ dictionary: [String: String]) -> CanonicalJSON {
        .object(dictionary.mapValues(CanonicalJSON.string))
    }

    /// An object of numbers.
    package static func numbers(_ dictionary: [String: Double]) -> CanonicalJSON {
        .object(dictionary.mapValues(CanonicalJSON.number))
    }

    /// The canonical text.
    package var text: String {
        var bytes = [UInt8]()
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func append(to bytes: inout [UInt8]) {
        switch self {
        case .string(let text):
            Self.appendString(text, to: &bytes)
        case .integer(let value):
            bytes.append(contentsOf: String(value).utf8)
        case .number(let value):
            precondition(value.isFinite, "canonical JSON has no text for \(value)")
            bytes.append(contentsOf: value.description.utf8)
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                value.append(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.appendString(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                members[key]!.append(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0f)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
