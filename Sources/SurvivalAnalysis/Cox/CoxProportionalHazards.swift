import Foundation

/// A Cox proportional-hazards model fitted by Newton-Raphson on the partial likelihood.
///
/// The fit follows R survival's `coxph` step for step: covariates other than indicators centred
/// and scaled, start at β = 0, Newton steps with step halving when the log-likelihood falls, and
/// convergence when
/// |1 − ℓ_old / ℓ_new| ≤ 1e-9 (`coxph.control(eps = 1e-9, iter.max = 20)`). Ties are handled by
/// Efron's approximation (default) or Breslow's; strata each have their own baseline hazard
/// (`strata(block)`). The robust variance is the dfbeta sandwich, summed within clusters when
/// there are clusters (`coxph(..., robust = TRUE)` or `cluster = id`).
///
/// Rows may be intervals (entry, exit] of counting-process data, for time-varying covariates
/// or delayed entry: a row is at risk at time t when entry < t ≤ exit
/// (`coxph(Surv(start, stop, event) ~ ...)`). Case weights multiply each row's contribution to
/// the partial likelihood, its score and information; the robust variance then sums weighted
/// dfbeta residuals (`coxph(..., weights = w)`).
///
/// Estimates agree with `coxph` to 1e-6 relative or better (see the package's test fixtures).
public struct CoxProportionalHazards: Sendable {
    /// The names of the coefficients, in order.
    public let columnNames: [String]
    /// The log hazard ratios.
    public let coefficients: [Double]
    /// The inverse information at the estimate (row-major p × p).
    public let modelBasedCovariance: [Double]
    /// The robust sandwich covariance (row-major), or `nil` when not asked for.
    public let robustCovariance: [Double]?
    /// The number of clusters of the robust variance, or `nil` without clusters.
    public let clusterCount: Int?
    /// The partial log-likelihood at β = 0 and at the estimate.
    public let logLikelihood: (null: Double, fitted: Double)
    /// Newton-Raphson iterations used.
    public let iterations: Int
    /// People and events in the fit.
    public let count: Int, eventCount: Int
    /// The tie method.
    public let ties: TieMethod
    /// The likelihood-ratio test that every coefficient is zero.
    public let likelihoodRatioTest: ChiSquareTest
    /// The score (log-rank) test that every coefficient is zero, at β = 0.
    public let scoreTest: ChiSquareTest
    /// The Wald test that every coefficient is zero, with ``covariance``.
    public let waldTest: ChiSquareTest
    /// The robust score test at β = 0 (coxph's "Robust" line), or `nil` without a robust variance.
    public let robustScoreTest: ChiSquareTest?

    let riskSets: CoxRiskSets
    /// The coefficients on the internal (centred and scaled) covariates of `riskSets`.
    let internalCoefficients: [Double]

    /// The covariance used for inference: robust when computed, otherwise model-based.
    public var covariance: [Double] { robustCovariance ?? modelBasedCovariance }

