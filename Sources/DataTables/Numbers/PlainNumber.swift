/// A number in the plain form most data has (`-12.375`, `3e-5`), read without allocation.
///
/// The reader's fast path: an optional sign, digits with an optional point, an optional
/// exponent, and at most 19 digits in all, so every significant digit fits a `UInt64`.
/// Anything else (spaces, quotes, `Inf`, more digits, text) is left to `DecimalParser`.
struct PlainNumber {
    /// All the digits, as an integer.
    var significand: UInt64
    /// The power of ten to scale the significand by.
    var exponent: Int
    var isNegative: Bool

    /// The correctly rounded value.
    @inline(__always)
    var value: Double {
        EiselLemire.double(significand, timesTenToThe: exponent, negative: isNegative)
    }

    /// Reads a plain number at `position` and moves `position` past it; `nil` when what is
    /// there is not one (`position` is then left where it was).
    ///
    /// The caller checks what follows. Up to eight bytes past the number may be read, so
    /// the input must be padded (see `InputBytes`).
    ///
    /// - Complexity: O(length of the number).
    @inline(__always)
    static func scan(_ position: inout UnsafePointer<UInt8>) -> PlainNumber? {
        var q = position
        var byte = q.pointee
        let negative = byte == ASCII.minus
        if negative || byte == ASCII.plus { q += 1 }

        let digitsStart = q
        var significand: UInt64 = 0
        var digit = q.pointee &- ASCII.zero
        while digit < 10 {
            significand = significand &* 10 &+ UInt64(digit)
            q += 1
            digit = q.pointee &- ASCII.zero
        }
        var digitCount = q - digitsStart
        var exponent = 0
        if q.pointee == ASCII.dot {
            q += 1
            let fractionStart = q
            // Fractions of doubles written in full run to 15-17 digits: take eight at a time
            // while there are that many, then one at a time. (Eight at a time did not pay for
            // the short integer parts.)
            var word = EightDigits.load(q)
            while EightDigits.areDigits(word) {
                significand = significand &* 100_000_000 &+ EightDigits.value(word)
                q += 8
                word = EightDigits.load(q)
            }
            digit = q.pointee &- ASCII.zero
            while digit < 10 {
                significand = significand &* 10 &+ UInt64(digit)
                q += 1
                digit = q.pointee &- ASCII.zero
            }
            let fractionDigits = q - fractionStart
            digitCount += fractionDigits
            exponent = -fractionDigits
        }
        byte = q.pointee
        if byte | 0x20 == ASCII.lowercaseE {
            q += 1
            byte = q.pointee
            let exponentNegative = byte == ASCII.minus
            if exponentNegative || byte == ASCII.plus { q += 1 }
            let exponentStart = q
            var written = 0
            digit = q.pointee &- ASCII.zero
            while digit < 10 {
                // Past this the value is zero or infinite whatever the digits.
                if written < 1_000_000 { written = written &* 10 &+ Int(digit) }
                q += 1
                digit = q.pointee &- ASCII.zero
            }
            if q == exponentStart { digitCount = 0 }  // "1e" is not a number
            exponent += exponentNegative ? -written : written
        }
        // Leading zeros count here too, so a few exact numbers take the slow path needlessly.
        guard digitCount > 0, digitCount <= 19 else { return nil }
        position = q
        return PlainNumber(significand: significand, exponent: exponent, isNegative: negative)
    }
}
