extension RandomisationInference {
    /// The test-inversion interval of intervention arm `a` (see
    /// ``test(_:statistic:variance:intervalLevel:drawsPerChunk:progress:)``).
    func invert(arm a: Int, observed: DrawEvaluation, draws: DrawEvaluation, statistic: RandomisationStatistic,
                level: Double, enumerates: Bool) -> RandomisationInterval {
        let alpha = 1 - level
        let r = draws.alpha[a].count
        let estimate = observed.alpha[a][0]

        func absoluteStatistic(_ evaluation: DrawEvaluation, _ index: Int, _ effect: Double) -> Double {
            let value = evaluation.alpha[a][index] - effect * evaluation.beta[a][index]
            guard statistic == .studentised else { return abs(value) }
            let variance = evaluation.varianceConstant[a][index] - 2 * effect * evaluation.varianceLinear[a][index]
                + effect * effect * evaluation.varianceQuadratic[a][index]
            return abs(value) / max(variance, 0).squareRoot()
        }
        func pValue(_ effect: Double) -> Double {
            let observedValue = absoluteStatistic(observed, 0, effect)
            let threshold = observedValue - 1e-10 * observedValue
            var extreme = 0
            for index in 0 ..< r {
                let value = absoluteStatistic(draws, index, effect)
                if value.isNaN || value >= threshold { extreme += 1 }
            }
            return enumerates ? Double(extreme) / Double(r) : Double(1 + extreme) / Double(1 + r)
        }

        // The scale of a step: the observed standard error, or the spread of the draws' estimates.
        var scale: Double
        if statistic == .studentised {
            scale = max(observed.varianceConstant[a][0], 0).squareRoot()
        } else {
            let values = draws.alpha[a].filter { $0.isFinite }
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            scale = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count - 1, 1))).squareRoot()
        }
        if !(scale > 0) { scale = max(abs(estimate), 1) * 1e-3 }

        func limit(direction: Double) -> Double {
            var inside = estimate, step = scale
            var outside = estimate + direction * step
            var found = false
            for _ in 0 ..< 60 {
                if pValue(outside) <= alpha { found = true; break }
                inside = outside
                step *= 2
                outside = estimate + direction * step
            }
            guard found else { return direction * .infinity }
            let tolerance = 1e-9 * scale
            for _ in 0 ..< 200 where abs(outside - inside) > tolerance {
                let middle = (inside + outside) / 2
                if pValue(middle) <= alpha { outside = middle } else { inside = middle }
            }
            return (inside + outside) / 2
        }
        return RandomisationInterval(lower: limit(direction: -1), upper: limit(direction: 1))
    }
}
