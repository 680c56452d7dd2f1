/// Parses decimal number text into a correctly rounded `Double`.
///
/// Accepted forms (the whole text must match; the CSV reader trims surrounding spaces first):
/// an optional `+` or `-`, then digits with an optional decimal point (`12`, `-3.5`, `.5`,
/// `5.`), then an optional exponent (`1E+10`, `+1e-7`); or `Inf`, `Infinity` and `NaN` in any
/// letter case, optionally signed. Hexadecimal floats, digit separators and embedded spaces
/// are rejected. Every accepted decimal gives the same bits as `Double(String)`.
enum DecimalParser {
    /// The number in `text[0..<count]`, or `nil` when the text is not a number.
    ///
    /// - Parameters:
    ///   - text: the first byte of the text.
    ///   - count: the number of bytes; may be zero.
    /// - Returns: the value (`nan` for a `NaN` literal), or `nil`.
    /// - Complexity: O(`count`).
    static func parse(_ text: UnsafePointer<UInt8>, count: Int) -> Double? {
        var p = text
        let end = text + count
        guard p < end else { return nil }

        var negative = false
        if p.pointee == ASCII.minus || p.pointee == ASCII.plus {
            negative = p.pointee == ASCII.minus
            p += 1
        }
        guard p < end else { return nil }
        if p.pointee | 0x20 == ASCII.lowercaseI || p.pointee | 0x20 == ASCII.lowercaseN {
            return parseSpecial(p, count: end - p, negative: negative)
        }

        // Up to 19 significant digits fit in a UInt64; later ones only shift the exponent,
        // and whether any of them is non-zero decides if the kept digits are exact.
        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var digits = 0
        var truncated = false
        while p < end, case let digit = p.pointee &- ASCII.zero, digit < 10 {
            digits += 1
            if significantDigits < 19 {
                if significand != 0 || digit != 0 {
                    significand = significand &* 10 &+ UInt64(digit)
                    significantDigits += 1
                }
            } else {
                exponent += 1
                truncated = truncated || digit != 0
            }
            p += 1
        }
        if p < end, p.pointee == ASCII.dot {
            p += 1
            while p < end, case let digit = p.pointee &- ASCII.zero, digit < 10 {
                digits += 1
                if significantDigits < 19 {
                    if significand != 0 || digit != 0 {
                        significand = significand &* 10 &+ UInt64(digit)
                        significantDigits += 1
                    }
                    exponent -= 1
                } else {
                    truncated = truncated || digit != 0
                }
                p += 1
            }
        }
        guard digits > 0 else { return nil }

        if p < end, p.pointee | 0x20 == ASCII.lowercaseE {
            p += 1
            var exponentNegative = false
            if p < end, p.pointee == ASCII.minus || p.pointee == ASCII.plus {
                exponentNegative = p.pointee == ASCII.minus
                p += 1
            }
            var written = 0
            var digitCount = 0
            while p < end, case let digit = p.pointee &- ASCII.zero, digit < 10 {
                // Beyond this the result is zero or infinity whatever the digits.
                if written < 1_000_000 { written = written * 10 + Int(digit) }
                digitCount += 1
                p += 1
            }
            guard digitCount > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard p == end else { return nil }

        if !truncated {
            return EiselLemire.double(significand, timesTenToThe: exponent, negative: negative)
        }
        // The true value lies strictly between w × 10^q and (w + 1) × 10^q: when both round
        // to the same double, so does it. Otherwise defer to the standard library.
        let below = EiselLemire.bits(significand, exponent)
        let above = EiselLemire.bits(significand + 1, exponent)
        if below == above {
            return Double(bitPattern: below | (negative ? 1 << 63 : 0))
        }
        return Double(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    }

    /// `Inf`, `Infinity` or `NaN` (any case) after an optional sign, else `nil`.
    private static func parseSpecial(_ text: UnsafePointer<UInt8>, count: Int, negative: Bool) -> Double? {
        func matches(_ word: StaticString) -> Bool {
            guard count == word.utf8CodeUnitCount else { return false }
            let letters = word.utf8Start
            for i in 0..<count where text[i] | 0x20 != letters[i] { return false }
            return true
        }
        if matches("inf") || matches("infinity") { return negative ? -.infinity : .infinity }
        if matches("nan") { return .nan }
        return nil
    }
}
