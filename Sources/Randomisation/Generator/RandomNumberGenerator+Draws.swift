extension RandomNumberGenerator {
    /// A uniformly distributed integer in `0 ..< bound`, by Lemire's multiply-and-reject method
    /// (Lemire 2019, "Fast random integer generation in an interval"): exactly unbiased, and
    /// usually one 64-bit draw and one multiplication with no division.
    ///
    /// - Parameter bound: the exclusive upper bound; at least 1.
    /// - Complexity: O(1) expected.
    @inlinable
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "the bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniformly distributed `Int` in `0 ..< bound` (see ``uniform(below:)-(UInt64)``).
    @inlinable
    public mutating func uniform(below bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        return Int(truncatingIfNeeded: uniform(below: UInt64(bound)))
    }

    /// A uniformly distributed `Double` in [0, 1): the top 53 bits of one draw times 2⁻⁵³.
    @inlinable
    public mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `elements` in place by Fisher-Yates from the last element down, each swap partner
    /// drawn with ``uniform(below:)-(Int)``: every order equally likely, and the same order for
    /// the same generator state on every platform.
    ///
    /// - Complexity: O(*n*).
    @inlinable
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        var index = elements.count - 1
        while index > 0 {
            let other = uniform(below: index + 1)
            if other != index { elements.swapAt(index, other) }
            index -= 1
        }
    }

    /// An index drawn with probability proportional to `weights` (non-negative, positive sum),
    /// using one ``unitInterval()`` draw against the running sum.
    @inlinable
    public mutating func index(weightedBy weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights must have a positive sum")
        let target = unitInterval() * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() where weight > 0 {
            cumulative += weight
            if target < cumulative { return index }
        }
        return weights.lastIndex { $0 > 0 }!
    }
}
