/// An integrand on the unit cube for ``RandomisedLatticeRule``.
protocol LatticeIntegrand {
    /// The dimension of the cube; 0 for a constant.
    var dimension: Int { get }
    /// The number of scratch values ``value(at:scratch:)`` needs.
    var scratchCount: Int { get }
    /// The integrand at `point` (`dimension` coordinates in `[0, 1]`).
    func value(at point: UnsafeBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double
}

/// Randomly shifted rank-1 Korobov lattice rules, with the tent (baker's) periodisation and
/// antithetic pairs, refined adaptively: the quasi-Monte Carlo engine of the Genz–Bretz method.
///
/// Round `r` uses the lattice of ``KorobovLattice/rules`` entry `r`, in ``GenzBretzSettings/shiftCount``
/// copies, each shifted by a uniform vector Δ: the points are `x_i = frac(i z / n + Δ)`, each
/// mapped to `u = |2x − 1|` (which makes the periodic lattice rule exact to second order for
/// smooth, non-periodic integrands) and averaged with its mirror `1 − u`. Each copy is an
/// unbiased estimate; their spread estimates the error.
enum RandomisedLatticeRule {
    /// When to stop refining.
    enum Stopping {
        /// Until the error target or the evaluation budget is reached.
        case adaptive
        /// After exactly this many rounds (at least one): the same points for every integrand,
        /// so that an estimate is a smooth function of the integrand's parameters.
        case rounds(Int)
    }

    /// The estimate of the integral, and the number of rounds used.
    static func integrate<Integrand: LatticeIntegrand>(
        _ integrand: Integrand,
        settings: GenzBretzSettings,
        stopping: Stopping = .adaptive
    ) -> (estimate: ProbabilityEstimate, rounds: Int) {
        let dimension = integrand.dimension
        var scratch = [Double](repeating: 0, count: max(integrand.scratchCount, 1))
        if dimension == 0 {
            let value = [Double]().withUnsafeBufferPointer { point in
                scratch.withUnsafeMutableBufferPointer { integrand.value(at: point, scratch: $0) }
            }
            return (ProbabilityEstimate(value: value, absoluteError: 0, evaluations: 1), 0)
        }
        var generator = LatticeShiftGenerator(seed: settings.seed)
        var point = [Double](repeating: 0, count: dimension)
        var mirror = [Double](repeating: 0, count: dimension)
        var shift = [Double](repeating: 0, count: dimension)
        var counters = [Int](repeating: 0, count: dimension)
        var pooledWeight = 0.0, pooledSum = 0.0
        var pooledValue = Double.nan, pooledError = Double.infinity
        var evaluations = 0
        var rounds = 0
        let shiftCount = settings.shiftCount

        for rule in KorobovLattice.rules {
            if case .rounds(let limit) = stopping, rounds == limit { break }
            if case .adaptive = stopping, rounds > 0,
               pooledError <= settings.absoluteError || evaluations + 2 * rule.size * shiftCount > settings.maximumEvaluations {
                break
            }
            let n = rule.size
            let generatorVector = rule.generatingVector(dimension: dimension)
            var estimates = [Double]()
            estimates.reserveCapacity(shiftCount)
            for _ in 0 ..< shiftCount {
                for j in 0 ..< dimension { shift[j] = generator.nextUnit() }
                for j in 0 ..< dimension { counters[j] = 0 }
                var total = 0.0
                for _ in 0 ..< n {
                    for j in 0 ..< dimension {
                        var x = Double(counters[j]) / Double(n) + shift[j]
                        if x >= 1 { x -= 1 }
                        let u = abs(2 * x - 1)
                        point[j] = u
                        mirror[j] = 1 - u
                        counters[j] += generatorVector[j]
                        if counters[j] >= n { counters[j] -= n }
                    }
                    let pair = point.withUnsafeBufferPointer { p in
                        mirror.withUnsafeBufferPointer { m in
                            scratch.withUnsafeMutableBufferPointer { s in
                                integrand.value(at: p, scratch: s) + integrand.value(at: m, scratch: s)
                            }
                        }
                    }
                    total += 0.5 * pair
                }
                estimates.append(total / Double(n))
            }
            evaluations += 2 * n * shiftCount
            rounds += 1
            let mean = estimates.reduce(0, +) / Double(shiftCount)
            let variance = estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                / Double(shiftCount - 1) / Double(shiftCount)
            if variance == 0 && rounds >= 3 {
                // Every copy has agreed exactly for three rounds: the integrand is constant.
                pooledValue = mean
                pooledError = 0
                if case .adaptive = stopping { break }
                continue
            }
            if variance == 0 {
                if pooledWeight == 0 { pooledValue = mean }
                continue
            }
            if pooledError == 0 { continue }
            pooledWeight += 1 / variance
            pooledSum += mean / variance
            pooledValue = pooledSum / pooledWeight
            pooledError = 3.5 * (1 / pooledWeight).squareRoot()
        }
        return (ProbabilityEstimate(value: pooledValue, absoluteError: pooledError, evaluations: evaluations), rounds)
    }
}
