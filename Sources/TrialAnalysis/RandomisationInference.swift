import LinearAlgebra

/// Randomisation inference for the sharp null that no arm has any effect on anyone: the
/// outcomes are then fixed, and only the arm indicators change when the assignment is redrawn
/// from the design that was actually used (same strata, blocks and clusters; see
/// ``AssignmentDraws``).
///
/// The statistics are those of ``ArmEffectModel``'s regression, without weights: each
/// intervention arm's coefficient against control (difference in means; additive covariate
/// adjustment; Lin's adjustment), with block fixed effects when `blocks` are given, and an
/// omnibus Wald statistic τ̂ᵀ V̂⁻¹ τ̂ with the classical variance V̂ = σ̂² [(GᵀG)⁻¹]_arms.
/// Every draw gives the coefficients a full refit would (the tests check each draw against
/// ``LeastSquares`` to 1e-10), but thousands of draws cost one BLAS-3 product per chunk:
///
/// - Write the model as y = Wβ + Vθ + ε, with W = [1, block dummies, covariates (centred for
///   Lin)] fixed and V = [D_a ∘ h_m] the columns that change with the draw: each arm indicator
///   D_a times h_0 = 1 and, for Lin, times each centred covariate.
/// - By Frisch–Waugh–Lovell, θ̂ = (VᵀMV)⁻¹ Vᵀẽ with M = I − QQᵀ (Q the thin Q of W) and
///   ẽ = My, computed once.
/// - Vᵀẽ, VᵀV (block diagonal across arms: Σ over arm a of h_m h_l) and QᵀV all have the form
///   ZᵀD_a for fixed columns Z = [ẽ ∘ h_m, h_m ∘ h_l, Q ∘ h_m]. So one `dgemm` Zᵀ[D_1 … D_k]
///   over a chunk of draws yields everything; per draw only a (k·h) × (k·h) system is solved
///   (k intervention arms, h = 1, or 1 + covariates for Lin).
///
/// With blocks the arm coefficient is the block fixed-effects one (as ``ArmEffectModel`` fits),
/// not estimatr's blocked difference in means. Clustered designs need nothing special: the
/// draws assign whole clusters, and the statistic is computed on units.
///
/// Not supported yet: weights (inverse-probability weights follow the redrawn arm, so W would
/// change with the draw) and the studentised (HC2) statistic.
public struct RandomisationInference: Sendable {
    /// The number of units.
    public let units: Int
    /// The number of arms in the coding of the assignment and the draws.
    public let armCount: Int
    /// The control arm's index.
    public let control: Int
    /// The covariate adjustment used.
    public let adjustment: CovariateAdjustment
    /// The observed assignment, one arm index per unit.
    public let assignment: [Int]

    /// The intervention arms' indices, in increasing order: the order of every result's arms.
    public var interventionArms: [Int] { (0 ..< armCount).filter { $0 != control } }

    /// ẽᵀẽ, the residual sum of squares of y on W.
    let residualSumOfSquares: Double
    /// The rank of W.
    let fixedRank: Int
    /// The number of varying columns per arm, h.
    let perArm: Int
    /// Z, n × (h + h(h+1)/2 + p h): the fixed columns whose products with the indicators give
    /// every per-draw quantity.
    let products: Matrix
    /// The position of each arm among the intervention arms, or -1 for control.
    let armPosition: [Int]

