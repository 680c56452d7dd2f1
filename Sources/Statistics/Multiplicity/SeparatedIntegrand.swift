import Foundation

/// The probability that a multivariate normal or t vector leaves a box, written as an integral
/// over the unit cube by Genz's separation of variables, with the variables reordered as Genz
/// and Bretz propose.
///
/// With `T = Z / S`, `Z ~ N(0, R)`, `S = √(χ²_ν / ν)` and `R = L Lᵀ` (Cholesky, in the
/// reordered variables), `Z = L Y` with independent standard normal `Y`, and the box
/// `a S ≤ L Y ≤ b S` confines each `Y_j` to an interval that depends on `Y_1 … Y_{j−1}`.
/// Drawing `S` from the first coordinate (by importance sampling, see ``scaleDraw(_:)``) and each
/// `Y_j` from the next by the inverse normal within its interval turns the probability into the
/// mean over the cube of the product of the interval probabilities `e_j` (times the weight of
/// the draw of `S`). The integrand returned is the probability
/// of leaving the box, `1 − Π e_j = −expm1(Σ log1p(−(1 − e_j)))`, formed without cancellation,
/// so that small exceedance probabilities keep their relative accuracy.
///
/// Reordering: at each step, among the variables left, the one with the smallest probability
/// of its interval (given the truncated means of the variables already placed) is placed next,
/// which puts most of the variation into the first coordinates, where the lattice rules are
/// best. A variable whose residual variance falls to ``degenerateVariance`` or below (a singular
/// correlation, such as two identical arms) adds no coordinate: its constraint is applied to the
/// last variable it depends on. With a single variable left the probability is a closed form
/// (normal or Student t) and no integration is needed.
struct SeparatedIntegrand: LatticeIntegrand {
    /// Residual variances at or below this (in correlation units) make a variable a function of
    /// those before it. Its standard deviation 1e-6 is small enough that treating it as zero
    /// changes a probability by well under the default error target of 1e-6.
    static let degenerateVariance = 1e-12
    /// Coefficients below this (in units of the row's norm, which is 1) are treated as zero.
    static let negligibleCoefficient = 1e-12

    let dimension: Int
    var scratchCount: Int { max(pivotCount, 1) }

    /// The number of variables `Y_j` that carry a coordinate.
    let pivotCount: Int
    /// ν, `+∞` for the normal.
    let degreesOfFreedom: Double
    private let studentT: StudentT?
    /// For the t: the logistic proposal of `log S` (scale) and the log-density constant of the
    /// true density of `log S` (see ``scaleDraw(_:)``).
    private let proposalScale: Double
    private let logDensityConstant: Double
    /// Whether the integrand is written as `1 − ω × coverage` rather than `ω × exceedance`
    /// (the better-conditioned form when the exceedance is large); the same for the normal.
    private let complementForm: Bool
    /// The constraints on variable `j` are `constraintStart[j] ..< constraintStart[j + 1]`.
    private let constraintStart: [Int]
    /// Constraint `c` reads `lower[c] S ≤ Y_lead + Σ_{l<lead} coefficients[offset[c] + l] Y_l ≤ upper[c] S`.
    private let coefficientOffset: [Int]
    private let coefficients: [Double]
    private let lowerLimits: [Double]
    private let upperLimits: [Double]
    /// Whether some constraint involves no variable and excludes 0, so the box is missed surely.
    private let surelyOutside: Bool

