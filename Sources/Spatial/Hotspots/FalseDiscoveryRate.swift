/// The Benjamini-Hochberg procedure, which controls the false discovery rate across many tests
/// (every cell of a grid) when the tests are independent or positively dependent.
///
/// Adjusted p-values are `q_(i) = min_{k ≥ i} m · p_(k) / k` over the p-values in ascending
/// order, capped at 1: SciPy's `false_discovery_control(p, method='bh')` (tested to 1e-12) and
/// statsmodels' `multipletests(p, method='fdr_bh')`. A test is significant at level α when its adjusted
/// p-value is at most α. NaN p-values (cells with no variance) are left out of the count `m` and
/// stay NaN.
public enum FalseDiscoveryRate {
    /// Benjamini-Hochberg adjusted p-values.
    ///
    /// - Parameter pValues: p-values in [0, 1]; NaN allowed.
    /// - Returns: the adjusted p-values, in the input's order.
    /// - Complexity: O(m) by a radix sort of the p-values' bits.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        var adjusted = [Double](repeating: .nan, count: pValues.count)
        let order = ascendingOrder(pValues)
        let m = Double(order.count)
        var running = 1.0
        for rank in stride(from: order.count, through: 1, by: -1) {
            let index = order[rank - 1]
            running = min(running, pValues[index] * m / Double(rank))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Which tests are significant after Benjamini-Hochberg at a false discovery rate.
    ///
    /// - Parameters:
    ///   - pValues: p-values in [0, 1]; NaN allowed (never significant).
    ///   - rate: the false discovery rate α, in (0, 1); default 0.05.
    /// - Returns: one flag per p-value.
    /// - Complexity: O(m).
    public static func significant(_ pValues: [Double], rate: Double = 0.05) -> [Bool] {
        precondition(rate > 0 && rate < 1, "false discovery rate must lie in (0, 1)")
        return benjaminiHochberg(pValues).map { $0 <= rate }
    }

    /// The indices of the non-NaN p-values in ascending order of p, ties by index (stable).
    ///
    /// Non-negative doubles order as their bit patterns do, so an LSD radix sort on 16-bit digits
    /// of the bits sorts them in four linear passes.
    static func ascendingOrder(_ values: [Double]) -> [Int] {
        var keys: [UInt64] = []
        var indices: [Int32] = []
        keys.reserveCapacity(values.count)
        indices.reserveCapacity(values.count)
        for (i, v) in values.enumerated() where !v.isNaN {
            precondition(v >= 0, "p-values must not be negative")
            // +0.0 and −0.0 both become 0.
            keys.append(v == 0 ? 0 : v.bitPattern)
            indices.append(Int32(i))
        }
        let count = keys.count
        var keyBuffer = [UInt64](repeating: 0, count: count)
        var indexBuffer = [Int32](repeating: 0, count: count)
        var histogram = [Int](repeating: 0, count: 1 << 16)
        for pass in 0 ..< 4 {
            let shift = UInt64(16 * pass)
            for b in histogram.indices { histogram[b] = 0 }
            var allSame = true
            let firstDigit = count > 0 ? Int((keys[0] >> shift) & 0xFFFF) : 0
            for key in keys {
                let digit = Int((key >> shift) & 0xFFFF)
                histogram[digit] += 1
                if digit != firstDigit { allSame = false }
            }
            if allSame { continue }
            var total = 0
            for b in histogram.indices {
                let c = histogram[b]
                histogram[b] = total
                total += c
            }
            for k in 0 ..< count {
                let digit = Int((keys[k] >> shift) & 0xFFFF)
                let target = histogram[digit]
                histogram[digit] = target + 1
                keyBuffer[target] = keys[k]
                indexBuffer[target] = indices[k]
            }
            swap(&keys, &keyBuffer)
            swap(&indices, &indexBuffer)
        }
        return indices.map { Int($0) }
    }
}
