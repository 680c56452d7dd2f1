/// Correctly rounded conversion of a decimal `w × 10^q` to the nearest `Double`.
///
/// Two methods, tried in order:
/// - Clinger's fast path: when `w ≤ 2^53` and `|q| ≤ 22`, both `w` and `10^|q|` are exact
///   doubles, so one IEEE multiplication or division rounds the exact product once.
/// - Eisel-Lemire: multiply the normalised `w` by a 128-bit approximation of `5^q` and read
///   the 53 result bits off the top of the product. Mushtak and Lemire ("Fast number parsing
///   without fallback", 2023) prove the 128-bit product always suffices for a 64-bit `w`, so
///   no fallback is needed when `w` holds every significant digit.
///
/// Both give the same bits as `Double(String)` (and a correct `strtod`) for every input;
/// the tests check this on millions of random and edge-case strings.
enum EiselLemire {
    /// Exact powers of ten `10^0 ... 10^22`, each representable as a `Double`.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The nearest `Double` to `w × 10^q`, negated when `negative`.
    ///
    /// - Parameters:
    ///   - w: every significant decimal digit, as an integer.
    ///   - q: the decimal exponent; any value (results saturate to zero or infinity).
    ///   - negative: whether the number has a minus sign (`-0` gives negative zero).
    /// - Returns: the correctly rounded double (round half to even).
    @inline(__always)
    static func double(_ w: UInt64, timesTenToThe q: Int, negative: Bool) -> Double {
        if w <= 1 << 53, q >= -22, q <= 22 {
            // Clinger: w < 2^63, so the signed conversion is exact and a single instruction.
            let exact = Double(Int64(bitPattern: w))
            let value = exactPowersOfTen.withUnsafeBufferPointer { powers in
                q < 0 ? exact / powers[-q] : exact * powers[q]
            }
            return negative ? -value : value
        }
        return Double(bitPattern: bits(w, q) | (negative ? 1 << 63 : 0))
    }

    /// The bits (without sign) of the nearest double to `w × 10^q`, by Eisel-Lemire.
    ///
    /// - Complexity: O(1): one or two 64 × 64 → 128-bit multiplications.
    @inline(never)
    static func bits(_ w: UInt64, _ q: Int) -> UInt64 {
        let mantissaBits = 52
        let infinitePower = 0x7FF
        if w == 0 || q < smallestPowerOfTen { return 0 }
        if q > largestPowerOfTen { return UInt64(infinitePower) << 52 }

        let leadingZeros = w.leadingZeroBitCount
        let normalised = w << UInt64(leadingZeros)
        let index = 2 * (q - smallestPowerOfTen)
        let (high, low) = powersOfFive.withUnsafeBufferPointer { table in
            let first = normalised.multipliedFullWidth(by: table[index])
            var high = first.high
            var low = first.low
            // Only when the bits below the 55 we keep are all ones can the truncated part of
            // 5^q carry into them; then add the next 64 bits of the product.
            if high & 0x1FF == 0x1FF {
                let second = normalised.multipliedFullWidth(by: table[index + 1])
                let (sum, carry) = low.addingReportingOverflow(second.high)
                low = sum
                if carry { high &+= 1 }
            }
            return (high, low)
        }

        let upperBit = Int(high >> 63)
        let shift = upperBit + 64 - mantissaBits - 3
        var mantissa = high >> UInt64(shift)
        // floor(log2(10^q)) + 63, by the fixed-point identity 217706 / 2^16 ≈ log2(10).
        var power2 = ((217_706 * q) >> 16) + 63 + upperBit - leadingZeros + 1023

        if power2 <= 0 {
            // Subnormal (or zero): shift into place and round half up; a halfway case cannot
            // occur this far from q = 0.
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            // Rounding may carry into the smallest normal exponent; OR-ing keeps that case right.
            power2 = mantissa < 1 << UInt64(mantissaBits) ? 0 : 1
            return mantissa | UInt64(power2) << 52
        }

        // An exact halfway case is only possible when 5^q fits in 64 bits (-4 ≤ q ≤ 23) and
        // the discarded bits are all zero; then round half to even instead of up.
        if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << UInt64(shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << UInt64(mantissaBits) {
            mantissa = 1 << UInt64(mantissaBits)
            power2 += 1
        }
        mantissa &= ~(1 << UInt64(mantissaBits))
        if power2 >= infinitePower { return UInt64(infinitePower) << 52 }
        return mantissa | UInt64(power2) << 52
    }
}
