import Foundation

/// Recognises the unquoted cell texts that mean "missing", without allocating.
///
/// Holds its own copy of the texts; `deallocate()` must be called when reading ends (the
/// reader scopes it with `defer`). It is a plain struct of pointers so the hot loops can pass
/// it around without reference counting.
struct MissingValueMatcher {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let ranges: UnsafeMutableBufferPointer<Range<Int>>
    private let rangeCount: Int
    /// Whether the empty text is one of the missing values.
    let matchesEmpty: Bool
    /// Whether some missing value is also a plain number (such as `-99`), so a parsed number
    /// must be checked against the list too.
    let hasNumericValues: Bool

    /// Copies `values` for matching.
    init(_ values: Set<String>) {
        let sorted = values.sorted()
        let total = sorted.reduce(0) { $0 + $1.utf8.count }
        bytes = .allocate(capacity: max(total, 1))
        ranges = .allocate(capacity: max(sorted.count, 1))
        var offset = 0
        var numeric = false
        for (index, value) in sorted.enumerated() {
            let utf8 = Array(value.utf8)
            for (i, byte) in utf8.enumerated() { bytes[offset + i] = byte }
            ranges[index] = offset..<(offset + utf8.count)
            offset += utf8.count
            // Only plain numbers (which end in a digit or a point, unlike `NaN` and `Inf`)
            // can be taken by the reader's fast path before the missing values are checked.
            let isPlain = utf8.last.map { $0 == ASCII.dot || ($0 &- ASCII.zero) < 10 } ?? false
            numeric = numeric || isPlain && utf8.withUnsafeBufferPointer {
                DecimalParser.parse($0.baseAddress!, count: $0.count) != nil
            }
        }
        matchesEmpty = values.contains("")
        hasNumericValues = numeric
        rangeCount = sorted.count
    }

    /// Frees the copied texts.
    func deallocate() {
        bytes.deallocate()
        ranges.deallocate()
    }

    /// Whether `text[0..<count]` is one of the missing values.
    @inline(__always)
    func matches(_ text: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count == 0 { return matchesEmpty }
        for index in 0..<rangeCount {
            let range = ranges[index]
            if range.count == count, memcmp(bytes.baseAddress! + range.lowerBound, text, count) == 0 {
                return true
            }
        }
        return false
    }
}
