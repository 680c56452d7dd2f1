import Dispatch
import LinearAlgebra

// The randomisation distribution when the multipliers span the whole fixed part (Lin's
// adjustment without blocks, or no covariates at all).
//
// Then W = QR and H = QΓ with Γ square and invertible, so the fully interacted regression
// y = Wα + Σₐ (Dₐ ∘ H)θₐ spans exactly the columns Dᵦ ∘ Q of every arm b, control included: it is
// one least-squares fit per arm on the same basis. With Πᵦ = Σ_{i∈b} qᵢqᵢᵀ and
// Sᵦ = Σ_{i∈b} ẽᵢqᵢ, arm b's coefficients are βᵦ = Πᵦ⁻¹Sᵦ, θₐ = Γ⁻¹(βₐ − β₀), and the arm's
// effect is τₐ = gᵀ(βₐ − β₀) with g = Γ⁻ᵀe₀. The design is block diagonal across arms, so its
// hat matrix and any HC meat are too: a unit's leverage is qᵢᵀΠᵦ⁻¹qᵢ, its residual
// ẽᵢ − qᵢᵀβᵦ, and the robust covariance of the effects is Cov(τₐ, τ_c) = δₐ_c Vₐ + V₀ with
// Vᵦ = Σ_{i∈b} ωᵢeᵢ²(qᵢᵀΠᵦ⁻¹g)². Per draw this needs the sums Πᵦ and Sᵦ, four p × p Cholesky
// factorisations and, for a robust standard error, one short pass over the units; the general
// formulation's (k·h) × (k·h) system and its per-group products over every unit are avoided.

/// The per-unit values the separate-arm evaluation reads, one contiguous row per unit, each part
/// padded with zeros to a multiple of eight values so that the row loops run in whole vectors.
struct SeparateArmRows {
    /// The rank p of the fixed part.
    let rank: Int
    /// The number of pairs j ≤ l of basis columns, p(p + 1)/2.
    let pairCount: Int
    /// The values summed per arm: ẽᵢqᵢ (p), then qᵢⱼqᵢₗ for j ≤ l (``pairCount``), padded.
    let summedCount: Int
    /// Where qᵢ starts in a row (after the summed values), and its padded length.
    let basisOffset: Int
    let basisCount: Int
    /// Where ẽᵢ is in a row.
    let outcomeOffset: Int
    /// Doubles per unit.
    let stride: Int
    /// The padded length of the pair weights a unit's pair products are multiplied by.
    let paddedPairCount: Int
    /// The rows, unit after unit.
    let values: [Double]
    /// The summed values over every unit (Σ ẽᵢqᵢ ≈ 0 and QᵀQ ≈ I, as computed).
    let totals: [Double]

    init(basis q: Matrix, residualised e: [Double]) {
        func padded(_ count: Int) -> Int { (count + 7) / 8 * 8 }
        let n = q.rows, p = q.columns, pairs = p * (p + 1) / 2
        rank = p
        pairCount = pairs
        summedCount = padded(p + pairs)
        basisOffset = summedCount
        basisCount = padded(p)
        outcomeOffset = summedCount + basisCount
        stride = outcomeOffset + 8
        paddedPairCount = padded(pairs)
        let stride = stride, summed = summedCount, basisOffset = basisOffset, outcomeOffset = outcomeOffset
        var values = [Double](repeating: 0, count: n * stride)
        var totals = [Double](repeating: 0, count: summed)
        q.withUnsafeBufferPointer { q in
            for i in 0 ..< n {
                let row = i * stride
                for j in 0 ..< p {
                    values[row + j] = e[i] * q[j * n + i]
                    values[row + basisOffset + j] = q[j * n + i]
                }
                var pair = row + p
                for j in 0 ..< p {
                    for l in j ..< p {
                        values[pair] = q[j * n + i] * q[l * n + i]
                        pair += 1
                    }
                }
                values[row + outcomeOffset] = e[i]
                for t in 0 ..< summed { totals[t] += values[row + t] }
            }
        }
        self.values = values
        self.totals = totals
    }
}

