/// The test statistics of every draw of an ``AssignmentDraws``.
public struct RandomisationDrawStatistics: Sendable, Hashable {
    /// The estimates: `estimates[a][r]` is intervention arm a's coefficient (in the order of
    /// ``RandomisationInference/interventionArms``) under draw r; NaN when that draw leaves the
    /// arms not estimable.
    public let estimates: [[Double]]
    /// The standard errors, `[arm][draw]`, with the chosen robust variance (NaN where
    /// undefined); empty for the estimate statistic.
    public let standardErrors: [[Double]]
    /// The joint Wald statistic of each draw: with the classical variance for the estimate
    /// statistic, with the chosen robust variance for the studentised one (NaN when not
    /// estimable).
    public let wald: [Double]
}

/// A confidence interval for one arm's effect found by inverting the randomisation test.
public struct RandomisationInterval: Sendable, Hashable {
    /// The lower limit; `-infinity` if no hypothesised effect below the estimate was rejected.
    public let lower: Double
    /// The upper limit; `+infinity` if no hypothesised effect above the estimate was rejected.
    public let upper: Double
}

/// The result of ``RandomisationInference/test(_:statistic:variance:intervalLevel:drawsPerChunk:progress:)``.
public struct RandomisationInferenceResult: Sendable, Hashable {
    /// The statistic compared across draws.
    public let statistic: RandomisationStatistic
    /// The variance that studentises the statistic (the classical one for the estimate
    /// statistic's joint test).
    public let variance: VarianceEstimator
    /// The observed estimate of each intervention arm against control.
    public let estimates: [Double]
    /// The observed standard error of each arm; empty for the estimate statistic.
    public let standardErrors: [Double]
    /// The observed joint Wald statistic that every arm equals control.
    public let wald: Double
    /// Per intervention arm, the two-sided p-value of the sharp null from |τ̂_a| or |t_a|.
    public let pValues: [Double]
    /// The joint p-value of the sharp null from the Wald statistic.
    public let waldPValue: Double
    /// The number of draws R.
    public let drawCount: Int
    /// Draws under which the arms were not estimable (an empty arm, say) or a standard error was
    /// undefined; they count as at least as extreme as the observed statistic, which keeps the
    /// test valid.
    public let nonEstimableDrawCount: Int
    /// Whether the p-values are exact proportions over an enumerated design.
    public let isExact: Bool
    /// The confidence level of ``intervals``, or `nil` when none were asked for.
    public let intervalLevel: Double?
    /// Per intervention arm, the interval by test inversion, or empty when none were asked for.
    public let intervals: [RandomisationInterval]
}

