import TrialAnalysis

/// The result of ``ScoreRandomisationInference/test(_:drawsPerChunk:progress:)``.
public struct ScoreRandomisationResult: Sendable, Hashable {
    /// The null model's family.
    public let nullModel: ScoreRandomisationInference.NullModel
    /// The negative binomial shape θ of the null fit, or `nil`.
    public let theta: Double?
    /// The observed score U_a of each intervention arm.
    public let scores: [Double]
    /// The observed studentised score t_a = U_a / √V_aa of each intervention arm.
    public let statistics: [Double]
    /// The observed joint score statistic UᵀV⁻¹U.
    public let jointStatistic: Double
    /// Per intervention arm, the two-sided p-value of the sharp null from |t_a|.
    public let pValues: [Double]
    /// The joint p-value of the sharp null from the joint score statistic.
    public let jointPValue: Double
    /// The number of draws R.
    public let drawCount: Int
    /// Draws under which an arm had no information (an empty arm, say); they count as at least
    /// as extreme as the observed statistic, which keeps the test valid.
    public let nonEstimableDrawCount: Int
    /// Whether the p-values are exact proportions over an enumerated design.
    public let isExact: Bool
}

extension ScoreRandomisationInference {
    /// Tests the sharp null of no effect of any arm against the given redraws.
    ///
    /// P-values are (1 + #{T_r ≥ T_obs}) / (1 + R), or #{T_r ≥ T_obs} / R when the draws
    /// enumerate the design, with T = |t_a| per arm and T = UᵀV⁻¹U for the joint test, exactly
    /// as ``TrialAnalysis/RandomisationInference`` counts them: a draw within 1e-10 (relative)
    /// of the observed statistic is a tie, and a draw whose statistic is undefined counts as
    /// extreme.
    ///
    /// - Parameters:
    ///   - draws: Assignments redrawn from the design, coded like ``assignment``.
    ///   - drawsPerChunk: Draws per BLAS product, or `nil` (the default) for an automatic size.
    ///   - progress: Called with the fraction of draws done, after each chunk; default none.
    /// - Returns: The observed statistics and their p-values.
    /// - Throws: ``TrialAnalysis/TrialAnalysisError/armNotEstimable(_:reason:)`` if an arm has
    ///   no information under the observed assignment (its indicator is collinear with the
    ///   blocks or covariates).
    /// - Complexity: as ``drawStatistics(_:drawsPerChunk:progress:)``.
    public func test(_ draws: AssignmentDraws, drawsPerChunk: Int? = nil,
                     progress: ((Double) -> Void)? = nil) throws -> ScoreRandomisationResult {
        let k = armCount - 1
        let observedDraw = AssignmentDraws(units: units, count: 1, armCount: armCount, armIndices: assignment.map { Int32($0) })
        let observed = drawStatistics(observedDraw)
        let statistics = observed.statistics.map { $0[0] }
        if let a = statistics.firstIndex(where: { $0.isNaN }) {
            throw TrialAnalysisError.armNotEstimable(
                String(interventionArms[a]),
                reason: "its indicator carries no information beyond the blocks and covariates under the observed assignment")
        }
        let distribution = drawStatistics(draws, drawsPerChunk: drawsPerChunk, progress: progress)
        let pValues = (0 ..< k).map { a in
            Self.pValue(abs(statistics[a]), distribution.statistics[a].map { abs($0) }, exact: draws.enumeratesDesign)
        }
        let nonEstimable = (0 ..< draws.count).count { r in
            distribution.joint[r].isNaN || (0 ..< k).contains { distribution.statistics[$0][r].isNaN }
        }
        return ScoreRandomisationResult(
            nullModel: nullModel, theta: theta, scores: observed.scores.map { $0[0] }, statistics: statistics,
            jointStatistic: observed.joint[0], pValues: pValues,
            jointPValue: Self.pValue(observed.joint[0], distribution.joint, exact: draws.enumeratesDesign),
            drawCount: draws.count, nonEstimableDrawCount: nonEstimable, isExact: draws.enumeratesDesign)
    }

    /// (1 + #{values ≥ observed}) / (1 + R), or the exact proportion over an enumeration; NaN
    /// values count as extreme.
    static func pValue(_ observed: Double, _ values: [Double], exact: Bool) -> Double {
        let threshold = observed - 1e-10 * abs(observed)
        let extreme = values.count { $0.isNaN || $0 >= threshold }
        return exact ? Double(extreme) / Double(values.count) : Double(1 + extreme) / Double(1 + values.count)
    }
}