    /// Prepares the test: residualises the outcome on the fixed part of the design once.
    ///
    /// - Parameters:
    ///   - outcome: The outcome of each unit, n finite values.
    ///   - assignment: The observed arm index of each unit, in `0 ..< armCount` (anything else
    ///     traps; a count other than n traps).
    ///   - control: The control arm's index.
    ///   - armCount: The number of arms, at least 2.
    ///   - covariates: Baseline covariates, one array of n finite values per covariate; default none.
    ///   - adjustment: ``CovariateAdjustment/additive`` or ``CovariateAdjustment/lin`` (the
    ///     default); ignored without covariates.
    ///   - blocks: Each unit's block (stratum) code for block fixed effects, or `nil`.
    /// - Throws: ``TrialAnalysisError/nonFinite(column:row:count:)`` for a non-finite outcome or
    ///   covariate; ``TrialAnalysisError/emptyArm(_:dropped:)`` if an arm has no unit;
    ///   ``TrialAnalysisError/tooFewObservations(observations:coefficients:)`` if n is too small;
    ///   `LinearAlgebraError` if the QR factorisation fails.
    /// - Complexity: O(n p² + n c) for W of rank p and c product columns.
    public init(outcome: [Double], assignment: [Int], control: Int, armCount: Int,
                covariates: [[Double]] = [], adjustment: CovariateAdjustment = .lin, blocks: [Int]? = nil) throws {
        let n = outcome.count
        precondition(armCount >= 2 && control >= 0 && control < armCount, "RandomisationInference: control \(control) of \(armCount) arms")
        precondition(assignment.count == n, "RandomisationInference: \(n) outcomes, \(assignment.count) assignments")
        precondition(assignment.allSatisfy { $0 >= 0 && $0 < armCount }, "RandomisationInference: an arm index is outside 0..<\(armCount)")
        precondition(covariates.allSatisfy { $0.count == n }, "RandomisationInference: a covariate does not have \(n) values")
        if let blocks { precondition(blocks.count == n, "RandomisationInference: \(n) outcomes, \(blocks.count) blocks") }
        try Self.requireFinite(outcome, name: "outcome")
        for (c, column) in covariates.enumerated() { try Self.requireFinite(column, name: "covariate \(c + 1)") }
        for arm in 0 ..< armCount where !assignment.contains(arm) {
            throw TrialAnalysisError.emptyArm("\(arm)", dropped: 0)
        }

        let adjustment = covariates.isEmpty ? CovariateAdjustment.none : adjustment
        self.units = n
        self.armCount = armCount
        self.control = control
        self.adjustment = adjustment
        self.assignment = assignment
        var position = [Int](repeating: -1, count: armCount)
        for (p, arm) in (0 ..< armCount).filter({ $0 != control }).enumerated() { position[arm] = p }
        armPosition = position

        // W: intercept, block dummies, covariates (centred for Lin, as lm_lin does).
        let ones = [Double](repeating: 1, count: n)
        var fixed: [[Double]] = [ones]
        if let blocks {
            for level in Set(blocks).sorted().dropFirst() { fixed.append(blocks.map { $0 == level ? 1 : 0 }) }
        }
        var multipliers: [[Double]] = [ones]
        switch adjustment {
        case .none:
            break
        case .additive:
            fixed += covariates
        case .lin:
            let centred = covariates.map { column in
                let mean = column.reduce(0, +) / Double(n)
                return column.map { $0 - mean }
            }
            fixed += centred
            multipliers += centred
        }
        let fit = try LeastSquares(Matrix(columns: fixed), Vector(outcome))
        let q = fit.decomposition.thinQ()
        let p = fit.rank
        let h = multipliers.count
        let k = armCount - 1
        guard n > p + k * h else {
            throw TrialAnalysisError.tooFewObservations(observations: n, coefficients: p + k * h)
        }
        let residuals = Array(fit.residuals)
        residualSumOfSquares = fit.residualSumOfSquares
        fixedRank = p
        perArm = h

        var z: [[Double]] = []
        z.reserveCapacity(h + h * (h + 1) / 2 + p * h)
        for m in 0 ..< h { z.append(zip(residuals, multipliers[m]).map { $0 * $1 }) }
        for m in 0 ..< h {
            for l in m ..< h { z.append(zip(multipliers[m], multipliers[l]).map { $0 * $1 }) }
        }
        for m in 0 ..< h {
            for j in 0 ..< p { z.append(zip(q.column(j), multipliers[m]).map { $0 * $1 }) }
        }
        products = Matrix(columns: z)
    }

    private static func requireFinite(_ values: [Double], name: String) throws {
        if let row = values.firstIndex(where: { !$0.isFinite }) {
            throw TrialAnalysisError.nonFinite(column: name, row: row, count: values.count { !$0.isFinite })
        }
    }
}

/// The test statistics of every draw of an ``AssignmentDraws``.
public struct RandomisationDrawStatistics: Sendable, Hashable {
    /// The estimates: `estimates[a][r]` is intervention arm a's coefficient (in the order of
    /// ``RandomisationInference/interventionArms``) under draw r; NaN when that draw leaves the
    /// arms not estimable.
    public let estimates: [[Double]]
    /// The Wald statistic of each draw (NaN when not estimable).
    public let wald: [Double]
}

/// The result of ``RandomisationInference/test(_:progress:)``.
public struct RandomisationInferenceResult: Sendable, Hashable {
    /// The observed estimate of each intervention arm against control.
    public let estimates: [Double]
    /// The observed Wald statistic that every arm equals control (classical variance).
    public let wald: Double
    /// Per intervention arm, the two-sided p-value of the sharp null from |τ̂_a|.
    public let pValues: [Double]
    /// The omnibus p-value of the sharp null from the Wald statistic.
    public let waldPValue: Double
    /// The number of draws R.
    public let drawCount: Int
    /// Draws under which the arms were not estimable (an empty arm, say); they count as at least
    /// as extreme as the observed statistic, which keeps the test valid.
    public let nonEstimableDrawCount: Int
    /// Whether the p-values are exact proportions over an enumerated design.
    public let isExact: Bool
}