extension RandomisationInference {
    /// Tests the sharp null of no effect of any arm against the given redraws.
    ///
    /// P-values are (1 + #{T_r ≥ T_obs}) / (1 + R), or #{T_r ≥ T_obs} / R when the draws
    /// enumerate the design, with T = |τ̂_a| or |τ̂_a / se_a| per arm and T = Wald for the joint
    /// test. A draw within 1e-10 (relative) of the observed statistic counts as a tie (so as at
    /// least as extreme), since mathematically equal statistics can differ in the last bits.
    ///
    /// With `intervalLevel`, each arm also gets a confidence interval by test inversion under a
    /// constant-effect model: the hypothesis τ_a = τ₀ (every unit's outcome under arm a is its
    /// outcome under control plus τ₀, the other arms' effects held at their estimates) is tested
    /// with the same draws, and the interval is the set of τ₀ not rejected at 1 − level. Under
    /// that model a draw's estimate is α − τ₀β and its squared standard error a − 2τ₀b + τ₀²c,
    /// with α, β, a, b, c computed once per draw, so each τ₀ costs O(R); the limits are found by
    /// doubling steps outward from the estimate and then bisection to 1e-9 of the step. Because
    /// the other arms are held at their estimates rather than at zero, an interval can exclude 0
    /// while the sharp-null p-value (no arm has any effect) is large, when another arm's effect
    /// is large.
    ///
    /// - Parameters:
    ///   - draws: Assignments redrawn from the design, coded like ``assignment``.
    ///   - statistic: ``RandomisationStatistic/estimate`` (the default) or
    ///     ``RandomisationStatistic/studentised``.
    ///   - variance: The standard error that studentises: classical, HC0–HC3 (default HC2), or
    ///     with ``clusters`` CR0 or stata. Ignored by the estimate statistic.
    ///   - intervalLevel: The confidence level of test-inversion intervals in (0, 1), or `nil`
    ///     (the default) for none.
    ///   - drawsPerChunk: Draws per BLAS product, at least 1, or `nil` (the default) for as many
    ///     as keep the chunk's matrices near 32 MB.
    ///   - progress: Called with the fraction of draws done, after each chunk; default none.
    /// - Returns: The observed statistics and their p-values.
    /// - Throws: ``TrialAnalysisError/armNotEstimable(_:reason:)`` if the observed assignment
    ///   leaves an arm not estimable or its standard error undefined;
    ///   ``RandomisationInferenceError`` for CR2 with the studentised statistic, a clustered
    ///   variance without clusters (or the reverse), or a bad interval level.
    /// - Complexity: `dgemm` products of c × n × (k R) in all (one per chunk), plus for the
    ///   studentised statistic n × p × ((k + 1)(2k + 1) R) and, for HC2 and HC3,
    ///   n × p(p + 1)/2 × ((k + 1) R); plus O(R (k h)³).
    public func test(_ draws: AssignmentDraws, statistic: RandomisationStatistic = .estimate,
                     variance: VarianceEstimator = .hc2, intervalLevel: Double? = nil, drawsPerChunk: Int? = nil,
                     progress: ((Double) -> Void)? = nil) throws -> RandomisationInferenceResult {
        precondition(draws.units == units && draws.armCount == armCount,
                     "RandomisationInference: draws of \(draws.units) units and \(draws.armCount) arms, expected \(units) and \(armCount)")
        if let intervalLevel, !(intervalLevel > 0 && intervalLevel < 1) {
            throw RandomisationInferenceError.confidenceLevel(intervalLevel)
        }
        let variance = statistic == .estimate ? .classical : variance
        try checkVariance(variance)
        let k = armCount - 1
        let observedDraw = AssignmentDraws(units: units, count: 1, armCount: armCount, armIndices: assignment.map { Int32($0) })
        let first = evaluate(observedDraw, statistic: statistic, variance: variance, nuisance: nil, drawsPerChunk: nil, progress: nil)
        let estimates = first.estimates.map { $0[0] }
        guard estimates.allSatisfy({ !$0.isNaN }) else {
            throw TrialAnalysisError.armNotEstimable(
                interventionArms.map(String.init).joined(separator: ", "),
                reason: "under the observed assignment the arm indicators are collinear with the blocks or covariates")
        }
        let standardErrors = first.standardErrors.map { $0[0] }
        if statistic == .studentised, let a = standardErrors.firstIndex(where: { !($0 > 0) }) {
            throw TrialAnalysisError.armNotEstimable(
                String(interventionArms[a]),
                reason: "its \(variance) standard error is not defined under the observed assignment (a unit with leverage 1, or no residual variation)")
        }
        let nuisance = intervalLevel == nil ? nil : estimates
        let observed = nuisance == nil ? first
            : evaluate(observedDraw, statistic: statistic, variance: variance, nuisance: nuisance, drawsPerChunk: nil, progress: nil)
        let evaluation = evaluate(draws, statistic: statistic, variance: variance, nuisance: nuisance,
                                  drawsPerChunk: drawsPerChunk, progress: progress)

        func observedStatistic(_ a: Int) -> Double {
            statistic == .estimate ? abs(estimates[a]) : abs(estimates[a] / standardErrors[a])
        }
        let pValues = (0 ..< k).map { a in
            let values = (0 ..< draws.count).map { r in
                statistic == .estimate ? abs(evaluation.estimates[a][r])
                    : abs(evaluation.estimates[a][r] / evaluation.standardErrors[a][r])
            }
            return pValue(observedStatistic(a), values, draws)
        }
        let nonEstimable = (0 ..< draws.count).count { r in
            evaluation.wald[r].isNaN || (0 ..< k).contains { evaluation.estimates[$0][r].isNaN
                || (statistic == .studentised && !(evaluation.standardErrors[$0][r] > 0)) }
        }
        var intervals: [RandomisationInterval] = []
        if let intervalLevel {
            intervals = (0 ..< k).map { a in
                invert(arm: a, observed: observed, draws: evaluation, statistic: statistic, level: intervalLevel,
                       enumerates: draws.enumeratesDesign)
            }
        }
        return RandomisationInferenceResult(
            statistic: statistic, variance: variance, estimates: estimates,
            standardErrors: statistic == .studentised ? standardErrors : [],
            wald: first.wald[0], pValues: pValues, waldPValue: pValue(first.wald[0], evaluation.wald, draws),
            drawCount: draws.count, nonEstimableDrawCount: nonEstimable, isExact: draws.enumeratesDesign,
            intervalLevel: intervalLevel, intervals: intervals)
    }

