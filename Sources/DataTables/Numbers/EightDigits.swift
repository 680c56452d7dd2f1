/// Reads eight ASCII digits at once with word arithmetic (SWAR), as `fast_float` does.
///
/// Long digit runs, such as the 17 significant digits of a double written in full, are
/// otherwise read one byte at a time, each step waiting on the multiply-add of the last.
enum EightDigits {
    /// The eight bytes at `position`, little-endian, as one word.
    @inline(__always)
    static func load(_ position: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(position).loadUnaligned(as: UInt64.self))
    }

    /// Whether all eight bytes of `word` are ASCII digits.
    @inline(__always)
    static func areDigits(_ word: UInt64) -> Bool {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        return (word & high) | (((word &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333
    }

    /// The value of the eight digits in `word`, the first byte the most significant.
    @inline(__always)
    static func value(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = value &* 10 &+ (value >> 8)  // pairs of digits
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let multiplier1: UInt64 = 100 &+ (1_000_000 << 32)
        let multiplier2: UInt64 = 1 &+ (10_000 << 32)
        return ((value & mask) &* multiplier1 &+ ((value >> 16) & mask) &* multiplier2) >> 32
    }
}
