import LinearAlgebra

/// Randomisation inference for the sharp null that no arm has any effect on anyone: the
/// outcomes are then fixed, and only the arm indicators change when the assignment is redrawn
/// from the design that was actually used (same strata, blocks and clusters; see
/// ``AssignmentDraws``).
///
/// The statistics are those of ``ArmEffectModel``'s regression, without weights: each
/// intervention arm's coefficient against control (difference in means; additive covariate
/// adjustment; Lin's adjustment), with block fixed effects when `blocks` are given, either raw
/// or studentised with a robust standard error (see ``RandomisationStatistic``), and a joint
/// Wald statistic. Every draw gives the coefficients and standard errors a full refit would
/// (the tests check each draw against ``RobustLinearModel`` to 1e-10), but thousands of draws
/// cost a few BLAS-3 products per chunk of draws:
///
/// - Write the model as y = Wβ + Vθ + ε, with W = [1, block dummies, covariates (centred for
///   Lin)] fixed and V = [D_a ∘ h_m] the columns that change with the draw: each arm indicator
///   D_a times h_0 = 1 and, for Lin, times each centred covariate. Let Q (n × p) be an
///   orthonormal basis of W; every multiplier is a column of W, so H = QΓ with Γ = QᵀH.
/// - By Frisch–Waugh–Lovell, θ̂ = G⁻¹ Vᵀẽ with G = VᵀV − CᵀC, C = QᵀV and ẽ = My (M = I − QQᵀ),
///   computed once.
/// - Vᵀẽ, VᵀV (block diagonal across arms) and C all have the form ZᵀD_a for fixed columns Z:
///   either [ẽ ∘ h_m, h_m ∘ h_l, q_j ∘ h_m] or, when fewer, [ẽ ∘ q_j, q_j ∘ q_l] (then
///   C_a = Π_aΓ and G's block is ΓᵀΠ_aΓ with Π_a = Σ_{i∈a} q_i q_iᵀ). So one `dgemm`
///   Zᵀ[D_1 … D_k] over a chunk of draws yields everything; per draw only a (k·h) × (k·h)
///   system is solved (k intervention arms, h = 1, or 1 + covariates for Lin).
/// - Studentised: a unit i in arm b under a draw has ṽ_i = M_b q_i with M_b = E_bΓᵀ − Cᵀ (E_b
///   selects arm b's block; M_0 = −Cᵀ for control). Its residual is eᵢ = ẽᵢ − q_iᵀM_bᵀθ̂, its
///   leverage hᵢᵢ = ‖qᵢ‖² + q_iᵀ(M_bᵀG⁻¹M_b)qᵢ, and with u_a = G⁻¹e_a the sandwich's arm rows
///   read sₐᵢ = q_iᵀM_bᵀu_a, so that Var(τ̂_a) = Σᵢ ωᵢ eᵢ² sₐᵢ² (ωᵢ = 1, 1/(1 − hᵢᵢ) for HC2,
///   1/(1 − hᵢᵢ)² for HC3; clustered: Σ_g (Σ_{i∈g} eᵢ sₐᵢ)²). The vectors M_bᵀθ̂, M_bᵀu_a and
///   the matrices M_bᵀG⁻¹M_b are small and formed per draw; their values at every unit come
///   from two more `dgemm`s per chunk: Q times the vectors, and the pairwise products
///   [q_j ∘ q_l] times the matrices' entries.
///
/// - When the multipliers span all of W (Lin's adjustment without blocks, or no covariates),
///   the fully interacted regression is one fit per arm on the same basis Q, so per draw only
///   the arms' sums Σ qᵢqᵢᵀ and Σ ẽᵢqᵢ, one p × p factorisation per arm and, when studentised,
///   one short pass over the units are needed; draws are then spread over
///   ``BLASThreads/count`` threads. Intervals by test inversion and clustered variances use the
///   general formulation above.
///
/// With blocks the arm coefficient is the block fixed-effects one (as ``ArmEffectModel`` fits),
/// not estimatr's blocked difference in means. Clustered designs need nothing special: the
/// draws assign whole clusters, and the statistic is computed on units.
///
/// Not supported: weights (inverse-probability weights follow the redrawn arm, so W would
/// change with the draw), and the studentised statistic with CR2 standard errors.
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
    /// Each unit's cluster, numbered from 0, or `nil` without clusters.
    public let clusters: [Int]?
    /// The number of clusters (0 without clusters).
    public let clusterCount: Int

    /// The intervention arms' indices, in increasing order: the order of every result's arms.
    public var interventionArms: [Int] { (0 ..< armCount).filter { $0 != control } }

    /// Q, n × p: an orthonormal basis of the fixed columns W.
    let basis: Matrix
    /// Γ = QᵀH, p × h, row-major: the multipliers in the basis.
    let multipliersInBasis: [Double]
    /// The multipliers H (n × h): 1 and, for Lin, the centred covariates.
    let multipliers: Matrix
    /// ‖qᵢ‖², the leverage of each unit in the fixed part alone.
    let basisLeverages: [Double]
    /// My and M D_b for each intervention arm b's observed indicator (n × (1 + k)): the outcome
    /// residualised on W, and the directions along which a hypothesised effect moves it.
    let residualised: Matrix
    /// The rank p of W.
    let fixedRank: Int
    /// The number of varying columns per arm, h.
    let perArm: Int
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
    ///   - clusters: Each unit's cluster (any integers), for the studentised statistic with a
    ///     clustered variance, or `nil`.
    /// - Throws: ``TrialAnalysisError/nonFinite(column:row:count:)`` for a non-finite outcome or
    ///   covariate; ``TrialAnalysisError/emptyArm(_:dropped:)`` if an arm has no unit;
    ///   ``TrialAnalysisError/tooFewObservations(observations:coefficients:)`` if n is too small;
    ///   `LinearAlgebraError` if the QR factorisation fails.
    /// - Complexity: O(n p² + n p h) for W of rank p.
    public init(outcome: [Double], assignment: [Int], control: Int, armCount: Int,
                covariates: [[Double]] = [], adjustment: CovariateAdjustment = .lin, blocks: [Int]? = nil,
                clusters: [Int]? = nil) throws {
        let n = outcome.count
        precondition(armCount >= 2 && control >= 0 && control < armCount, "RandomisationInference: control \(control) of \(armCount) arms")
        precondition(assignment.count == n, "RandomisationInference: \(n) outcomes, \(assignment.count) assignments")
        precondition(assignment.allSatisfy { $0 >= 0 && $0 < armCount }, "RandomisationInference: an arm index is outside 0..<\(armCount)")
        precondition(covariates.allSatisfy { $0.count == n }, "RandomisationInference: a covariate does not have \(n) values")
        if let blocks { precondition(blocks.count == n, "RandomisationInference: \(n) outcomes, \(blocks.count) blocks") }
        if let clusters { precondition(clusters.count == n, "RandomisationInference: \(n) outcomes, \(clusters.count) clusters") }
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
        if let clusters {
            var code: [Int: Int] = [:]
            self.clusters = clusters.map { id in
                if let existing = code[id] { return existing }
                code[id] = code.count
                return code.count - 1
            }
            clusterCount = code.count
        } else {
            self.clusters = nil
            clusterCount = 0
        }
        var position = [Int](repeating: -1, count: armCount)
        for (p, arm) in (0 ..< armCount).filter({ $0 != control }).enumerated() { position[arm] = p }
        armPosition = position

        // W: intercept, block dummies, covariates (centred for Lin, as lm_lin does).
        let ones = [Double](repeating: 1, count: n)
        var fixed: [[Double]] = [ones]
        if let blocks {
            for level in Set(blocks).sorted().dropFirst() { fixed.append(blocks.map { $0 == level ? 1 : 0 }) }
        }
        var multiplierColumns: [[Double]] = [ones]
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
            multiplierColumns += centred
        }
        let k = armCount - 1
        let interventions = (0 ..< armCount).filter { $0 != control }
        // The outcome and each intervention arm's observed indicator, residualised on W at once.
        var targets: [[Double]] = [outcome]
        for arm in interventions { targets.append(assignment.map { $0 == arm ? 1 : 0 }) }
        let decomposition = try PivotedQR(Matrix(columns: fixed))
        let q = decomposition.thinQ()
        let p = decomposition.rank
        let h = multiplierColumns.count
        guard n > p + k * h else {
            throw TrialAnalysisError.tooFewObservations(observations: n, coefficients: p + k * h)
        }
        let targetMatrix = Matrix(columns: targets)
        residualised = targetMatrix - q * q.multiplied(by: targetMatrix, transposingSelf: true)
        basis = q
        fixedRank = p
        perArm = h
        multipliers = Matrix(columns: multiplierColumns)
        let gamma = q.multiplied(by: multipliers, transposingSelf: true)  // p × h
        multipliersInBasis = (0 ..< p).flatMap { j in (0 ..< h).map { m in gamma[j, m] } }
        var leverages = [Double](repeating: 0, count: n)
        q.withUnsafeBufferPointer { values in
            for j in 0 ..< p {
                for i in 0 ..< n { leverages[i] += values[j * n + i] * values[j * n + i] }
            }
        }
        basisLeverages = leverages
    }

    private static func requireFinite(_ values: [Double], name: String) throws {
        if let row = values.firstIndex(where: { !$0.isFinite }) {
            throw TrialAnalysisError.nonFinite(column: name, row: row, count: values.count { !$0.isFinite })
        }
    }
}
