/// A JSON value with object keys kept in the order given, written the same way every time, for
/// notebooks whose bytes must not change from run to run.
indirect enum NotebookJSON {
    case string(String)
    case number(Int)
    case null
    case array([NotebookJSON])
    case object([(String, NotebookJSON)])

    /// The value as indented JSON text (one space per level, as Jupyter writes notebooks).
    func render(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent + 1), close = String(repeating: " ", count: indent)
        switch self {
        case let .string(text): return Self.quote(text)
        case let .number(value): return "\(value)"
        case .null: return "null"
        case let .array(values):
            if values.isEmpty { return "[]" }
            return "[\n" + values.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)]"
        case let .object(entries):
            if entries.isEmpty { return "{}" }
            return "{\n" + entries.map { pad + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)}"
        }
    }

    /// Text as a JSON string.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Text as Jupyter stores multi-line text: a list of lines, each but the last ending in a
    /// newline.
    static func lines(_ text: String) -> NotebookJSON {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = parts.popLast() { parts.append(String(last.dropLast())) }
        if parts.last == "" { parts.removeLast() }
        return .array(parts.map { .string($0) })
    }
}