    /// Builds the integrand for the box `lower ≤ T ≤ upper`.
    ///
    /// - Parameters:
    ///   - lower: Lower limits (`−∞` allowed), one per variable.
    ///   - upper: Upper limits (`+∞` allowed), each above its lower limit.
    ///   - correlation: A positive semi-definite correlation matrix.
    ///   - degreesOfFreedom: ν > 0, `+∞` for the normal.
    init(lower: [Double], upper: [Double], correlation: [[Double]], degreesOfFreedom: Double) {
        let k = lower.count
        var r = correlation
        var a = lower, b = upper
        var factor = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var means = [Double](repeating: 0, count: k)
        var pivots = 0
        for i in 0 ..< k {
            var best = -1
            var bestProbability = Double.infinity
            var bestScale = 0.0, bestLower = 0.0, bestUpper = 0.0
            for row in i ..< k {
                var variance = r[row][row]
                var shift = 0.0
                for l in 0 ..< i {
                    variance -= factor[row][l] * factor[row][l]
                    shift += factor[row][l] * means[l]
                }
                guard variance > Self.degenerateVariance else { continue }
                let scale = variance.squareRoot()
                let lo = (a[row] - shift) / scale, hi = (b[row] - shift) / scale
                let probability = Self.interval(lo, hi).inside
                if probability < bestProbability {
                    best = row
                    bestProbability = probability
                    bestScale = scale
                    bestLower = lo
                    bestUpper = hi
                }
            }
            guard best >= 0 else { break }
            if best != i {
                a.swapAt(i, best)
                b.swapAt(i, best)
                r.swapAt(i, best)
                for row in 0 ..< k { r[row].swapAt(i, best) }
                factor.swapAt(i, best)
            }
            factor[i][i] = bestScale
            for row in i + 1 ..< k {
                var value = r[row][i]
                for l in 0 ..< i { value -= factor[row][l] * factor[i][l] }
                factor[row][i] = value / bestScale
            }
            means[i] = Self.truncatedMean(bestLower, bestUpper, probability: bestProbability)
            pivots = i + 1
        }

        // Group the constraints by the last variable they involve.
        var groups = [[(coefficients: [Double], lower: Double, upper: Double)]](repeating: [], count: pivots)
        var surelyOutside = false
        for row in 0 ..< k {
            let lead = row < pivots
                ? row
                : (0 ..< pivots).last { abs(factor[row][$0]) > Self.negligibleCoefficient }
            guard let lead else {
                if a[row] > 0 || b[row] < 0 { surelyOutside = true }
                continue
            }
            let pivot = factor[row][lead]
            let scale = abs(pivot)
            let sign: Double = pivot > 0 ? 1 : -1
            let coefficients = (0 ..< lead).map { sign * factor[row][$0] / scale }
            let (lo, hi) = sign > 0 ? (a[row] / scale, b[row] / scale) : (-b[row] / scale, -a[row] / scale)
            groups[lead].append((coefficients, lo, hi))
        }
        var constraintStart = [0]
        var coefficientOffset = [Int](), coefficients = [Double](), lowerLimits = [Double](), upperLimits = [Double]()
        for group in groups {
            for constraint in group {
                coefficientOffset.append(coefficients.count)
                coefficients += constraint.coefficients
                lowerLimits.append(constraint.lower)
                upperLimits.append(constraint.upper)
            }
            constraintStart.append(lowerLimits.count)
        }

        self.pivotCount = pivots
        self.degreesOfFreedom = degreesOfFreedom
        let studentT = degreesOfFreedom.isFinite ? StudentT(degreesOfFreedom: degreesOfFreedom) : nil
        self.studentT = studentT
        if degreesOfFreedom.isFinite {
            let nu = degreesOfFreedom
            let spread = (Self.trigamma(nu / 2) / 4).squareRoot()
            proposalScale = max(0.83 * spread, 1.25 / nu)
            logDensityConstant = log(2.0) + nu / 2 * log(nu / 2) - lgamma(nu / 2)
        } else {
            proposalScale = 1
            logDensityConstant = 0
        }
        // Bonferroni's bound on the exceedance decides which form has the smaller variance.
        let bound = zip(lower, upper).reduce(0.0) { total, limits in
            let (lo, hi) = limits
            guard lo < hi else { return total + 1 }
            if let studentT { return total + studentT.cdf(lo) + studentT.survival(hi) }
            return total + StandardNormal.cdf(lo) + StandardNormal.survival(hi)
        }
        complementForm = bound >= 0.5
        self.constraintStart = constraintStart
        self.coefficientOffset = coefficientOffset
        self.coefficients = coefficients
        self.lowerLimits = lowerLimits
        self.upperLimits = upperLimits
        self.surelyOutside = surelyOutside
        // One coordinate per variable but the last (drawn from nothing), plus S for the t.
        dimension = pivots <= 1 ? 0 : pivots - 1 + (degreesOfFreedom.isFinite ? 1 : 0)
    }

    /// `P(lo ≤ Y ≤ hi)` and `P(Y ∉ [lo, hi])` for standard normal `Y`, each without cancellation.
    static func interval(_ lo: Double, _ hi: Double) -> (inside: Double, outside: Double) {
        if !(lo < hi) { return (0, 1) }
        let below = StandardNormal.cdf(lo), above = StandardNormal.survival(hi)
        let outside = below + above
        let inside: Double
        if lo > 0 {
            inside = StandardNormal.survival(lo) - above
        } else if hi < 0 {
            inside = StandardNormal.cdf(hi) - below
        } else {
            inside = 1 - outside
        }
        return (max(inside, 0), min(outside, 1))
    }

    /// `E[Y | lo ≤ Y ≤ hi]` for standard normal `Y`.
    private static func truncatedMean(_ lo: Double, _ hi: Double, probability: Double) -> Double {
        if probability > 1e-100 {
            let mean = (StandardNormal.density(lo) - StandardNormal.density(hi)) / probability
            return min(max(mean, lo), hi)
        }
        // The interval lies far in one tail: its mass sits at the end nearer zero.
        if lo > 0 { return lo }
        if hi < 0 { return hi }
        return 0
    }

