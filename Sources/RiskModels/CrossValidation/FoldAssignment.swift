/// Which cross-validation fold each person belongs to, folds numbered 1 to K.
public struct FoldAssignment: Hashable, Sendable {
    /// Each person's fold, 1 to ``foldCount``.
    public let folds: [Int]
    /// The number of folds.
    public let foldCount: Int

    /// Uses a given assignment (for example glmnet's `foldid`).
    ///
    /// - Parameter folds: One fold number per person, 1 to K, every fold non-empty and K ≥ 3
    ///   (as cv.glmnet: fewer folds give no usable standard error).
    /// - Throws: ``RiskModelError/invalidFoldAssignment(reason:)``.
    public init(folds: [Int]) throws {
        guard let largest = folds.max(), let smallest = folds.min(), smallest >= 1 else {
            throw RiskModelError.invalidFoldAssignment(reason: "fold numbers must start at 1")
        }
        guard largest >= 3 else {
            throw RiskModelError.invalidFoldAssignment(reason: "it has \(largest) folds; cross-validation needs at least 3")
        }
        var used = [Bool](repeating: false, count: largest + 1)
        for fold in folds { used[fold] = true }
        if let empty = (1 ... largest).first(where: { !used[$0] }) {
            throw RiskModelError.invalidFoldAssignment(reason: "fold \(empty) of 1...\(largest) has no people")
        }
        self.folds = folds
        foldCount = largest
    }

    /// Assigns people to `count` folds of sizes differing by at most one, in random order: the
    /// fold numbers 1, 2, …, K, 1, 2, … shuffled, as cv.glmnet does.
    ///
    /// The shuffle is Fisher–Yates with draws by Lemire's multiply-and-reject method from the
    /// generator's 64-bit outputs, so a seeded generator gives the same folds on any machine.
    ///
    /// - Parameters:
    ///   - people: The number of people.
    ///   - count: The number of folds, at least 3 (as cv.glmnet).
    ///   - generator: The source of randomness.
    /// - Throws: ``RiskModelError/invalidSetting(setting:value:reason:)`` for fewer than 2 folds;
    ///   ``RiskModelError/tooFewPeopleForFolds(people:folds:)`` for fewer people than folds.
    public init(people: Int, folds count: Int, using generator: inout some RandomNumberGenerator) throws {
        guard count >= 3 else {
            throw RiskModelError.invalidSetting(setting: "folds", value: "\(count)", reason: "cross-validation needs at least 3 folds")
        }
        guard people >= count else { throw RiskModelError.tooFewPeopleForFolds(people: people, folds: count) }
        var folds = (0 ..< people).map { $0 % count + 1 }
        for i in stride(from: people - 1, to: 0, by: -1) {
            folds.swapAt(i, Self.uniform(below: UInt64(i + 1), using: &generator))
        }
        self.folds = folds
        foldCount = count
    }

    /// Assigns people to folds from a seed, reproducibly (see ``init(people:folds:using:)``).
    public init(people: Int, folds count: Int, seed: UInt64) throws {
        var generator = FoldShuffleGenerator(seed: seed)
        try self.init(people: people, folds: count, using: &generator)
    }

    /// The people in fold `fold`, and everyone else, as row indices.
    func split(_ fold: Int) -> (held: [Int], training: [Int]) {
        var held: [Int] = [], training: [Int] = []
        for (row, f) in folds.enumerated() {
            if f == fold { held.append(row) } else { training.append(row) }
        }
        return (held, training)
    }

    /// A uniform integer in 0 ..< bound (Lemire 2019), independent of the standard library's
    /// choice of algorithm.
    private static func uniform(below bound: UInt64, using generator: inout some RandomNumberGenerator) -> Int {
        var product = generator.next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = generator.next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): the seeded generator behind
/// ``FoldAssignment/init(people:folds:seed:)``.
struct FoldShuffleGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
