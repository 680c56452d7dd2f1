/// SplitMix64 (Steele, Lea and Flood 2014): a tiny 64-bit generator, used here to expand one
/// 64-bit seed into the 256-bit state of ``Xoshiro256StarStar``, as its authors recommend.
///
/// Each output is the state advanced by the golden-ratio increment 0x9E3779B97F4A7C15 and passed
/// through ``SplitMix64/mix(_:)``. Outputs for seed 0 begin 0xE220A8397B1DCDAF,
/// 0x6E789E6AA1B965F4, 0x06C45D188009454F (pinned in the tests).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state.
    public private(set) var state: UInt64

    /// Creates a generator whose first output mixes `seed + 0x9E3779B97F4A7C15`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's output function (a variant of MurmurHash3's 64-bit finaliser): a bijection
    /// on 64-bit words in which every input bit affects every output bit.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
