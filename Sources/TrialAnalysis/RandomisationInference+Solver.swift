/// The per-draw step of ``RandomisationInference``: from the products Zᵀ D_a of one draw, the
/// arms' residualised Gram matrix G = VᵀV − (QᵀV)ᵀ(QᵀV), the coefficients θ̂ = G⁻¹ Vᵀẽ and the
/// classical Wald statistic. Scratch space is reused across draws, so a draw allocates nothing.
struct DrawSolver {
    let arms: Int
    let perArm: Int
    let fixedRank: Int
    let residualSumOfSquares: Double
    let residualDegreesOfFreedom: Int
    /// K = arms × perArm.
    let order: Int
    /// G (then its Cholesky factor), K × K row-major; the right-hand side; a work vector.
    var gram: [Double]
    var rightHandSide: [Double]
    var work: [Double]
    /// The arms' block of G⁻¹ (then its factor), arms × arms.
    var armCovariance: [Double]
    var estimates: [Double]

    init(arms: Int, perArm: Int, fixedRank: Int, residualSumOfSquares: Double, residualDegreesOfFreedom: Int) {
        self.arms = arms
        self.perArm = perArm
        self.fixedRank = fixedRank
        self.residualSumOfSquares = residualSumOfSquares
        self.residualDegreesOfFreedom = residualDegreesOfFreedom
        order = arms * perArm
        gram = [Double](repeating: 0, count: order * order)
        rightHandSide = [Double](repeating: 0, count: order)
        work = [Double](repeating: 0, count: order)
        armCovariance = [Double](repeating: 0, count: arms * arms)
        estimates = [Double](repeating: 0, count: arms)
    }

    /// Solves one draw.
    ///
    /// - Parameter f: `arms` columns of Zᵀ D_a, one after another.
    /// - Returns: The arms' estimates and the Wald statistic, or `nil` if G is singular (the
    ///   arms are not estimable under this draw).
    mutating func solve(_ f: UnsafeBufferPointer<Double>) -> (estimates: [Double], wald: Double)? {
        let h = perArm, p = fixedRank, k = arms, size = order
        let columnLength = f.count / k
        let squaresOffset = h, projectionsOffset = h + h * (h + 1) / 2
        for a in 0 ..< k {
            let column = a * columnLength
            var pair = 0
            for m in 0 ..< h {
                rightHandSide[a * h + m] = f[column + m]
                for l in m ..< h {
                    let value = f[column + squaresOffset + pair]
                    gram[(a * h + m) * size + a * h + l] = value
                    gram[(a * h + l) * size + a * h + m] = value
                    pair += 1
                }
            }
            for b in 0 ..< k where b != a {
                for m in 0 ..< h {
                    for l in 0 ..< h { gram[(a * h + m) * size + b * h + l] = 0 }
                }
            }
        }
        // − (QᵀV)ᵀ(QᵀV): p-vectors P_(a,m) sit at projectionsOffset + m p in column a.
        for row in 0 ..< size {
            let ra = row / h, rm = row % h
            let rowBase = ra * columnLength + projectionsOffset + rm * p
            for column in row ..< size {
                let ca = column / h, cm = column % h
                let columnBase = ca * columnLength + projectionsOffset + cm * p
                var dot = 0.0
                for j in 0 ..< p { dot += f[rowBase + j] * f[columnBase + j] }
                gram[row * size + column] -= dot
                if column != row { gram[column * size + row] = gram[row * size + column] }
            }
        }

        guard Self.choleskyFactorise(&gram, order: size) else { return nil }
        var theta = rightHandSide
        Self.choleskySolve(gram, order: size, &theta)
        var explained = 0.0
        for i in 0 ..< size { explained += rightHandSide[i] * theta[i] }
        let variance = (residualSumOfSquares - explained) / Double(residualDegreesOfFreedom)

        // The arms' block of G⁻¹: column a of G⁻¹ read at the arms' rows.
        for a in 0 ..< k {
            for i in 0 ..< size { work[i] = 0 }
            work[a * h] = 1
            Self.choleskySolve(gram, order: size, &work)
            for b in 0 ..< k { armCovariance[b * k + a] = work[b * h] }
            estimates[a] = theta[a * h]
        }
        guard Self.choleskyFactorise(&armCovariance, order: k) else { return nil }
        var scaled = estimates
        Self.choleskySolve(armCovariance, order: k, &scaled)
        var wald = 0.0
        for a in 0 ..< k { wald += estimates[a] * scaled[a] }
        return (estimates, wald / variance)
    }

    /// Factorises a symmetric positive definite matrix in place as LLᵀ (L in the lower
    /// triangle, row-major). Fails when a pivot falls below 1e-9 of its original diagonal
    /// element, which is how a column in the span of the others (an empty or aliased arm) shows.
    static func choleskyFactorise(_ a: inout [Double], order n: Int) -> Bool {
        for j in 0 ..< n {
            let original = a[j * n + j]
            var pivot = original
            for l in 0 ..< j { pivot -= a[j * n + l] * a[j * n + l] }
            guard pivot > 1e-9 * abs(original), pivot > 0 else { return false }
            let root = pivot.squareRoot()
            a[j * n + j] = root
            for i in (j + 1) ..< max(j + 1, n) {
                var value = a[i * n + j]
                for l in 0 ..< j { value -= a[i * n + l] * a[j * n + l] }
                a[i * n + j] = value / root
            }
        }
        return true
    }

    /// Solves LLᵀx = b in place, with L from ``choleskyFactorise(_:order:)``.
    static func choleskySolve(_ factor: [Double], order n: Int, _ b: inout [Double]) {
        for i in 0 ..< n {
            var value = b[i]
            for l in 0 ..< i { value -= factor[i * n + l] * b[l] }
            b[i] = value / factor[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = b[i]
            for l in (i + 1) ..< max(i + 1, n) { value -= factor[l * n + i] * b[l] }
            b[i] = value / factor[i * n + i]
        }
    }
}