    /// The standard errors from ``covariance``.
    public var standardErrors: [Double] {
        let p = coefficients.count
        return (0 ..< p).map { covariance[$0 * p + $0].squareRoot() }
    }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - times: Follow-up times.
    ///   - events: Whether each person had the event (else censored at their time).
    ///   - covariates: One array per coefficient (arm indicators, covariates), each of n values.
    ///   - columnNames: Their names, for errors and reports.
    ///   - entryTimes: Each row's entry time for counting-process data, or `nil` (default) when
    ///     every row is at risk from time zero; each entry must be below its row's time.
    ///   - weights: Each row's case weight (finite and positive), or `nil` (default) for 1.
    ///   - strata: Each person's stratum, or `nil`.
    ///   - clusters: Each person's cluster, or `nil`; with clusters the robust variance sums dfbeta
    ///     residuals within clusters.
    ///   - ties: Default ``TieMethod/efron``.
    ///   - variance: Default `nil`: robust with clusters or with weights that are not whole
    ///     numbers (as coxph), model-based otherwise.
    ///   - maximumIterations: Default 20 (coxph's `iter.max`).
    /// - Throws: ``SurvivalAnalysisError/singularInformation(columns:)`` when columns are collinear
    ///   or constant, ``SurvivalAnalysisError/monotoneLikelihood(columns:)`` when a coefficient is
    ///   infinite (perfect separation, where coxph warns "coefficient may be infinite"), ``SurvivalAnalysisError/notConverged(iterations:logLikelihoods:)`` when the
    ///   fit does not converge (as when a coefficient is infinite), and
    ///   ``SurvivalAnalysisError/clusters(_:)`` with fewer than two clusters,
    ///   ``SurvivalAnalysisError/intervalOrder(entryColumn:exitColumn:row:count:)`` when an entry
    ///   time is not below its row's time, and
    ///   ``SurvivalAnalysisError/nonPositiveWeight(column:row:value:)`` for a weight that is not
    ///   finite and positive.
    /// - Complexity: O(n log n) to sort, then O(n p²) per iteration.
    public init(times: [Double], entryTimes: [Double]? = nil, events: [Bool], covariates: [[Double]],
                columnNames: [String], weights: [Double]? = nil, strata: [Int]? = nil, clusters: [Int]? = nil,
                ties: TieMethod = .efron, variance: CoxVariance? = nil, maximumIterations: Int = 20) throws {
        let p = covariates.count
        precondition(columnNames.count == p && covariates.allSatisfy { $0.count == times.count } && events.count == times.count
                     && (entryTimes?.count ?? times.count) == times.count && (weights?.count ?? times.count) == times.count,
                     "Cox model inputs must have matching lengths")
        if let entryTimes {
            let bad = times.indices.filter { !(entryTimes[$0] < times[$0]) }
            if let first = bad.first {
                throw SurvivalAnalysisError.intervalOrder(entryColumn: "entry", exitColumn: "time", row: first, count: bad.count)
            }
        }
        if let weights, let row = weights.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw SurvivalAnalysisError.nonPositiveWeight(column: "weights", row: row, value: weights[row])
        }
        let sets = CoxRiskSets(time: times, entry: entryTimes, event: events, covariates: covariates, weights: weights,
                               strata: strata, ties: ties)
        let eps = 1e-9

        var beta = [Double](repeating: 0, count: p)
        let start = sets.derivatives(beta)
        let startFactor = SymmetricLDL(start.information, order: p)
        if !startFactor.singularColumns.isEmpty {
            throw SurvivalAnalysisError.singularInformation(columns: startFactor.singularColumns.map { columnNames[$0] })
        }
        let step0 = startFactor.solve(start.score)
        scoreTest = ChiSquareTest(statistic: zip(step0, start.score).reduce(0) { $0 + $1.0 * $1.1 }, degreesOfFreedom: p)

        var best = start.logLikelihood
        var history = [best]
        var newBeta = zip(beta, step0).map { $0 + $1 }
        var halving = 0
        var converged: CoxRiskSets.Derivatives? = nil
        var iteration = 0
        while iteration < maximumIterations {
            iteration += 1
            let current = sets.derivatives(newBeta)
            history.append(current.logLikelihood)
            let finite = current.logLikelihood.isFinite
            if finite && abs(1 - best / current.logLikelihood) <= eps {
                converged = current
                break
            }
            if iteration == maximumIterations { break }
            if !finite || current.logLikelihood < best {
                halving += 1
                let weight = Double(halving)
                newBeta = zip(newBeta, beta).map { ($0 + weight * $1) / (weight + 1) }
            } else {
                halving = 0
                best = current.logLikelihood
                let step = SymmetricLDL(current.information, order: p).solve(current.score)
                beta = newBeta
                newBeta = zip(newBeta, step).map { $0 + $1 }
            }
        }
        let scale = sets.scale
        guard let final = converged else {
            // As coxph, judge the last accepted β: a coefficient running off to infinity is
            // named as such; anything else is plain non-convergence.
            let last = sets.derivatives(beta)
            let factor = SymmetricLDL(last.information, order: p)
            let infinite = Self.infiniteColumns(beta: beta, derivatives: last, inverse: factor.inverse(), scale: scale, eps: eps)
            if !infinite.isEmpty {
                throw SurvivalAnalysisError.monotoneLikelihood(columns: infinite.map { columnNames[$0] })
            }
            throw SurvivalAnalysisError.notConverged(iterations: iteration, logLikelihoods: history)
        }
        let finalFactor = SymmetricLDL(final.information, order: p)
        if !finalFactor.singularColumns.isEmpty {
            throw SurvivalAnalysisError.singularInformation(columns: finalFactor.singularColumns.map { columnNames[$0] })
        }
        let inverse = finalFactor.inverse()
        let infinite = Self.infiniteColumns(beta: newBeta, derivatives: final, inverse: inverse, scale: scale, eps: eps)
        if !infinite.isEmpty {
            throw SurvivalAnalysisError.monotoneLikelihood(columns: infinite.map { columnNames[$0] })
        }

