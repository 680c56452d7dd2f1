/// A fragment of HTML whose interpolated text is escaped unless it is itself HTML.
///
/// ```swift
/// let name = "<script>"
/// let cell: HTML = "<td>\(name)</td>"   // <td>&lt;script&gt;</td>
/// ```
/// Every page is built this way, so text from a request or the register cannot become markup.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var text: String

    /// Markup taken as written (only for literals in this module's own code).
    public init(stringLiteral value: String) { text = value }

    /// Builds markup from interpolation: strings and numbers escaped, HTML inserted as is.
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    init(joining parts: [HTML], separator: HTML = "") {
        text = parts.map(\.text).joined(separator: separator.text)
    }

    /// The markup.
    public var description: String { text }

    /// Collects the pieces of an interpolated fragment.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        /// Reserves room.
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }

        /// Appends markup from a literal.
        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Appends text, escaped.
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }

        /// Appends a number.
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }

        /// Appends a number.
        public mutating func appendInterpolation(_ value: Int64) { text += String(value) }

        /// Appends markup.
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }

        /// Appends a list of markup fragments.
        public mutating func appendInterpolation(_ values: [HTML]) { text += values.map(\.text).joined() }
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` so text is safe in element content and quoted attributes.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
