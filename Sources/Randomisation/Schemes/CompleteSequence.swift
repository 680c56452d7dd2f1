/// Complete randomisation of a fixed number of units: exact arm counts, with the leftover units
/// placed so that every unit's probability of each arm is exactly the arm's share of the ratio.
///
/// With N units and ratios r over a total T, arm k first gets floor(N r_k / T) units. The
/// R = N - Σ floor(N r_k / T) leftover units go to arms with probabilities (N r_k / T -
/// floor(N r_k / T)) / R, as R randomizr's `complete_ra` does, so every arm's expected count is
/// exactly N r_k / T and, after a uniform shuffle, every unit's probability of arm k is exactly
/// r_k / T. randomizr draws the leftovers with `sample()`; here they are drawn by systematic
/// sampling on whole numbers (one uniform integer u in 0..<T, then the points u, u + T, ...,
/// u + (R - 1) T against the running sums of N r_k mod T), which gives those probabilities
/// exactly, in rational arithmetic, and never gives an arm more than one leftover unit, so each
/// arm's count is the floor or the ceiling of N r_k / T.
enum CompleteSequence {
    /// The arm (by index) of each of `count` units, in order.
    static func arms(seed: UInt64, label: StreamLabel, count: Int, ratios: [Int]) -> [Int32] {
        var generator = Xoshiro256StarStar(seed: seed, stream: label, index: UInt64(count))
        let extras = leftoverArms(offset: nil, count: count, ratios: ratios, generator: &generator)
        let total = ratios.reduce(0, +)
        var arms: [Int32] = []
        arms.reserveCapacity(count)
        for (arm, ratio) in ratios.enumerated() {
            let floorCount = count * ratio / total + (extras[arm] ? 1 : 0)
            arms.append(contentsOf: repeatElement(Int32(arm), count: floorCount))
        }
        generator.shuffle(&arms)
        return arms
    }

    /// Which arms receive one leftover unit, for systematic offset `offset` in 0..<T (drawn from
    /// `generator` when `nil`). Exposed to the tests, which enumerate every offset to check that
    /// each arm receives a leftover with probability exactly (N r_k mod T) / T.
    static func leftoverArms(offset: Int?, count: Int, ratios: [Int], generator: inout Xoshiro256StarStar) -> [Bool] {
        let total = ratios.reduce(0, +)
        let remainders = ratios.map { count * $0 % total }
        let leftover = remainders.reduce(0, +) / total
        var extras = [Bool](repeating: false, count: ratios.count)
        guard leftover > 0 else { return extras }
        let u = offset ?? generator.uniform(below: total)
        var cumulative = 0
        for (arm, remainder) in remainders.enumerated() {
            // Points u + jT in [cumulative, cumulative + remainder): at most one, as remainder < T.
            let start = cumulative
            cumulative += remainder
            let firstPoint = start <= u ? u : u + ((start - u + total - 1) / total) * total
            extras[arm] = firstPoint < cumulative
        }
        return extras
    }
}
