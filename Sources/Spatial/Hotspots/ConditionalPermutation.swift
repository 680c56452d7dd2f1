/// Conditional permutation inference for local statistics on a grid (Anselin 1995): for each
/// cell, its own value is held fixed and its neighbours' values are replaced by a random sample,
/// without replacement, of the values of all other cells; the pseudo p-value is the share of
/// samples at least as extreme as the observed neighbourhood, folded to the nearer tail as esda's
/// `_crand_plus` does: `(min(larger, permutations − larger) + 1) / (permutations + 1)`.
enum ConditionalPermutation {
    /// Pseudo p-values.
    ///
    /// - Parameters:
    ///   - values: the cells' values.
    ///   - drawCounts: for each cell, how many other cells to draw (its neighbours, itself excluded).
    ///   - observedSums: for each cell, the sum of its neighbours' values (itself excluded).
    ///   - directions: for each cell, +1 when the statistic grows with the neighbours' sum,
    ///     −1 when it falls, 0 when it does not depend on it (every sample then ties).
    ///   - permutations: samples per cell, at least 1.
    ///   - seed: the stream's seed; cell i uses its own ``PermutationStream`` derived from it, so the
    ///     result does not depend on the number of threads.
    /// - Complexity: O(cells × permutations × neighbours).
    static func pValues(values: [Double], drawCounts: [Int], observedSums: [Double], directions: [Int],
                        permutations: Int, seed: UInt64) -> [Double] {
        let n = values.count
        precondition(permutations >= 1, "at least one permutation")
        var result = [Double](repeating: .nan, count: n)
        guard n > 1 else { return result }
        result.withUnsafeMutableBufferPointer { output in
            let shared = GridUncheckedSendable(output.baseAddress!)
            GridParallel.forEachChunk(n, minimumChunk: 64) { cells in
                // The other cells' indices 0..<n−1, partially shuffled in place: a partial
                // Fisher–Yates shuffle of any permutation draws a uniform sample, so the array
                // need not be reset between draws.
                var pool = Array(0 ..< (n - 1))
                for i in cells {
                    let k = min(drawCounts[i], n - 1)
                    var generator = PermutationStream(seed: seed ^ (UInt64(i) &* 0xD1B5_4A32_D192_ED03))
                    var larger = 0
                    for _ in 0 ..< permutations {
                        var sum = 0.0
                        for m in 0 ..< k {
                            let pick = m + generator.nextInt(below: n - 1 - m)
                            pool.swapAt(m, pick)
                            let j = pool[m]
                            sum += values[j < i ? j : j + 1]
                        }
                        switch directions[i] {
                        case 1: if sum >= observedSums[i] { larger += 1 }
                        case -1: if sum <= observedSums[i] { larger += 1 }
                        default: larger += 1
                        }
                    }
                    let folded = min(larger, permutations - larger)
                    shared.value[i] = Double(folded + 1) / Double(permutations + 1)
                }
            }
        }
        return result
    }
}
