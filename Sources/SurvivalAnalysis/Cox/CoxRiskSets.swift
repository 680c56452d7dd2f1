import Foundation

/// People sorted by stratum and follow-up time, with centred covariates, for the passes of a
/// Cox fit: each pass walks risk sets backwards in time, adding people at the end of their
/// interval (and, for counting-process data, taking them out again at its start), so every
/// derivative is a running sum and a pass costs O(n p²).
///
/// Each row is an interval (entry, exit] with an event or censoring at its exit. A row is at
/// risk at an event time t when entry < t ≤ exit, as R survival's `Surv(start, stop, event)`;
/// without entry times every row enters at −∞. Case weights multiply each row's contribution
/// to the partial likelihood, as `coxph(weights =)`.
struct CoxRiskSets {
    let count: Int
    let p: Int
    /// Row-major n × p covariates in sorted order, centred and scaled (see `scale`).
    let x: [Double]
    /// Each column's scale factor: a coefficient on the original scale is the internal one
    /// times its factor.
    let scale: [Double]
    let time: [Double]
    let event: [Bool]
    let stratum: [Int]
    /// Each sorted row's case weight (all 1 without weights).
    let weight: [Double]
    /// Each sorted row's entry time, or `nil` when every row is at risk from the start.
    let entry: [Double]?
    /// Sorted positions ordered by (stratum, entry), for taking rows out of the risk set.
    let entryOrder: [Int]
    /// The original row of each sorted position.
    let originalRow: [Int]
    /// Start of each (stratum, time) block in sorted order, plus `count` at the end.
    let blockStarts: [Int]
    let ties: TieMethod

    init(time: [Double], entry: [Double]? = nil, event: [Bool], covariates: [[Double]], weights: [Double]? = nil,
         strata: [Int]?, ties: TieMethod) {
        let n = time.count, p = covariates.count
        let stratumOf = strata ?? [Int](repeating: 0, count: n)
        // Sorting the keys themselves is much faster than sorting indices through a closure.
        var keys = (0 ..< n).map { (stratumOf[$0], time[$0], $0) }
        keys.sort { $0 < $1 }
        let order = keys.map(\.2)
        let w = weights ?? [Double](repeating: 1, count: n)
        let totalWeight = w.reduce(0, +)
        // As coxph: columns other than indicators (values in −1, 0, 1) are centred at their
        // weighted mean and scaled by Σw / Σw|x − mean|, which steadies the fit and sets the
        // scale on which the singularity tolerance acts; coefficients are mapped back by `scale`.
        var x = [Double](repeating: 0, count: n * p)
        var scale = [Double](repeating: 1, count: p)
        for j in 0 ..< p {
            let column = covariates[j]
            var mean = 0.0, factor = 1.0
            if !column.allSatisfy({ $0 == 0 || $0 == 1 || $0 == -1 }) {
                mean = zip(column, w).reduce(0) { $0 + $1.0 * $1.1 } / max(totalWeight, .leastNormalMagnitude)
                let spread = zip(column, w).reduce(0) { $0 + $1.1 * abs($1.0 - mean) }
                factor = spread > 0 ? totalWeight / spread : 1
            }
            scale[j] = factor
            for (position, row) in order.enumerated() { x[position * p + j] = (column[row] - mean) * factor }
        }
        self.scale = scale
        self.count = n
        self.p = p
        self.x = x
        self.time = order.map { time[$0] }
        self.event = order.map { event[$0] }
        self.stratum = order.map { stratumOf[$0] }
        self.weight = order.map { w[$0] }
        self.originalRow = order
        if let entry {
            let sortedEntry = order.map { entry[$0] }
            var entryKeys = (0 ..< n).map { (stratumOf[order[$0]], sortedEntry[$0], $0) }
            entryKeys.sort { $0 < $1 }
            self.entry = sortedEntry
            self.entryOrder = entryKeys.map(\.2)
        } else {
            self.entry = nil
            self.entryOrder = []
        }
        var starts: [Int] = []
        for i in 0 ..< n where i == 0 || self.stratum[i] != self.stratum[i - 1] || self.time[i] != self.time[i - 1] {
            starts.append(i)
        }
        starts.append(n)
        self.blockStarts = starts
        self.ties = ties
    }