    /// The estimates, standard errors and Wald statistic of every draw: the randomisation
    /// distribution.
    ///
    /// - Parameters:
    ///   - draws: Assignments coded like ``assignment`` (a mismatch in units or arms traps).
    ///   - statistic: Whether to compute standard errors (studentised) or not; default estimate.
    ///   - variance: The standard error for the studentised statistic; default HC2.
    ///   - drawsPerChunk: Draws per BLAS product, at least 1, or `nil` (the default) for as many
    ///     as keep the chunk's matrices near 32 MB.
    ///   - progress: Called with the fraction of draws done, after each chunk; default none.
    /// - Returns: Per-draw statistics.
    /// - Throws: ``RandomisationInferenceError`` as ``test(_:statistic:variance:intervalLevel:drawsPerChunk:progress:)``.
    /// - Complexity: as ``test(_:statistic:variance:intervalLevel:drawsPerChunk:progress:)``.
    public func drawStatistics(_ draws: AssignmentDraws, statistic: RandomisationStatistic = .estimate,
                               variance: VarianceEstimator = .hc2, drawsPerChunk: Int? = nil,
                               progress: ((Double) -> Void)? = nil) throws -> RandomisationDrawStatistics {
        let variance = statistic == .estimate ? .classical : variance
        try checkVariance(variance)
        let evaluation = evaluate(draws, statistic: statistic, variance: variance, nuisance: nil,
                                  drawsPerChunk: drawsPerChunk, progress: progress)
        return RandomisationDrawStatistics(estimates: evaluation.estimates,
                                           standardErrors: statistic == .studentised ? evaluation.standardErrors : [],
                                           wald: evaluation.wald)
    }

    private func checkVariance(_ variance: VarianceEstimator) throws {
        if variance == .cr2 { throw RandomisationInferenceError.unsupportedVariance(variance) }
        if variance.isClustered && clusters == nil {
            throw RandomisationInferenceError.clusters("the \(variance) standard error needs each unit's cluster")
        }
        if variance.isClustered && clusterCount < 2 {
            throw RandomisationInferenceError.clusters("the \(variance) standard error needs at least two clusters; all \(units) units are in one")
        }
    }

    /// (1 + #{values ≥ observed}) / (1 + R), or the exact proportion over an enumeration; NaN
    /// values count as extreme.
    func pValue(_ observed: Double, _ values: [Double], _ draws: AssignmentDraws) -> Double {
        let threshold = observed - 1e-10 * abs(observed)
        let extreme = values.count { $0.isNaN || $0 >= threshold }
        let r = values.count
        return draws.enumeratesDesign ? Double(extreme) / Double(r) : Double(1 + extreme) / Double(1 + r)
    }
}