/// What the separate-arm evaluation writes for each draw, arm-major flat arrays.
struct SeparateArmOutput {
    var estimates: UnsafeMutableBufferPointer<Double>
    var standardErrors: UnsafeMutableBufferPointer<Double>
    var wald: UnsafeMutableBufferPointer<Double>
}

/// Scratch space and the per-draw step of the separate-arm evaluation, for one thread. It owns
/// its scratch memory, allocated once, so a draw allocates nothing.
final class SeparateArmSolver {
    let units: Int
    let arms: Int
    let rank: Int
    let rows: SeparateArmRows
    let statistic: RandomisationStatistic
    let variance: VarianceEstimator
    let outcomeSumOfSquares: Double
    /// n − p − k·p: the residual degrees of freedom of the full regression.
    let residualDegreesOfFreedom: Double
    let needsLeverage: Bool
    /// The group (0 for control, else 1 + position) of each arm index.
    let groupOfArm: UnsafeMutableBufferPointer<Int>
    /// g = Γ⁻ᵀe₀ (padded): the direction in the basis whose coefficient difference is the
    /// arm effect.
    let direction: UnsafeMutableBufferPointer<Double>
    /// The units ordered by group, and where each group starts in that order (groups + 1).
    let order: UnsafeMutableBufferPointer<Int>
    let groupStart: UnsafeMutableBufferPointer<Int>
    /// Per group b (control first): the summed values; βᵦ and zᵦ = Πᵦ⁻¹g (padded to the basis
    /// length); the leverage weights (padded).
    let sums: UnsafeMutableBufferPointer<Double>
    let coefficients: UnsafeMutableBufferPointer<Double>
    let scaledDirections: UnsafeMutableBufferPointer<Double>
    let leverageWeights: UnsafeMutableBufferPointer<Double>
    /// Scratch: a p × p factor and its inverse, two p-vectors, and k-sized values.
    let factor: UnsafeMutableBufferPointer<Double>
    let inverseFactor: UnsafeMutableBufferPointer<Double>
    let work: UnsafeMutableBufferPointer<Double>
    let estimates: UnsafeMutableBufferPointer<Double>
    let solved: UnsafeMutableBufferPointer<Double>
    let covariance: UnsafeMutableBufferPointer<Double>
    let perGroup: UnsafeMutableBufferPointer<Double>