    /// The linear predictor (centred covariates) of each sorted person.
    func linearPredictor(_ beta: [Double]) -> [Double] {
        var eta = [Double](repeating: 0, count: count)
        for i in 0 ..< count {
            var sum = 0.0
            for j in 0 ..< p { sum += x[i * p + j] * beta[j] }
            eta[i] = sum
        }
        return eta
    }

    /// The partial log-likelihood, score and information at `beta`.
    ///
    /// With `timeWeights` (one per sorted person, equal within a time), also the score and
    /// information of the extended model with covariates x·g(t), at g's coefficients zero: the
    /// pieces of the proportional-hazards score test. The extended information is 2p × 2p,
    /// row-major.
    ///
    /// With case weights w, each row's risk is w·exp(η); tied events share their mean weight
    /// across Efron's fractions, as R survival's `coxfit6` and `agfit4`.
    func derivatives(_ beta: [Double], timeWeights: [Double]? = nil) -> Derivatives {
        let p = self.p
        let q = timeWeights == nil ? p : 2 * p
        let eta = linearPredictor(beta)
        var logLikelihood = 0.0
        var u = [Double](repeating: 0, count: q)
        var imat = [Double](repeating: 0, count: q * q)
        var denom = 0.0, denom2 = 0.0
        var currentStratum = Int.min
        // Working sums in one zeroed allocation: this loop is the whole cost of a fit.
        let work = UnsafeMutablePointer<Double>.allocate(capacity: 4 * p + 4 * p * p)
        work.initialize(repeating: 0, count: 4 * p + 4 * p * p)
        defer { work.deallocate() }
        let a = work, a2 = work + p, ut = work + 2 * p, ak = work + 3 * p
        let cmat = work + 4 * p, cmat2 = cmat + p * p, it = cmat2 + p * p
        // Counting-process data: rows leave the risk set, walking back in time, once the time
        // reaches their entry; `leaving` walks `entryOrder` from its end.
        var leaving = entryOrder.count - 1

        x.withUnsafeBufferPointer { xBuffer in
        eta.withUnsafeBufferPointer { etaBuffer in
        event.withUnsafeBufferPointer { eventBuffer in
        weight.withUnsafeBufferPointer { weightBuffer in
        let x = xBuffer.baseAddress!, eta = etaBuffer.baseAddress!, event = eventBuffer.baseAddress!
        let weight = weightBuffer.baseAddress!
        for block in stride(from: blockStarts.count - 2, through: 0, by: -1) {
            let first = blockStarts[block], end = blockStarts[block + 1]
            if stratum[first] != currentStratum {
                currentStratum = stratum[first]
                denom = 0
                for j in 0 ..< p { a[j] = 0 }
                for j in 0 ..< p * p { cmat[j] = 0 }
            }
            var deaths = 0
            var deathWeight = 0.0
            denom2 = 0
            for j in 0 ..< p { a2[j] = 0; ut[j] = 0 }
            for j in 0 ..< p * p { cmat2[j] = 0 }
            for i in first ..< end {
                let risk = weight[i] * exp(eta[i])
                let row = i * p
                denom += risk
                for j in 0 ..< p {
                    let xr = risk * x[row + j]
                    a[j] += xr
                    for k in 0 ... j { cmat[j * p + k] += xr * x[row + k] }
                }
                if event[i] {
                    deaths += 1
                    deathWeight += weight[i]
                    denom2 += risk
                    logLikelihood += weight[i] * eta[i]
                    for j in 0 ..< p {
                        let xr = risk * x[row + j]
                        a2[j] += xr
                        ut[j] += weight[i] * x[row + j]
                        for k in 0 ... j { cmat2[j * p + k] += xr * x[row + k] }
                    }
                }
            }
            if let entry {
                let t = time[first]
                while leaving >= 0 && stratum[entryOrder[leaving]] > currentStratum { leaving -= 1 }
                while leaving >= 0 && stratum[entryOrder[leaving]] == currentStratum && entry[entryOrder[leaving]] >= t {
                    let i = entryOrder[leaving]
                    let risk = weight[i] * exp(eta[i])
                    let row = i * p
                    denom -= risk
                    for j in 0 ..< p {
                        let xr = risk * x[row + j]
                        a[j] -= xr
                        for k in 0 ... j { cmat[j * p + k] -= xr * x[row + k] }
                    }
                    leaving -= 1
                }
            }
            guard deaths > 0 else { continue }
            for j in 0 ..< p * p { it[j] = 0 }
            let d = Double(deaths)
            if ties == .breslow || deaths == 1 {
                logLikelihood -= deathWeight * log(denom)
                for j in 0 ..< p {
                    let mean = a[j] / denom
                    ut[j] -= deathWeight * mean
                    for l in 0 ... j { it[j * p + l] += deathWeight * (cmat[j * p + l] - mean * a[l]) / denom }
                }
            } else {
                // Efron: the k-th of d tied deaths sees the risk set with the deaths weighted
                // k/d, k = 1...d, and carries the deaths' mean case weight. Each term is linear
                // in k/d, so the d terms collapse into five scalar sums and the cost per time is
                // O(d + p²), not O(d p²).
                let meanWeight = deathWeight / d
                let base = denom - denom2
                var s1 = 0.0, sf1 = 0.0, s2 = 0.0, sf2 = 0.0, sff2 = 0.0
                for k in 1 ... deaths {
                    let f = Double(k) / d
                    let dk = base + f * denom2
                    logLikelihood -= meanWeight * log(dk)
                    let inverse = 1 / dk, inverse2 = inverse * inverse
                    s1 += inverse
                    sf1 += f * inverse
                    s2 += inverse2
                    sf2 += f * inverse2
                    sff2 += f * f * inverse2
                }
                s1 *= meanWeight; sf1 *= meanWeight; s2 *= meanWeight; sf2 *= meanWeight; sff2 *= meanWeight
                for j in 0 ..< p { ak[j] = a[j] - a2[j] }
                for j in 0 ..< p {
                    ut[j] -= ak[j] * s1 + a2[j] * sf1
                    for l in 0 ... j {
                        let c0 = cmat[j * p + l] - cmat2[j * p + l]
                        it[j * p + l] += c0 * s1 + cmat2[j * p + l] * sf1
                            - (ak[j] * ak[l] * s2 + (ak[j] * a2[l] + a2[j] * ak[l]) * sf2 + a2[j] * a2[l] * sff2)
                    }
                }
            }
            for j in 0 ..< p { for l in 0 ..< j { it[l * p + j] = it[j * p + l] } }
            for j in 0 ..< p { u[j] += ut[j] }
            for j in 0 ..< p { for l in 0 ..< p { imat[j * q + l] += it[j * p + l] } }
            if let timeWeights {
                let g = timeWeights[first]
                for j in 0 ..< p {
                    u[p + j] += g * ut[j]
                    for l in 0 ..< p {
                        let value = it[j * p + l]
                        imat[(p + j) * q + l] += g * value
                        imat[j * q + (p + l)] += g * value
                        imat[(p + j) * q + (p + l)] += g * g * value
                    }
                }
            }
        }
        }
        }
        }
        }
        return Derivatives(logLikelihood: logLikelihood, score: u, information: imat, order: q)
    }

