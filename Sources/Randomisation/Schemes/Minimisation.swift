import StudyProtocol

/// Pocock-Simon minimisation: one step's probabilities, shared by the one-at-a-time and the
/// whole-cohort paths so both give the same arms.
enum Minimisation {
    /// The probability of each arm for the next unit.
    ///
    /// For each candidate arm j, the unit is added to j's count at the unit's level of every
    /// factor; the counts are divided by the arms' ratios (so that 2:1 allocation counts as
    /// balanced when one arm has twice the other), and their imbalance (range, or variance with
    /// divisor K - 1) is summed over factors with the factors' weights, giving G_j. The preferred
    /// arms are those with the smallest G_j (within 1e-12). If every arm is preferred, the
    /// probabilities are the ratio shares. Otherwise one preferred arm t is chosen at random, in
    /// proportion to its ratio (the random tie-break); t gets probability p and the other arms
    /// share 1 - p in proportion to their ratios. The probabilities returned average over the
    /// tie-break, so they are the probabilities actually used at this step.
    ///
    /// - Parameter levelCounts: per factor, the number of earlier units at the new unit's level
    ///   in each arm.
    static func probabilities(levelCounts: [[Int]], settings: MinimisationSettings, ratios: [Int]) -> [Double] {
        let armCount = ratios.count
        var scores = [Double](repeating: 0, count: armCount)
        var adjusted = [Double](repeating: 0, count: armCount)
        for candidate in 0 ..< armCount {
            var score = 0.0
            for (factor, counts) in levelCounts.enumerated() {
                for arm in 0 ..< armCount {
                    adjusted[arm] = Double(counts[arm] + (arm == candidate ? 1 : 0)) / Double(ratios[arm])
                }
                score += settings.weights[factor] * imbalance(adjusted, settings.imbalance)
            }
            scores[candidate] = score
        }
        let best = scores.min()!
        let preferred = scores.map { $0 <= best + 1e-12 }
        let totalRatio = Double(ratios.reduce(0, +))
        if preferred.allSatisfy({ $0 }) {
            return ratios.map { Double($0) / totalRatio }
        }
        let preferredRatio = Double(zip(ratios, preferred).filter(\.1).reduce(0) { $0 + $1.0 })
        var probabilities = [Double](repeating: 0, count: armCount)
        for target in 0 ..< armCount where preferred[target] {
            let chance = Double(ratios[target]) / preferredRatio
            let others = totalRatio - Double(ratios[target])
            for arm in 0 ..< armCount {
                let share = arm == target ? settings.probability : (1 - settings.probability) * Double(ratios[arm]) / others
                probabilities[arm] += chance * share
            }
        }
        return probabilities
    }

    static func imbalance(_ values: [Double], _ measure: MinimisationSettings.ImbalanceMeasure) -> Double {
        switch measure {
        case .range:
            return values.max()! - values.min()!
        case .variance:
            let mean = values.reduce(0, +) / Double(values.count)
            return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        }
    }
}