    init(inference: RandomisationInference, rows: SeparateArmRows, direction g: [Double],
         statistic: RandomisationStatistic, variance: VarianceEstimator) {
        func allocate<T: Numeric>(_ count: Int, _: T.Type) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(1, count))
            buffer.initialize(repeating: 0)
            return buffer
        }
        units = inference.units
        arms = inference.armCount - 1
        rank = rows.rank
        self.rows = rows
        self.statistic = statistic
        self.variance = variance
        let e = inference.residualised.column(0)
        outcomeSumOfSquares = e.dot(e)
        residualDegreesOfFreedom = Double(inference.units - rank - arms * rank)
        needsLeverage = statistic == .studentised && (variance == .hc2 || variance == .hc3)
        let groups = arms + 1, p = rank
        groupOfArm = allocate(inference.armCount, Int.self)
        for (arm, position) in inference.armPosition.enumerated() { groupOfArm[arm] = position + 1 }
        direction = allocate(rows.basisCount, Double.self)
        for j in 0 ..< p { direction[j] = g[j] }
        order = allocate(units, Int.self)
        groupStart = allocate(groups + 1, Int.self)
        sums = allocate(groups * rows.summedCount, Double.self)
        coefficients = allocate(groups * rows.basisCount, Double.self)
        scaledDirections = allocate(groups * rows.basisCount, Double.self)
        leverageWeights = allocate(groups * rows.paddedPairCount, Double.self)
        factor = allocate(p * p, Double.self)
        inverseFactor = allocate(p * p, Double.self)
        work = allocate(2 * p, Double.self)
        estimates = allocate(arms, Double.self)
        solved = allocate(arms, Double.self)
        covariance = allocate(arms * arms, Double.self)
        perGroup = allocate(groups, Double.self)
    }

    deinit {
        groupOfArm.deallocate(); direction.deallocate(); order.deallocate(); groupStart.deallocate()
        sums.deallocate(); coefficients.deallocate(); scaledDirections.deallocate(); leverageWeights.deallocate()
        factor.deallocate(); inverseFactor.deallocate(); work.deallocate(); estimates.deallocate()
        solved.deallocate(); covariance.deallocate(); perGroup.deallocate()
    }

    /// Evaluates draw `draw` (its arm indices at `assigned`) into `output`; a draw that leaves
    /// an arm empty or not estimable, or a standard error undefined, keeps its NaNs.
    func evaluate(draw: Int, arms assigned: UnsafePointer<Int32>, into output: SeparateArmOutput) {
        let k = arms, p = rank, groups = k + 1, basis = rows.basisCount
        let total = output.wald.count
        guard orderByGroup(assigned) else { return }
        rows.values.withUnsafeBufferPointer { values in sumGroups(values.baseAddress!) }
        for b in 0 ..< groups {
            guard factorise(group: b) else { return }
        }
        for a in 0 ..< k {
            var value = 0.0
            for j in 0 ..< p { value += direction[j] * (coefficients[(a + 1) * basis + j] - coefficients[j]) }
            estimates[a] = value
            output.estimates[a * total + draw] = value
        }
        // The arms' block of the unscaled covariance is δₐ_c gᵀΠₐ⁻¹g + gᵀΠ₀⁻¹g.
        for b in 0 ..< groups {
            var value = 0.0
            for j in 0 ..< p { value += direction[j] * scaledDirections[b * basis + j] }
            perGroup[b] = value
        }
        if statistic == .estimate || variance == .classical {
            var explained = 0.0
            for b in 0 ..< groups {
                for j in 0 ..< p { explained += sums[b * rows.summedCount + j] * coefficients[b * basis + j] }
            }
            let scale = (outcomeSumOfSquares - explained) / residualDegreesOfFreedom
            for b in 0 ..< groups { perGroup[b] *= scale }
        } else {
            guard rows.values.withUnsafeBufferPointer({ robustSums($0.baseAddress!) }) else { return }
            let scale = variance == .hc1 ? Double(units) / residualDegreesOfFreedom : 1
            for b in 0 ..< groups { perGroup[b] *= scale }
        }
        for a in 0 ..< k {
            for c in 0 ..< k { covariance[a * k + c] = (a == c ? perGroup[a + 1] : 0) + perGroup[0] }
        }
        if statistic == .studentised {
            for a in 0 ..< k { output.standardErrors[a * total + draw] = covariance[a * k + a].squareRoot() }
        }
        guard Self.choleskyFactorise(covariance.baseAddress!, order: k) else { return }
        for a in 0 ..< k { solved[a] = estimates[a] }
        Self.choleskySolve(covariance.baseAddress!, order: k, solved.baseAddress!)
        var wald = 0.0
        for a in 0 ..< k { wald += estimates[a] * solved[a] }
        output.wald[draw] = wald
    }

    /// Orders the units by group (a counting sort). Returns `false` if a group is empty.
    private func orderByGroup(_ assigned: UnsafePointer<Int32>) -> Bool {
        let groups = arms + 1
        for b in 0 ... groups { groupStart[b] = 0 }
        for i in 0 ..< units { groupStart[groupOfArm[Int(assigned[i])] + 1] += 1 }
        for b in 0 ..< groups where groupStart[b + 1] == 0 { return false }
        for b in 0 ..< groups { groupStart[b + 1] += groupStart[b] }
        // Fill from each group's start, then shift the starts back.
        for i in 0 ..< units {
            let group = groupOfArm[Int(assigned[i])]
            order[groupStart[group]] = i
            groupStart[group] += 1
        }
        for b in stride(from: groups, to: 0, by: -1) { groupStart[b] = groupStart[b - 1] }
        groupStart[0] = 0
        return true
    }

    /// Sums the rows of each intervention arm's units, three vectors of eight at a time held in
    /// registers, and the control's as the totals minus those.
    private func sumGroups(_ values: UnsafePointer<Double>) {
        let summed = rows.summedCount, stride = rows.stride, groups = arms + 1
        typealias Eight = SIMD8<Double>
        for b in 1 ..< groups {
            let target = sums.baseAddress! + b * summed
            var offset = 0
            while offset < summed {
                let width = Swift.min(3, (summed - offset) / 8)
                var first = Eight(), second = Eight(), third = Eight()
                for position in groupStart[b] ..< groupStart[b + 1] {
                    let row = UnsafeRawPointer(values + order[position] * stride + offset)
                    first += row.loadUnaligned(as: Eight.self)
                    if width > 1 { second += row.loadUnaligned(fromByteOffset: 64, as: Eight.self) }
                    if width > 2 { third += row.loadUnaligned(fromByteOffset: 128, as: Eight.self) }
                }
                let out = UnsafeMutableRawPointer(target + offset)
                out.storeBytes(of: first, as: Eight.self)
                if width > 1 { out.storeBytes(of: second, toByteOffset: 64, as: Eight.self) }
                if width > 2 { out.storeBytes(of: third, toByteOffset: 128, as: Eight.self) }
                offset += 8 * width
            }
        }
        rows.totals.withUnsafeBufferPointer { totals in
            for t in 0 ..< summed {
                var control = totals[t]
                for b in 1 ..< groups { control -= sums[b * summed + t] }
                sums[t] = control
            }
        }
    }

    /// Factorises Πᵦ and solves for βᵦ and zᵦ (and the leverage weights). Returns `false` when
    /// Πᵦ is singular: the arm's fit, and so the draw, is not estimable.
    private func factorise(group b: Int) -> Bool {
        let p = rank, summed = rows.summedCount, basis = rows.basisCount
        let a = factor.baseAddress!
        var pair = b * summed + p
        for j in 0 ..< p {
            for l in j ..< p {
                a[j * p + l] = sums[pair]
                a[l * p + j] = sums[pair]
                pair += 1
            }
        }
        guard Self.choleskyFactorise(a, order: p) else { return false }
        let beta = work.baseAddress!, z = work.baseAddress! + p
        for j in 0 ..< p {
            beta[j] = sums[b * summed + j]
            z[j] = direction[j]
        }
        Self.choleskySolve(a, order: p, beta)
        Self.choleskySolve(a, order: p, z)
        for j in 0 ..< p {
            coefficients[b * basis + j] = beta[j]
            scaledDirections[b * basis + j] = z[j]
        }
        if needsLeverage { fillLeverageWeights(group: b) }
        return true
    }

    /// The entries of Πᵦ⁻¹ = L⁻ᵀL⁻¹ on the pairs j ≤ l, off-diagonal ones doubled, so that a
    /// unit's pair products times them give its leverage qᵢᵀΠᵦ⁻¹qᵢ.
    private func fillLeverageWeights(group b: Int) {
        let p = rank, l = factor.baseAddress!, inverse = inverseFactor.baseAddress!
        // L⁻¹ (lower triangular, row-major), column by column by forward substitution.
        for column in 0 ..< p {
            for i in column ..< p {
                var value = i == column ? 1.0 : 0.0
                for m in column ..< i { value -= l[i * p + m] * inverse[m * p + column] }
                inverse[i * p + column] = value / l[i * p + i]
            }
        }
        var pair = b * rows.paddedPairCount
        for j in 0 ..< p {
            for c in j ..< p {
                var value = 0.0
                for m in c ..< p { value += inverse[m * p + j] * inverse[m * p + c] }
                leverageWeights[pair] = j == c ? value : 2 * value
                pair += 1
            }
        }
    }

    /// Vᵦ = Σ_{i∈b} ωᵢeᵢ²sᵢ² per group into ``perGroup``, with sᵢ = qᵢᵀzᵦ. Returns `false` if
    /// a unit's leverage is 1 (HC2 and HC3 are then undefined).
    private func robustSums(_ values: UnsafePointer<Double>) -> Bool {
        typealias Eight = SIMD8<Double>
        let p = rank, stride = rows.stride, basis = rows.basisCount, pairs = rows.paddedPairCount
        let basisOffset = rows.basisOffset, outcomeOffset = rows.outcomeOffset
        let leverage = needsLeverage, hc3 = variance == .hc3
        for b in 0 ... arms {
            let beta = UnsafeRawPointer(coefficients.baseAddress! + b * basis)
            let z = UnsafeRawPointer(scaledDirections.baseAddress! + b * basis)
            let weights = UnsafeRawPointer(leverageWeights.baseAddress! + b * pairs)
            var sum = 0.0
            for position in groupStart[b] ..< groupStart[b + 1] {
                let row = values + order[position] * stride
                let q = row + basisOffset
                var fitted = Eight(), score = Eight()
                var offset = 0
                while offset + 8 <= p {
                    let values = UnsafeRawPointer(q + offset).loadUnaligned(as: Eight.self)
                    fitted += values * beta.loadUnaligned(fromByteOffset: offset * 8, as: Eight.self)
                    score += values * z.loadUnaligned(fromByteOffset: offset * 8, as: Eight.self)
                    offset += 8
                }
                var fittedRest = 0.0, scoreRest = 0.0
                while offset < p {
                    fittedRest += q[offset] * beta.load(fromByteOffset: offset * 8, as: Double.self)
                    scoreRest += q[offset] * z.load(fromByteOffset: offset * 8, as: Double.self)
                    offset += 1
                }
                let e = row[outcomeOffset] - (Self.sum(fitted) + fittedRest)
                let s = Self.sum(score) + scoreRest
                var omega = 1.0
                if leverage {
                    let products = UnsafeRawPointer(row + p)
                    var h = Eight()
                    offset = 0
                    while offset < pairs * 8 {
                        h += products.loadUnaligned(fromByteOffset: offset, as: Eight.self)
                            * weights.loadUnaligned(fromByteOffset: offset, as: Eight.self)
                        offset += 64
                    }
                    let leverage = Self.sum(h)
                    guard leverage < 1 - 1e-10 else { return false }
                    omega = hc3 ? 1 / ((1 - leverage) * (1 - leverage)) : 1 / (1 - leverage)
                }
                sum += omega * e * e * s * s
            }
            perGroup[b] = sum
        }
        return true
    }

    /// The sum of eight values as a tree of pairwise sums (three dependent additions, not seven).
    @inline(__always)
    private static func sum(_ values: SIMD8<Double>) -> Double {
        let four = values.lowHalf + values.highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }

    /// LLᵀ in place (row-major lower), failing as ``DrawSolver/choleskyFactorise(_:order:)``
    /// does: a pivot below 1e-9 of its original diagonal element.
    private static func choleskyFactorise(_ a: UnsafeMutablePointer<Double>, order n: Int) -> Bool {
        for j in 0 ..< n {
            let original = a[j * n + j]
            var pivot = original
            for l in 0 ..< j { pivot -= a[j * n + l] * a[j * n + l] }
            guard pivot > 1e-9 * abs(original), pivot > 0 else { return false }
            let root = pivot.squareRoot()
            a[j * n + j] = root
            for i in (j + 1) ..< Swift.max(j + 1, n) {
                var value = a[i * n + j]
                for l in 0 ..< j { value -= a[i * n + l] * a[j * n + l] }
                a[i * n + j] = value / root
            }
        }
        return true
    }

    /// Solves LLᵀx = b in place with L from ``choleskyFactorise(_:order:)``.
    private static func choleskySolve(_ l: UnsafeMutablePointer<Double>, order n: Int, _ b: UnsafeMutablePointer<Double>) {
        for i in 0 ..< n {
            var value = b[i]
            for m in 0 ..< i { value -= l[i * n + m] * b[m] }
            b[i] = value / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = b[i]
            for m in (i + 1) ..< Swift.max(i + 1, n) { value -= l[m * n + i] * b[m] }
            b[i] = value / l[i * n + i]
        }
    }
}