extension RandomisationInference {
    /// Tests the sharp null of no effect of any arm against the given redraws.
    ///
    /// P-values are (1 + #{T_r ≥ T_obs}) / (1 + R), or #{T_r ≥ T_obs} / R when the draws
    /// enumerate the design, with T = |τ̂_a| per arm and T = Wald for the omnibus test. A draw
    /// within 1e-10 (relative) of the observed statistic counts as a tie (so as at least as
    /// extreme), since mathematically equal statistics can differ in the last bits.
    ///
    /// - Parameters:
    ///   - draws: Assignments redrawn from the design, coded like ``assignment``.
    ///   - drawsPerChunk: Draws per BLAS product, at least 1, or `nil` (the default) for as many
    ///     as keep the indicator matrix near 32 MB.
    ///   - progress: Called with the fraction of draws done, after each chunk; default none.
    /// - Returns: The observed statistics and their p-values.
    /// - Throws: ``TrialAnalysisError/armNotEstimable(_:reason:)`` if the observed assignment
    ///   leaves an arm not estimable.
    /// - Complexity: `dgemm` products of c × n × (k R) in all (one per chunk), plus O(R (k h)³).
    public func test(_ draws: AssignmentDraws, drawsPerChunk: Int? = nil,
                     progress: ((Double) -> Void)? = nil) throws -> RandomisationInferenceResult {
        precondition(draws.units == units && draws.armCount == armCount,
                     "RandomisationInference: draws of \(draws.units) units and \(draws.armCount) arms, expected \(units) and \(armCount)")
        let observed = drawStatistics(AssignmentDraws(units: units, count: 1, armCount: armCount,
                                                      armIndices: assignment.map { Int32($0) }))
        let estimates = observed.estimates.map { $0[0] }
        guard estimates.allSatisfy({ !$0.isNaN }), !observed.wald[0].isNaN else {
            throw TrialAnalysisError.armNotEstimable(
                interventionArms.map(String.init).joined(separator: ", "),
                reason: "under the observed assignment the arm indicators are collinear with the blocks or covariates")
        }
        let statistics = drawStatistics(draws, drawsPerChunk: drawsPerChunk, progress: progress)
        let r = draws.count
        func pValue(_ observed: Double, _ values: [Double]) -> Double {
            let threshold = observed - 1e-10 * observed
            let extreme = values.count { $0.isNaN || $0 >= threshold }
            return draws.enumeratesDesign ? Double(extreme) / Double(r) : Double(1 + extreme) / Double(1 + r)
        }
        let pValues = estimates.indices.map { a in pValue(abs(estimates[a]), statistics.estimates[a].map(abs)) }
        return RandomisationInferenceResult(
            estimates: estimates, wald: observed.wald[0], pValues: pValues,
            waldPValue: pValue(observed.wald[0], statistics.wald), drawCount: r,
            nonEstimableDrawCount: statistics.wald.count { $0.isNaN }, isExact: draws.enumeratesDesign)
    }

    /// The estimates and Wald statistic of every draw: the randomisation distribution.
    ///
    /// - Parameters:
    ///   - draws: Assignments coded like ``assignment`` (a mismatch in units or arms traps).
    ///   - drawsPerChunk: Draws per BLAS product, at least 1, or `nil` (the default) for as many
    ///     as keep the indicator matrix near 32 MB.
    ///   - progress: Called with the fraction of draws done, after each chunk; default none.
    /// - Returns: Per-draw statistics.
    /// - Complexity: one `dgemm` per chunk of draws (chunks bound the memory of the indicator
    ///   matrix to about 32 MB), plus O((k h)³) per draw.
    public func drawStatistics(_ draws: AssignmentDraws, drawsPerChunk: Int? = nil,
                               progress: ((Double) -> Void)? = nil) -> RandomisationDrawStatistics {
        precondition(draws.units == units && draws.armCount == armCount,
                     "RandomisationInference: draws of \(draws.units) units and \(draws.armCount) arms, expected \(units) and \(armCount)")
        let n = units, k = armCount - 1, total = draws.count
        precondition(drawsPerChunk.map { $0 >= 1 } ?? true, "RandomisationInference: drawsPerChunk must be at least 1")
        let chunk = min(total, drawsPerChunk ?? max(1, 4_000_000 / (n * k)))
        var estimates = [[Double]](repeating: [Double](repeating: .nan, count: total), count: k)
        var wald = [Double](repeating: .nan, count: total)
        var solver = DrawSolver(arms: k, perArm: perArm, fixedRank: fixedRank,
                                residualSumOfSquares: residualSumOfSquares,
                                residualDegreesOfFreedom: n - fixedRank - k * perArm)
        var start = 0
        while start < total {
            let width = min(chunk, total - start)
            // D = [draw 0: D_1 … D_k | draw 1: D_1 … D_k | …], n × (k · width).
            var indicators = Matrix(rows: n, columns: k * width)
            indicators.withUnsafeMutableBufferPointer { d in
                draws.armIndices.withUnsafeBufferPointer { arms in
                    for r in 0 ..< width {
                        let source = (start + r) * n
                        for i in 0 ..< n {
                            let a = armPosition[Int(arms[source + i])]
                            if a >= 0 { d[(r * k + a) * n + i] = 1 }
                        }
                    }
                }
            }
            let sums = products.multiplied(by: indicators, transposingSelf: true)
            sums.withUnsafeBufferPointer { f in
                let c = products.columns
                for r in 0 ..< width {
                    let result = solver.solve(UnsafeBufferPointer(rebasing: f[(r * k * c) ..< ((r + 1) * k * c)]))
                    if let result {
                        for a in 0 ..< k { estimates[a][start + r] = result.estimates[a] }
                        wald[start + r] = result.wald
                    }
                }
            }
            start += width
            progress?(Double(start) / Double(total))
        }
        return RandomisationDrawStatistics(estimates: estimates, wald: wald)
    }
}
