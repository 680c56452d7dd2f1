import LinearAlgebra

/// Everything ``RandomisationInference`` computes for each draw, arms by draws.
struct DrawEvaluation {
    /// τ̂_a under each draw, `[arm][draw]`; NaN when the draw leaves the arms not estimable.
    var estimates: [[Double]]
    /// se(τ̂_a) under each draw (studentised statistic only; NaN otherwise).
    var standardErrors: [[Double]]
    /// The joint Wald statistic of each draw.
    var wald: [Double]
    /// For test inversion, per arm and draw: the estimate under a hypothesised effect τ₀ of that
    /// arm is α − τ₀β, and its squared standard error a − 2τ₀b + τ₀²c (studentised only).
    var alpha: [[Double]]
    var beta: [[Double]]
    var varianceConstant: [[Double]]
    var varianceLinear: [[Double]]
    var varianceQuadratic: [[Double]]

    init(arms k: Int, draws: Int, intervals: Bool) {
        let empty = [[Double]](repeating: [Double](repeating: .nan, count: draws), count: k)
        estimates = empty
        standardErrors = empty
        wald = [Double](repeating: .nan, count: draws)
        let optional = intervals ? empty : []
        alpha = optional
        beta = optional
        varianceConstant = optional
        varianceLinear = optional
        varianceQuadratic = optional
    }
}

