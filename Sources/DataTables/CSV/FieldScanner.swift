import Foundation

/// Finds the fields of RFC 4180 records in a padded input.
///
/// A field is either unquoted, running to the next delimiter or line end, with surrounding
/// spaces trimmed; or quoted, running to a closing quote not followed by another (`""` is a
/// quote inside), and then only spaces may come before the delimiter or line end. A quote
/// inside an unquoted field is taken literally. Lines end in `\n` or `\r\n`; a lone `\r` is
/// part of a field.
struct FieldScanner {
    /// The first byte of the input; failures are reported as offsets from it.
    let start: UnsafePointer<UInt8>
    /// One past the last data byte; a zero byte is there (see `InputBytes.padding`).
    let end: UnsafePointer<UInt8>
    let delimiter: UInt8
    /// Whether spaces and tabs around unquoted fields are trimmed (not when they delimit).
    let trimsSpaces: Bool
    let trimsTabs: Bool

    init(start: UnsafePointer<UInt8>, count: Int, delimiter: UInt8) {
        self.start = start
        self.end = start + count
        self.delimiter = delimiter
        trimsSpaces = delimiter != ASCII.space
        trimsTabs = delimiter != ASCII.tab
    }

    /// A field's text: where it starts, its length, and how it was written.
    struct Field {
        /// The first byte of the text (after the opening quote, if quoted).
        var start: UnsafePointer<UInt8>
        /// The number of bytes of text (between the quotes, if quoted; trimmed if not).
        var count: Int
        /// Whether the field was quoted.
        var isQuoted: Bool
        /// Whether the text holds `""` pairs that stand for one quote each.
        var hasDoubledQuotes: Bool
    }

    /// A field that cannot be read, and where.
    enum Failure: Error {
        /// The quote at offset `opening` is never closed.
        case unterminatedQuote(opening: Int)
        /// A byte other than a space follows the closing quote, at offset `position`.
        case textAfterClosingQuote(position: Int)
    }

    /// Whether the byte at `position` ends a field: a delimiter, a line end or the data's end.
    @inline(__always)
    func isFieldEnd(_ position: UnsafePointer<UInt8>) -> Bool {
        let byte = position.pointee
        return byte == delimiter || byte == ASCII.lineFeed
            || (byte == ASCII.carriageReturn && position[1] == ASCII.lineFeed)
            || (byte == 0 && position == end)
    }

    @inline(__always)
    func isTrimmed(_ byte: UInt8) -> Bool {
        (byte == ASCII.space && trimsSpaces) || (byte == ASCII.tab && trimsTabs)
    }

    /// Reads the field at `position` and moves `position` to the byte that ends it.
    ///
    /// - Throws: `Failure` for an unclosed quote or text after a closing quote.
    /// - Complexity: O(length of the field).
    @inline(__always)
    func scan(_ position: inout UnsafePointer<UInt8>) throws(Failure) -> Field {
        var p = position
        while isTrimmed(p.pointee) { p += 1 }
        if p.pointee == ASCII.quote {
            return try scanQuoted(&position, opening: p)
        }
        let textStart = p
        while !isFieldEnd(p) { p += 1 }
        var last = p
        while last > textStart, isTrimmed(last[-1]) { last -= 1 }
        position = p
        return Field(start: textStart, count: last - textStart, isQuoted: false, hasDoubledQuotes: false)
    }

    /// Moves `position` past the field there, to the byte that ends it.
    ///
    /// - Throws: `Failure` as `scan` does.
    @inline(__always)
    func skip(_ position: inout UnsafePointer<UInt8>) throws(Failure) {
        var p = position
        while true {
            let byte = p.pointee
            if byte == delimiter || byte == ASCII.lineFeed { break }
            if byte == ASCII.quote {
                _ = try scan(&position)
                return
            }
            if byte == ASCII.carriageReturn && p[1] == ASCII.lineFeed { break }
            if byte == 0 && p == end { break }
            p += 1
        }
        position = p
    }

    @inline(never)
    private func scanQuoted(_ position: inout UnsafePointer<UInt8>, opening: UnsafePointer<UInt8>) throws(Failure) -> Field {
        let textStart = opening + 1
        var p = textStart
        var doubled = false
        while true {
            guard let found = memchr(p, Int32(ASCII.quote), end - p) else {
                throw .unterminatedQuote(opening: opening - self.start)
            }
            p = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            if p[1] == ASCII.quote && p + 1 < end {
                doubled = true
                p += 2
                continue
            }
            break
        }
        let field = Field(start: textStart, count: p - textStart, isQuoted: true, hasDoubledQuotes: doubled)
        p += 1
        while isTrimmed(p.pointee) { p += 1 }
        guard isFieldEnd(p) else { throw .textAfterClosingQuote(position: p - self.start) }
        position = p
        return field
    }

    /// Moves `position` past the line end (or delimiter) at it; nothing at the data's end.
    @inline(__always)
    func stepOver(_ position: inout UnsafePointer<UInt8>) {
        let byte = position.pointee
        if byte == ASCII.carriageReturn { position += 2 } else if position < end { position += 1 }
    }

    /// Whether `position` starts a blank line (`\n` or `\r\n`); if so moves past it.
    @inline(__always)
    func skipBlankLine(_ position: inout UnsafePointer<UInt8>) -> Bool {
        let byte = position.pointee
        if byte == ASCII.lineFeed { position += 1; return true }
        if byte == ASCII.carriageReturn && position[1] == ASCII.lineFeed { position += 2; return true }
        return false
    }
}

extension FieldScanner.Field {
    /// The text with each `""` pair replaced by one quote, as bytes.
    func unescaped() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var i = 0
        while i < count {
            bytes.append(start[i])
            i += start[i] == ASCII.quote ? 2 : 1
        }
        return bytes
    }

    /// Calls `body` with the field's text, unescaping `""` pairs first when needed.
    @inline(__always)
    func withText<Result>(_ body: (UnsafePointer<UInt8>, Int) throws -> Result) rethrows -> Result {
        guard hasDoubledQuotes else { return try body(start, count) }
        let bytes = unescaped()
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!, $0.count) }
    }

    /// The text as a `String`, invalid UTF-8 repaired with U+FFFD (for messages).
    var text: String {
        withText { String(decoding: UnsafeBufferPointer(start: $0, count: $1), as: UTF8.self) }
    }
}
