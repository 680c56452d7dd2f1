import DisclosureControl
import Testing

/// Seeded random tables: whatever the counts, no published table with its totals lets a
/// suppressed count be worked out, and the threshold and rounding hold on every entry.
@Suite("Disclosure control properties")
struct SecondarySuppressionPropertyTests {
    /// SplitMix64: a small generator so that every run draws the same tables.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        let seed: UInt64
        let rowTotals: Bool
        let columnTotals: Bool
        var description: String { "seed \(seed), row totals \(rowTotals), column totals \(columnTotals)" }
    }

    static let cases: [Case] = (1 ... 50).flatMap { seed in
        [Case(seed: UInt64(seed), rowTotals: true, columnTotals: true), Case(seed: UInt64(seed), rowTotals: true, columnTotals: false),
         Case(seed: UInt64(seed), rowTotals: false, columnTotals: true)]
    }

    static func randomTable(_ c: Case, generator: inout SplitMix64) -> CountTable {
        let rows = Int.random(in: 1 ... 6, using: &generator), columns = Int.random(in: 1 ... 6, using: &generator)
        // Mostly small counts, so that suppression is common; some zeros and some large ones.
        let counts = (0 ..< rows).map { _ in
            (0 ..< columns).map { _ in
                switch Int.random(in: 0 ..< 10, using: &generator) {
                case 0: 0
                case 1 ... 5: Int.random(in: 1 ... 12, using: &generator)
                default: Int.random(in: 13 ... 200, using: &generator)
                }
            }
        }
        return CountTable(title: "random", rowLabels: (0 ..< rows).map { "r\($0)" }, columnLabels: (0 ..< columns).map { "c\($0)" },
                          counts: counts, hasRowTotals: c.rowTotals, hasColumnTotals: c.columnTotals)
    }

    /// Every additive line of the published table: its entries, the last being the total.
    static func lines(_ t: PublishedTable) -> [[PublishedCount]] {
        var lines: [[PublishedCount]] = []
        if let rowTotals = t.rowTotals {
            lines += t.cells.indices.map { t.cells[$0] + [rowTotals[$0]] }
        }
        if let columnTotals = t.columnTotals {
            lines += t.columnLabels.indices.map { j in t.cells.map { $0[j] } + [columnTotals[j]] }
            if let rowTotals = t.rowTotals, let grand = t.grandTotal {
                lines.append(columnTotals + [grand])
                lines.append(rowTotals + [grand])
            }
        }
        return lines
    }

    @Test(arguments: cases)
    func noLineHasExactlyOneSuppressedEntry(_ c: Case) {
        var generator = SplitMix64(state: c.seed)
        for threshold in [3, 5, 10] {
            let table = Self.randomTable(c, generator: &generator)
            let published = DisclosureRule(threshold: threshold, roundingBase: 1).protect(table)
            for line in Self.lines(published) {
                let suppressed = line.filter(\.isSuppressed).count
                #expect(suppressed != 1, "a line with one suppressed entry gives it away: \(line)")
            }
        }
    }

    @Test(arguments: cases)
    func unroundedTablesPinDownNoSuppressedCount(_ c: Case) {
        // The attacker knows every published count and that counts are not negative. Bounds on
        // each suppressed entry are narrowed line by line (each line's entries add up to its
        // total) until nothing changes; no suppressed entry may end up with a single value.
        var generator = SplitMix64(state: c.seed &+ 1000)
        for threshold in [3, 5, 10] {
            let table = Self.randomTable(c, generator: &generator)
            let published = DisclosureRule(threshold: threshold, roundingBase: 1).protect(table)
            let lines = Self.lines(published)
            // Entries by identity: (line, position) pairs that refer to the same entry share bounds.
            var bounds: [String: ClosedRange<Int>] = [:]
            let keys = Self.lineKeys(published)
            for (line, keyLine) in zip(lines, keys) {
                for (entry, key) in zip(line, keyLine) {
                    bounds[key] = entry.value.map { $0 ... $0 } ?? 0 ... 100_000
                }
            }
            for _ in 0 ..< 100 {
                var changed = false
                for keyLine in keys {
                    let cells = keyLine.dropLast(), total = keyLine.last!
                    let low = cells.reduce(0) { $0 + bounds[$1]!.lowerBound }
                    let high = cells.reduce(0) { $0 + bounds[$1]!.upperBound }
                    let t = bounds[total]!
                    let newTotal = max(t.lowerBound, low) ... min(t.upperBound, high)
                    if newTotal != t { bounds[total] = newTotal; changed = true }
                    for cell in cells {
                        let b = bounds[cell]!
                        let othersLow = low - b.lowerBound, othersHigh = high - b.upperBound
                        let narrowed = max(b.lowerBound, newTotal.lowerBound - othersHigh) ... min(b.upperBound, newTotal.upperBound - othersLow)
                        if narrowed != b { bounds[cell] = narrowed; changed = true }
                    }
                }
                if !changed { break }
            }
            for (line, keyLine) in zip(lines, keys) {
                for (entry, key) in zip(line, keyLine) where entry.isSuppressed {
                    #expect(bounds[key]!.count > 1, "\(key) is pinned down in \(c)")
                }
            }
        }
    }

    /// Names for the entries of each line, matching ``lines(_:)``.
    static func lineKeys(_ t: PublishedTable) -> [[String]] {
        let rows = t.cells.count, columns = t.columnLabels.count
        var keys: [[String]] = []
        if t.rowTotals != nil {
            keys += (0 ..< rows).map { i in (0 ..< columns).map { "\(i),\($0)" } + ["\(i),total"] }
        }
        if t.columnTotals != nil {
            keys += (0 ..< columns).map { j in (0 ..< rows).map { "\($0),\(j)" } + ["total,\(j)"] }
            if t.rowTotals != nil, t.grandTotal != nil {
                keys.append((0 ..< columns).map { "total,\($0)" } + ["total,total"])
                keys.append((0 ..< rows).map { "\($0),total" } + ["total,total"])
            }
        }
        return keys
    }

    @Test(arguments: cases)
    func thresholdAndRoundingHoldOnEveryEntry(_ c: Case) {
        var generator = SplitMix64(state: c.seed &+ 2000)
        for (threshold, base) in [(5, 5), (10, 5), (3, 10), (5, 1)] {
            let table = Self.randomTable(c, generator: &generator)
            let rule = DisclosureRule(threshold: threshold, roundingBase: base)
            let published = rule.protect(table)
            var pairs: [(Int, PublishedCount)] = []
            for i in table.counts.indices {
                for j in table.counts[i].indices { pairs.append((table.counts[i][j], published.cells[i][j])) }
            }
            if let rowTotals = published.rowTotals { pairs += zip(table.rowTotals, rowTotals).map { ($0, $1) } }
            if let columnTotals = published.columnTotals { pairs += zip(table.columnTotals, columnTotals).map { ($0, $1) } }
            if let grand = published.grandTotal { pairs.append((table.grandTotal, grand)) }
            for (truth, shown) in pairs {
                if truth > 0 && truth < threshold { #expect(shown == .primarySuppressed) }
                if let value = shown.value {
                    #expect(truth == 0 || truth >= threshold)
                    #expect(value % base == 0)
                    #expect(value == rule.rounded(truth))
                    #expect(abs(value - truth) <= base / 2)
                }
            }
        }
    }
}