    /// The probability of leaving the box at one point of the cube.
    func value(at point: UnsafeBufferPointer<Double>, scratch y: UnsafeMutableBufferPointer<Double>) -> Double {
        if surelyOutside { return 1 }
        if pivotCount == 0 { return 0 }
        if pivotCount == 1 { return singleVariableExceedance() }
        var scale = 1.0
        var weight = 1.0
        var next = 0
        if studentT != nil {
            (scale, weight) = scaleDraw(point[0])
            next = 1
        }
        var logCoverage = 0.0
        var missed = false
        for j in 0 ..< pivotCount {
            var lo = -Double.infinity, hi = Double.infinity
            for c in constraintStart[j] ..< constraintStart[j + 1] {
                var partial = 0.0
                let offset = coefficientOffset[c]
                for l in 0 ..< j { partial += coefficients[offset + l] * y[l] }
                lo = max(lo, lowerLimits[c] * scale - partial)
                hi = min(hi, upperLimits[c] * scale - partial)
            }
            if !(lo < hi) { missed = true; break }
            let below = StandardNormal.cdf(lo), above = StandardNormal.survival(hi)
            let outside = below + above
            if outside >= 1 { missed = true; break }
            logCoverage += log1p(-outside)
            if j == pivotCount - 1 { break }
            let u = point[next]
            next += 1
            var draw: Double
            if lo > 0 {
                // Upper tail: work with survival probabilities, which keep their precision there.
                let survivalLow = StandardNormal.survival(lo)
                draw = -FastNormalQuantile.quantile(survivalLow - u * max(survivalLow - above, 0))
            } else {
                let inside = hi < 0 ? StandardNormal.cdf(hi) - below : 1 - outside
                draw = FastNormalQuantile.quantile(below + u * max(inside, 0))
            }
            // Keep the draw finite and inside its interval despite rounding at the ends.
            draw = min(max(draw, lo, -40), hi, 40)
            y[j] = draw.isNaN ? max(min(0, hi), lo) : draw
        }
        if complementForm {
            return missed ? 1 : 1 - weight * exp(logCoverage)
        }
        return missed ? weight : weight * -expm1(logCoverage)
    }

    /// `S` drawn from coordinate `w`, and the weight that makes the draw exact.
    ///
    /// Drawing `S` by the χ² quantile makes the integrand a near-step in `w` when the box is
    /// left only for rare small `S` (a t with few degrees of freedom and a bound far out), which
    /// lattice points then miss. Instead `log S` is drawn from a logistic distribution centred
    /// at its mode 0, with a scale of 0.83 times its standard deviation `√(ψ′(ν/2))/2` but at
    /// least `1.25/ν`, so that both tails are heavier than those of `log S` (its lower tail falls
    /// as `e^{ν u}`) and the weight, the ratio of the densities, stays bounded:
    /// `ω = f(u) / g(u)` with `log f(u) = log 2 + (ν/2) log(ν/2) − log Γ(ν/2) + ν u − (ν/2) e^{2u}`.
    /// The weight averages exactly 1 over `w`.
    private func scaleDraw(_ w: Double) -> (scale: Double, weight: Double) {
        let clamped = min(max(w, 1e-300), 1 - 0x1p-53)
        let z = log(clamped) - log1p(-clamped)
        let u = proposalScale * z
        let nu = degreesOfFreedom
        let logTrue = logDensityConstant + nu * u - nu / 2 * exp(2 * u)
        let logProposal = -abs(z) - log(proposalScale) - 2 * log1p(exp(-abs(z)))
        return (exp(u), exp(logTrue - logProposal))
    }

    /// The trigamma function ψ′(x) for x > 0, by recurrence to x ≥ 8 and the asymptotic series.
    static func trigamma(_ x: Double) -> Double {
        var x = x, total = 0.0
        while x < 8 {
            total += 1 / (x * x)
            x += 1
        }
        let inverse = 1 / x, inverse2 = inverse * inverse
        return total + inverse + inverse2 / 2
            + inverse * inverse2 * (1.0 / 6 - inverse2 * (1.0 / 30 - inverse2 * (1.0 / 42 - inverse2 / 30)))
    }

    /// The exceedance when every constraint involves the one variable: a closed form.
    private func singleVariableExceedance() -> Double {
        var lo = -Double.infinity, hi = Double.infinity
        for c in constraintStart[0] ..< constraintStart[1] {
            lo = max(lo, lowerLimits[c])
            hi = min(hi, upperLimits[c])
        }
        if !(lo < hi) { return 1 }
        guard let studentT else { return Self.interval(lo, hi).outside }
        return min(1, studentT.cdf(lo) + studentT.survival(hi))
    }
}
