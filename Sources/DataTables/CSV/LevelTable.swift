import Foundation

/// The distinct labels of one categorical column within one chunk, each with a local code.
///
/// An open-addressing hash table over byte strings, so that looking up a cell costs a hash
/// and a comparison, not a `String` allocation. The chunks' tables are merged into sorted
/// levels once parsing ends.
struct LevelTable {
    /// The labels' bytes, one after another.
    private(set) var arena: [UInt8] = []
    /// For each local code, where its bytes start in `arena` and how many there are.
    private(set) var spans: [(start: Int, count: Int)] = []
    /// For each local code, the label as a `String` (built once, when first seen).
    private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Local code + 1 in each slot, 0 for empty; the count is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 64)

    /// The number of distinct labels.
    var count: Int { spans.count }

    /// The local code of `text[0..<count]`, adding it when new; `nil` if it is not UTF-8.
    ///
    /// - Complexity: O(`count`) on average.
    mutating func code(for text: UnsafePointer<UInt8>, count: Int) -> Int32? {
        let hash = Self.hash(text, count)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            let code = Int(stored - 1)
            if hashes[code] == hash, spans[code].count == count,
               arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + spans[code].start, text, count) == 0 }) {
                return Int32(code)
            }
            slot = (slot + 1) & mask
        }

        let bytes = UnsafeBufferPointer(start: text, count: count)
        let string = String(decoding: bytes, as: UTF8.self)
        guard string.utf8.elementsEqual(bytes) else { return nil }
        let code = Int32(spans.count)
        spans.append((arena.count, count))
        arena.append(contentsOf: bytes)
        strings.append(string)
        hashes.append(hash)
        slots[slot] = code + 1
        if spans.count * 2 > slots.count { grow() }
        return code
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for code in 0..<spans.count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code + 1)
        }
    }

    /// A 64-bit hash of the bytes, eight at a time (multiply-xorshift mixing).
    private static func hash(_ text: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: count) &* multiplier
        var i = 0
        let raw = UnsafeRawPointer(text)
        while i + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(text[i]) << shift
            shift += 8
            i += 1
        }
        hash = (hash ^ tail) &* multiplier
        hash ^= hash >> 32
        return hash &* multiplier ^ (hash >> 29)
    }
}
