/// xoshiro256** 1.0 (Blackman and Vigna 2018): PreventKit's own random number generator, used for
/// every allocation and every design replay so that the same study file, seed and cohort give the
/// same allocation on every machine and with every future Swift version.
///
/// The 256-bit state is filled from a 64-bit seed by ``SplitMix64``; independent sub-streams are
/// derived from a seed and a ``StreamLabel`` (the stratum, the block number...) by
/// ``init(seed:stream:)``. Bounded integers use Lemire's unbiased multiply-and-reject method
/// (``uniform(below:)``) and shuffles are PreventKit's own Fisher-Yates (``shuffle(_:)``), so no
/// result depends on the standard library's algorithms, which may change.
///
/// This is a statistical generator, not a cryptographic one: concealment rests on the secrecy of
/// the 64-bit seed, which a register derives from its study secret.
///
/// Test vectors (pinned in the tests): from state (1, 2, 3, 4) the outputs begin 11520, 0,
/// 1509978240, 1215971899390074240, as the reference C implementation gives.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator with its state filled by four outputs of `SplitMix64(seed:)`.
    ///
    /// - Parameter seed: any 64-bit value; seeds that differ give unrelated sequences.
    @inlinable
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.next()
        s1 = expander.next()
        s2 = expander.next()
        s3 = expander.next()
    }

    /// Creates a generator from its raw state, as the reference implementation's test vectors do.
    ///
    /// - Precondition: the state is not all zero (the one state the generator cannot leave).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// Creates the generator of an independent sub-stream: the one for `stream` under `seed`.
    ///
    /// The sub-stream's seed is ``streamSeed(seed:stream:)``:
    /// `SplitMix64.mix(seed ^ SplitMix64.mix(stream.hash))`, where the label's hash is 64-bit
    /// FNV-1a over its parts (see ``StreamLabel``). Without `seed` nothing about one sub-stream
    /// tells anything about another.
    ///
    /// - Parameters:
    ///   - seed: the study's seed.
    ///   - stream: what the stream is for, e.g. `["blocks", "high", "north"]`.
    @inlinable @inline(__always)
    public init(seed: UInt64, stream: StreamLabel) {
        self.init(seed: Self.streamSeed(seed: seed, stream: stream))
    }

    /// Creates the generator of numbered sub-stream `index` of `stream` (block 3 of a stratum,
    /// unit 17 of a sequence): seeded with
    /// `SplitMix64.mix(streamSeed(seed, stream) ^ SplitMix64.mix(index &+ 0x9E3779B97F4A7C15))`.
    ///
    /// Numbered sub-streams cost two mixes once the stream's seed is known, which matters when a
    /// design replay derives one for every block of every redraw.
    @inlinable @inline(__always)
    public init(seed: UInt64, stream: StreamLabel, index: UInt64) {
        self.init(streamSeed: Self.streamSeed(seed: seed, stream: stream), index: index)
    }

    /// Creates numbered sub-stream `index` from a stream's seed (see ``init(seed:stream:index:)``).
    @inlinable @inline(__always)
    public init(streamSeed: UInt64, index: UInt64) {
        self.init(seed: SplitMix64.mix(streamSeed ^ SplitMix64.mix(index &+ 0x9E37_79B9_7F4A_7C15)))
    }

    /// The seed of sub-stream `stream` under `seed`: `SplitMix64.mix(seed ^ SplitMix64.mix(stream.hash))`.
    @inlinable @inline(__always)
    public static func streamSeed(seed: UInt64, stream: StreamLabel) -> UInt64 {
        SplitMix64.mix(seed ^ SplitMix64.mix(stream.hash))
    }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// The current state, for tests and for resuming a stream.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// Whether two generators are in the same state.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.state == rhs.state }
}