extension RandomisationInference {
    /// The statistics of every draw.
    ///
    /// - Parameters:
    ///   - nuisance: The observed estimates τ̂, to prepare test inversion (each arm's hypothesis
    ///     holds the other arms' effects at their estimates), or `nil`.
    func evaluate(_ draws: AssignmentDraws, statistic: RandomisationStatistic, variance: VarianceEstimator,
                  nuisance: [Double]?, drawsPerChunk: Int?, progress: ((Double) -> Void)?) -> DrawEvaluation {
        precondition(draws.units == units && draws.armCount == armCount,
                     "RandomisationInference: draws of \(draws.units) units and \(draws.armCount) arms, expected \(units) and \(armCount)")
        precondition(drawsPerChunk.map { $0 >= 1 } ?? true, "RandomisationInference: drawsPerChunk must be at least 1")
        // Lin's adjustment without blocks (or no covariates): one fit per arm, much less work.
        if nuisance == nil, !variance.isClustered, let direction = separateArmDirection() {
            return evaluateSeparately(draws, statistic: statistic, variance: variance, direction: direction,
                                      drawsPerChunk: drawsPerChunk, progress: progress)
        }
        let n = units, k = armCount - 1, h = perArm, p = fixedRank, size = k * h, total = draws.count
        let outcomes = nuisance == nil ? 1 : 1 + k
        let studentised = statistic == .studentised
        let layout = ProductLayout.cheaper(outcomes: outcomes, perArm: h, fixedRank: p)
        let products = productColumns(outcomes: outcomes, layout: layout)
        let needsLeverage = studentised && (variance == .hc2 || variance == .hc3)
        let pairs = needsLeverage ? Matrix(columns: Self.pairProducts((0 ..< p).map { Array(basis.column($0)) })) : Matrix(rows: 0, columns: 0)
        // Vectors per draw and arm group b (control first): M_bᵀθ̂⁽ᵗ⁾ for each outcome, M_bᵀu_a per arm.
        let vectorsPerGroup = outcomes + k
        // Chunks keep the indicators and the per-unit products near 32 MB.
        let columnsPerDraw = k + (studentised ? (k + 1) * (vectorsPerGroup + 1) : 0)
        let chunk = min(total, drawsPerChunk ?? max(1, 4_000_000 / (n * columnsPerDraw)))

        var result = DrawEvaluation(arms: k, draws: total, intervals: nuisance != nil)
        var solver = DrawSolver(arms: k, perArm: h, fixedRank: p, outcomes: outcomes, layout: layout, gamma: multipliersInBasis)
        var unit = StudentisedAccumulator(arms: k, outcomes: outcomes, clusters: clusterCount, nuisance: nuisance)
        var inverseColumns = [Double](repeating: 0, count: k * size)
        var armBlock = [Double](repeating: 0, count: k * k)
        var column = [Double](repeating: 0, count: size)
        let outcomeSumOfSquares = residualised.column(0).dot(residualised.column(0))
        var start = 0
        while start < total {
            let width = min(chunk, total - start)
            let sums = products.multiplied(by: indicators(draws, start: start, width: width), transposingSelf: true)
            let c = products.columns
            var solved = [Bool](repeating: false, count: width)
            // Per draw and group: the vectors (p each) and, for the leverages, the pair weights.
            var vectors = studentised ? Matrix(rows: p, columns: width * (k + 1) * vectorsPerGroup) : Matrix(rows: 0, columns: 0)
            var quadratic = needsLeverage ? Matrix(rows: pairs.columns, columns: width * (k + 1)) : Matrix(rows: 0, columns: 0)
            var classicalBlocks = [Double](repeating: 0, count: studentised && variance == .classical ? width * k * k : 0)
            sums.withUnsafeBufferPointer { f in
                for r in 0 ..< width {
                    guard solver.solve(UnsafeBufferPointer(rebasing: f[(r * k * c) ..< ((r + 1) * k * c)])) else { continue }
                    solved[r] = true
                    let draw = start + r
                    for a in 0 ..< k {
                        solver.inverseColumn(a * h, into: &column)
                        for i in 0 ..< size { inverseColumns[a * size + i] = column[i] }
                        for b in 0 ..< k { armBlock[b * k + a] = column[b * h] }
                    }
                    for a in 0 ..< k { result.estimates[a][draw] = solver.coefficients[a * h] }
                    if let nuisance {
                        for a in 0 ..< k {
                            var alpha = solver.coefficients[a * h]
                            for b in 0 ..< k where b != a { alpha -= nuisance[b] * solver.coefficients[(1 + b) * size + a * h] }
                            result.alpha[a][draw] = alpha
                            result.beta[a][draw] = solver.coefficients[(1 + a) * size + a * h]
                        }
                    }
                    if !studentised {
                        result.wald[draw] = classicalWald(solver, armBlock: armBlock, outcomeSumOfSquares: outcomeSumOfSquares)
                        if nuisance != nil {
                            for a in 0 ..< k {
                                result.varianceConstant[a][draw] = 1
                                result.varianceLinear[a][draw] = 0
                                result.varianceQuadratic[a][draw] = 0
                            }
                        }
                        continue
                    }
                    if variance == .classical {
                        for index in 0 ..< k * k { classicalBlocks[r * k * k + index] = armBlock[index] }
                    }
                    fillVectors(solver, inverseColumns: inverseColumns, draw: r, vectorsPerGroup: vectorsPerGroup, into: &vectors)
                    if needsLeverage { fillLeverageWeights(solver, draw: r, into: &quadratic) }
                }
            }
            if studentised {
                let linear = basis * vectors
                let leverage = needsLeverage ? pairs * quadratic : Matrix(rows: 0, columns: 0)
                for r in 0 ..< width where solved[r] {
                    unit.accumulate(self, draws: draws, draw: start + r, local: r, linear: linear, leverage: leverage,
                                    variance: variance, vectorsPerGroup: vectorsPerGroup,
                                    classicalArmBlock: variance == .classical ? Array(classicalBlocks[(r * k * k) ..< ((r + 1) * k * k)]) : nil,
                                    into: &result)
                }
            }
            start += width
            progress?(Double(start) / Double(total))
        }
        return result
    }

    /// The classical Wald statistic τ̂ᵀ(σ̂²A)⁻¹τ̂ of a solved draw (A: the arms' block of G⁻¹).
    private func classicalWald(_ solver: DrawSolver, armBlock: [Double], outcomeSumOfSquares: Double) -> Double {
        let k = armCount - 1, h = perArm, size = k * h
        var explained = 0.0
        for i in 0 ..< size { explained += solver.rightHandSides[i] * solver.coefficients[i] }
        let residualSumOfSquares = outcomeSumOfSquares - explained
        let variance = residualSumOfSquares / Double(units - fixedRank - size)
        var factor = armBlock
        guard DrawSolver.choleskyFactorise(&factor, order: k) else { return .nan }
        var scaled = (0 ..< k).map { solver.coefficients[$0 * h] }
        DrawSolver.choleskySolve(factor, order: k, &scaled, offset: 0)
        var wald = 0.0
        for a in 0 ..< k { wald += solver.coefficients[a * h] * scaled[a] }
        return wald / variance
    }