        self.columnNames = columnNames
        internalCoefficients = newBeta
        coefficients = zip(newBeta, scale).map { $0 * $1 }
        modelBasedCovariance = Self.rescaled(inverse, scale)
        logLikelihood = (start.logLikelihood, final.logLikelihood)
        iterations = iteration
        count = times.count
        eventCount = events.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.ties = ties
        riskSets = sets
        likelihoodRatioTest = ChiSquareTest(statistic: 2 * (final.logLikelihood - start.logLikelihood), degreesOfFreedom: p)

        let useRobust = (variance ?? Self.defaultVariance(clustered: clusters != nil, weights: weights)) == .robust
        if useRobust {
            if let clusters {
                let distinct = Set(clusters).count
                guard distinct >= 2 else {
                    throw SurvivalAnalysisError.clusters("the robust variance needs two or more clusters, but the data have \(distinct)")
                }
                clusterCount = distinct
            } else {
                clusterCount = nil
            }
            let meat = Self.clusteredCrossProduct(sets.scoreResiduals(newBeta), p: p, clusters: clusters)
            let robust = Self.rescaled(Self.sandwich(bread: inverse, meat: meat, p: p), scale)
            robustCovariance = robust
            waldTest = ChiSquareTest.wald(coefficients, covariance: robust)
            let nullResiduals = sets.scoreResiduals([Double](repeating: 0, count: p))
            let nullMeat = Self.clusteredCrossProduct(nullResiduals, p: p, clusters: clusters)
            robustScoreTest = ChiSquareTest.wald(start.score, covariance: nullMeat)
        } else {
            clusterCount = nil
            robustCovariance = nil
            robustScoreTest = nil
            waldTest = ChiSquareTest.wald(coefficients, covariance: modelBasedCovariance)
        }
    }

    /// coxph's default variance: robust with clusters or with case weights that are not whole
    /// numbers (sampling weights), model-based otherwise.
    public static func defaultVariance(clustered: Bool, weights: [Double]?) -> CoxVariance {
        if clustered { return .robust }
        if let weights, weights.contains(where: { $0 != $0.rounded(.down) }) { return .robust }
        return .modelBased
    }

    /// Σ_c u_c u_cᵀ over clusters (or people) of summed score residuals.
    static func clusteredCrossProduct(_ residuals: [Double], p: Int, clusters: [Int]?) -> [Double] {
        var sums = residuals
        var groupCount = residuals.count / max(p, 1)
        if let clusters {
            let ids = Dictionary(Set(clusters).sorted().enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            groupCount = ids.count
            sums = [Double](repeating: 0, count: groupCount * p)
            for (row, cluster) in clusters.enumerated() {
                let g = ids[cluster]!
                for j in 0 ..< p { sums[g * p + j] += residuals[row * p + j] }
            }
        }
        var product = [Double](repeating: 0, count: p * p)
        for g in 0 ..< groupCount {
            for j in 0 ..< p {
                let value = sums[g * p + j]
                for k in 0 ... j { product[j * p + k] += value * sums[g * p + k] }
            }
        }
        for j in 0 ..< p { for k in 0 ..< j { product[k * p + j] = product[j * p + k] } }
        return product
    }

    /// coxph's check for coefficients running off to infinity (monotone likelihood): the Newton
    /// step still left, on the covariates' own scale, is large against the coefficient itself.
    static func infiniteColumns(beta: [Double], derivatives: CoxRiskSets.Derivatives, inverse: [Double],
                                scale: [Double], eps: Double) -> [Int] {
        let p = beta.count
        return (0 ..< p).filter { j in
            let remaining = scale[j] * abs((0 ..< p).reduce(0) { $0 + derivatives.score[$1] * inverse[$1 * p + j] })
            return remaining > eps && remaining > eps.squareRoot() * abs(beta[j] * scale[j])
        }
    }

    /// A covariance on the internal scale mapped to the covariates' own scale.
    static func rescaled(_ covariance: [Double], _ scale: [Double]) -> [Double] {
        let p = scale.count
        var result = covariance
        for i in 0 ..< p { for j in 0 ..< p { result[i * p + j] *= scale[i] * scale[j] } }
        return result
    }

    /// bread · meat · bread for symmetric row-major p × p matrices.
    static func sandwich(bread: [Double], meat: [Double], p: Int) -> [Double] {
        func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
            var c = [Double](repeating: 0, count: p * p)
            for i in 0 ..< p { for k in 0 ..< p { let aik = a[i * p + k]; for j in 0 ..< p { c[i * p + j] += aik * b[k * p + j] } } }
            return c
        }
        return multiply(multiply(bread, meat), bread)
    }
}