    /// Weighted score residuals at `beta`, one row of p per original row (row-major n × p):
    /// each row's contribution to the score, with Efron's or Breslow's treatment of ties, times
    /// its case weight, as R survival's `residuals(fit, type = "score", weighted = TRUE)`. A row
    /// of counting-process data collects the risk-set terms of event times in (entry, exit] only.
    func scoreResiduals(_ beta: [Double]) -> [Double] {
        let p = self.p
        let eta = linearPredictor(beta)
        let expEta = eta.map { exp($0) }
        let blockCount = blockStarts.count - 1
        // Per event time: Σ h_k, Σ h_k x̄_k, Σ x̄_k / d, Σ h_k (1 − f_k), Σ h_k (1 − f_k) x̄_k, where
        // h_k is the k-th tied death's hazard increment (its mean case weight over its risk set).
        var h0 = [Double](repeating: 0, count: blockCount), g0 = h0
        var h1 = [Double](repeating: 0, count: blockCount * p), g1 = h1, m = h1
        var a = [Double](repeating: 0, count: p), a2 = a
        var denom = 0.0
        var currentStratum = Int.min
        var leaving = entryOrder.count - 1
        for block in stride(from: blockCount - 1, through: 0, by: -1) {
            let first = blockStarts[block], end = blockStarts[block + 1]
            if stratum[first] != currentStratum {
                currentStratum = stratum[first]
                denom = 0
                for j in 0 ..< p { a[j] = 0 }
            }
            var deaths = 0, denom2 = 0.0, deathWeight = 0.0
            for j in 0 ..< p { a2[j] = 0 }
            for i in first ..< end {
                let risk = weight[i] * expEta[i]
                denom += risk
                for j in 0 ..< p { a[j] += risk * x[i * p + j] }
                if event[i] {
                    deaths += 1
                    deathWeight += weight[i]
                    denom2 += risk
                    for j in 0 ..< p { a2[j] += risk * x[i * p + j] }
                }
            }
            if let entry {
                let t = time[first]
                while leaving >= 0 && stratum[entryOrder[leaving]] > currentStratum { leaving -= 1 }
                while leaving >= 0 && stratum[entryOrder[leaving]] == currentStratum && entry[entryOrder[leaving]] >= t {
                    let i = entryOrder[leaving]
                    let risk = weight[i] * expEta[i]
                    denom -= risk
                    for j in 0 ..< p { a[j] -= risk * x[i * p + j] }
                    leaving -= 1
                }
            }
            guard deaths > 0 else { continue }
            let d = Double(deaths)
            let meanWeight = deathWeight / d
            for k in 0 ..< deaths {
                let f = ties == .efron ? Double(k) / d : 0
                let dk = denom - f * denom2
                let h = meanWeight / dk
                h0[block] += h
                g0[block] += h * (1 - f)
                for j in 0 ..< p {
                    let mean = (a[j] - f * a2[j]) / dk
                    h1[block * p + j] += h * mean
                    g1[block * p + j] += h * (1 - f) * mean
                    m[block * p + j] += mean / d
                }
            }
        }
        // The running sums at each row's entry: the event times up to and including it, which
        // are not in the row's risk sets.
        var atEntry0 = [Double](repeating: 0, count: entry == nil ? 0 : count)
        var atEntry1 = [Double](repeating: 0, count: entry == nil ? 0 : count * p)
        var residuals = [Double](repeating: 0, count: count * p)
        var c0 = 0.0, c1 = [Double](repeating: 0, count: p)
        var entering = 0
        func recordEntries(before limit: Double, stratum s: Int) {
            guard let entry else { return }
            while entering < entryOrder.count && stratum[entryOrder[entering]] == s && entry[entryOrder[entering]] < limit {
                let i = entryOrder[entering]
                atEntry0[i] = c0
                for j in 0 ..< p { atEntry1[i * p + j] = c1[j] }
                entering += 1
            }
        }
        currentStratum = Int.min
        for block in 0 ..< blockCount {
            let first = blockStarts[block], end = blockStarts[block + 1]
            if stratum[first] != currentStratum {
                recordEntries(before: .infinity, stratum: currentStratum)
                currentStratum = stratum[first]
                c0 = 0
                for j in 0 ..< p { c1[j] = 0 }
            }
            recordEntries(before: time[first], stratum: currentStratum)
            // Deaths see earlier times in full and their own time with Efron's weights.
            for i in first ..< end where event[i] {
                let out = originalRow[i] * p
                let e0 = entry == nil ? 0 : atEntry0[i]
                for j in 0 ..< p {
                    let xi = x[i * p + j]
                    let e1 = entry == nil ? 0 : atEntry1[i * p + j]
                    residuals[out + j] = weight[i] * ((xi - m[block * p + j])
                        - expEta[i] * (xi * g0[block] - g1[block * p + j])
                        - expEta[i] * (xi * (c0 - e0) - (c1[j] - e1)))
                }
            }
            c0 += h0[block]
            for j in 0 ..< p { c1[j] += h1[block * p + j] }
            for i in first ..< end where !event[i] {
                let out = originalRow[i] * p
                let e0 = entry == nil ? 0 : atEntry0[i]
                for j in 0 ..< p {
                    let e1 = entry == nil ? 0 : atEntry1[i * p + j]
                    residuals[out + j] = -weight[i] * expEta[i] * (x[i * p + j] * (c0 - e0) - (c1[j] - e1))
                }
            }
        }
        return residuals
    }

    /// The partial log-likelihood and its first two derivatives.
    struct Derivatives {
        let logLikelihood: Double
        let score: [Double]
        /// Row-major order × order.
        let information: [Double]
        let order: Int
    }
}