    /// Column (draw, group b, vector t) of `vectors`: M_bᵀθ̂⁽ᵗ⁾ for t < outcomes, then −M_bᵀu_a.
    /// With M_b = E_bΓᵀ − Cᵀ: M_bᵀx = Γ x_b − C x, where x_b is arm b's block (zero for control).
    /// θ̂ enters with a minus sign so that eᵢ = ẽᵢ + (column)ᵢ.
    private func fillVectors(_ solver: DrawSolver, inverseColumns: [Double], draw r: Int, vectorsPerGroup: Int,
                             into vectors: inout Matrix) {
        let k = armCount - 1, h = perArm, p = fixedRank, size = k * h, outcomes = solver.outcomes
        let gamma = multipliersInBasis, cross = solver.cross
        vectors.withUnsafeMutableBufferPointer { out in
            func write(_ x: UnsafeBufferPointer<Double>, sign: Double, firstColumn: Int) {
                // C x, shared by every group.
                var cx = [Double](repeating: 0, count: p)
                for j in 0 ..< p {
                    var sum = 0.0
                    for i in 0 ..< size { sum += cross[j * size + i] * x[i] }
                    cx[j] = sum
                }
                for b in 0 ... k {
                    let base = ((r * (k + 1) + b) * vectorsPerGroup + firstColumn) * p
                    for j in 0 ..< p {
                        var value = -cx[j]
                        if b > 0 {
                            for m in 0 ..< h { value += gamma[j * h + m] * x[(b - 1) * h + m] }
                        }
                        out[base + j] = sign * value
                    }
                }
            }
            solver.coefficients.withUnsafeBufferPointer { theta in
                for t in 0 ..< outcomes {
                    write(UnsafeBufferPointer(rebasing: theta[(t * size) ..< ((t + 1) * size)]), sign: -1, firstColumn: t)
                }
            }
            inverseColumns.withUnsafeBufferPointer { u in
                for a in 0 ..< k {
                    write(UnsafeBufferPointer(rebasing: u[(a * size) ..< ((a + 1) * size)]), sign: 1, firstColumn: outcomes + a)
                }
            }
        }
    }

    /// Column (draw, group b) of `weights`: the entries of Λ_b = M_bᵀG⁻¹M_b = N_bᵀN_b with
    /// N_b = L⁻¹M_b, on the pairs j ≤ l (off-diagonal ones doubled), so that the pair products
    /// times the column give q_iᵀΛ_bq_i.
    private func fillLeverageWeights(_ solver: DrawSolver, draw r: Int, into weights: inout Matrix) {
        let k = armCount - 1, h = perArm, p = fixedRank, size = k * h
        let gamma = multipliersInBasis
        var solvedColumn = [Double](repeating: 0, count: size)
        var n = [Double](repeating: 0, count: size * p)  // N_b, column j at j * size
        let pairCount = p * (p + 1) / 2
        weights.withUnsafeMutableBufferPointer { out in
            for b in 0 ... k {
                for j in 0 ..< p {
                    for i in 0 ..< size { solvedColumn[i] = -solver.cross[j * size + i] }
                    if b > 0 { for m in 0 ..< h { solvedColumn[(b - 1) * h + m] += gamma[j * h + m] } }
                    DrawSolver.forwardSolve(solver.gram, order: size, &solvedColumn, offset: 0)
                    for i in 0 ..< size { n[j * size + i] = solvedColumn[i] }
                }
                let base = (r * (k + 1) + b) * pairCount
                var pair = 0
                for j in 0 ..< p {
                    for l in j ..< p {
                        var dot = 0.0
                        for i in 0 ..< size { dot += n[j * size + i] * n[l * size + i] }
                        out[base + pair] = j == l ? dot : 2 * dot
                        pair += 1
                    }
                }
            }
        }
    }
}