extension RandomisationInference {
    /// g = Γ⁻ᵀe₀ when the multipliers span the fixed part (Γ square and invertible) and every
    /// draw's regression is one fit per arm; `nil` otherwise.
    func separateArmDirection() -> [Double]? {
        let p = fixedRank, h = perArm
        guard p == h, p > 0 else { return nil }
        // Γᵀ, h × p, from Γ's row-major storage.
        var transposed = Matrix(rows: h, columns: p)
        for j in 0 ..< p {
            for m in 0 ..< h { transposed[m, j] = multipliersInBasis[j * h + m] }
        }
        var unit = Vector(repeating: 0, count: h)
        unit[0] = 1
        guard let g = try? transposed.solve(unit), g.allSatisfy({ $0.isFinite }) else { return nil }
        return Array(g)
    }

    /// The statistics of every draw by separate fits per arm (see the top of this file), on up
    /// to ``BLASThreads/count`` threads. Each draw is computed alone, so results do not depend
    /// on the thread count.
    ///
    /// - Parameter drawsPerChunk: Draws per round, reported to `progress` after each; `nil` for
    ///   256 per thread.
    func evaluateSeparately(_ draws: AssignmentDraws, statistic: RandomisationStatistic, variance: VarianceEstimator,
                            direction: [Double], drawsPerChunk: Int?, progress: ((Double) -> Void)?) -> DrawEvaluation {
        let k = armCount - 1, total = draws.count, n = units
        let rows = SeparateArmRows(basis: basis, residualised: Array(residualised.column(0)))
        var estimates = [Double](repeating: .nan, count: k * total)
        var standardErrors = [Double](repeating: .nan, count: k * total)
        var wald = [Double](repeating: .nan, count: total)
        let workers = max(1, min(BLASThreads.count, BLASThreads.machineCores, total))
        // One solver (scratch space) per worker.
        let solvers = UncheckedSendableSolvers((0 ..< workers).map { _ in
            SeparateArmSolver(inference: self, rows: rows, direction: direction, statistic: statistic, variance: variance)
        })
        // Rounds of draws split across the workers; progress is reported between rounds.
        let round = drawsPerChunk ?? workers * 256
        estimates.withUnsafeMutableBufferPointer { estimates in
            standardErrors.withUnsafeMutableBufferPointer { standardErrors in
                wald.withUnsafeMutableBufferPointer { wald in
                    draws.armIndices.withUnsafeBufferPointer { arms in
                        let output = UncheckedSendableOutput(
                            SeparateArmOutput(estimates: estimates, standardErrors: standardErrors, wald: wald))
                        let indices = UncheckedSendableIndices(arms.baseAddress!)
                        var start = 0
                        while start < total {
                            let end = min(total, start + round)
                            let share = (end - start + workers - 1) / workers
                            let body = { (worker: Int) in
                                let solver = solvers.value[worker]
                                let first = start + worker * share
                                for draw in first ..< min(end, first + share) {
                                    solver.evaluate(draw: draw, arms: indices.pointer + draw * n, into: output.value)
                                }
                            }
                            if workers == 1 {
                                body(0)
                            } else {
                                withoutActuallyEscaping(body) { body in
                                    let shared = UncheckedSendableBody(body)
                                    DispatchQueue.concurrentPerform(iterations: workers) { shared.value($0) }
                                }
                            }
                            start = end
                            progress?(Double(start) / Double(total))
                        }
                    }
                }
            }
        }
        var result = DrawEvaluation(arms: k, draws: total, intervals: false)
        for a in 0 ..< k {
            result.estimates[a] = Array(estimates[(a * total) ..< ((a + 1) * total)])
            result.standardErrors[a] = Array(standardErrors[(a * total) ..< ((a + 1) * total)])
        }
        result.wald = wald
        return result
    }
}

// Values handed to the worker threads of ``RandomisationInference/evaluateSeparately``: each
// worker writes only the draws of its own share, which is what makes sharing them safe.
private struct UncheckedSendableOutput: @unchecked Sendable {
    let value: SeparateArmOutput
    init(_ value: SeparateArmOutput) { self.value = value }
}

private struct UncheckedSendableIndices: @unchecked Sendable {
    let pointer: UnsafePointer<Int32>
    init(_ pointer: UnsafePointer<Int32>) { self.pointer = pointer }
}

private struct UncheckedSendableSolvers: @unchecked Sendable {
    let value: [SeparateArmSolver]
    init(_ value: [SeparateArmSolver]) { self.value = value }
}

private struct UncheckedSendableBody: @unchecked Sendable {
    let value: (Int) -> Void
    init(_ value: @escaping (Int) -> Void) { self.value = value }
}
