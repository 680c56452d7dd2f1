/// The label of an independent random sub-stream: a list of text and integer parts hashed with
/// 64-bit FNV-1a, a hash that is fixed by its definition (unlike Swift's `Hasher`, which is
/// seeded afresh in every process).
///
/// Each text part contributes its UTF-8 bytes followed by the byte 0xFF (which never occurs in
/// UTF-8, so `["ab", "c"]` and `["a", "bc"]` differ); each integer part contributes the byte 0xFE
/// and then its 8 bytes, least significant first. The hash starts from the FNV offset basis
/// 0xCBF29CE484222325 and, for each byte, XORs it in and multiplies by the FNV prime 0x100000001B3.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: seed, stream: StreamLabel("blocks").appending("high").appending(3))
/// ```
public struct StreamLabel: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The FNV-1a hash of the parts so far.
    public private(set) var hash: UInt64

    /// The FNV-1a 64-bit offset basis.
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x100_0000_01B3

    /// An empty label.
    public init() {
        hash = Self.offsetBasis
    }

    /// A label with one text part.
    public init(_ part: String) {
        self.init()
        append(part)
    }

    /// A label with one text part, written as a literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Adds a text part.
    public mutating func append(_ part: String) {
        var h = hash
        for byte in part.utf8 {
            h = (h ^ UInt64(byte)) &* Self.prime
        }
        hash = (h ^ 0xFF) &* Self.prime
    }

    /// Adds an integer part.
    public mutating func append(_ part: UInt64) {
        var h = (hash ^ 0xFE) &* Self.prime
        var value = part
        for _ in 0 ..< 8 {
            h = (h ^ (value & 0xFF)) &* Self.prime
            value >>= 8
        }
        hash = h
    }

    /// This label with a text part added.
    @inlinable
    public func appending(_ part: String) -> StreamLabel {
        var copy = self
        copy.append(part)
        return copy
    }

    /// This label with an integer part added.
    @inlinable
    public func appending(_ part: UInt64) -> StreamLabel {
        var copy = self
        copy.append(part)
        return copy
    }

    /// This label with an integer part added.
    @inlinable
    public func appending(_ part: Int) -> StreamLabel {
        appending(UInt64(bitPattern: Int64(part)))
    }
}
