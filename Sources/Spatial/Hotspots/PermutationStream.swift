/// The random stream of one cell's permutations: Steele, Lea and Flood's SplitMix64, with a
/// bounded-integer method fixed here, so that permutation inference reproduces bit for bit on any
/// machine and Swift version and whatever the number of threads. Each cell's stream is seeded from
/// one value drawn from the caller's generator.
///
/// Internal: the public API takes any `RandomNumberGenerator` (the trial modules have their own
/// seedable SplitMix64 and Xoshiro256** that a caller can pass).
struct PermutationStream: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a stream determined by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`, by Lemire's multiply-and-reject method, fixed here (not
    /// the standard library's, which may change between Swift versions).
    ///
    /// - Parameter bound: positive.
    mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }
}
