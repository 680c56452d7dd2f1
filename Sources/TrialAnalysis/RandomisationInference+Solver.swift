/// How the fixed columns Z of ``RandomisationInference``'s product ZᵀD are laid out within one
/// arm's block of the product (each block has ``columnCount`` columns).
enum ProductLayout: Sendable, Equatable {
    /// [ẽ⁽ᵛ⁾ ∘ h_m (v-major), h_m ∘ h_l (m ≤ l), q_j ∘ h_m (at m p + j)]: cheapest when h is
    /// small (no covariates, or additive adjustment).
    case multipliers
    /// [ẽ⁽ᵛ⁾ ∘ q_j (v-major), q_j ∘ q_l (j ≤ l)]: cheapest when the multipliers are most of W
    /// (Lin's adjustment without blocks).
    case basis

    /// The number of columns for `outcomes` residualised outcomes, h multipliers and rank p.
    static func columnCount(_ layout: ProductLayout, outcomes: Int, perArm h: Int, fixedRank p: Int) -> Int {
        switch layout {
        case .multipliers: outcomes * h + h * (h + 1) / 2 + p * h
        case .basis: outcomes * p + p * (p + 1) / 2
        }
    }

    /// The cheaper layout.
    static func cheaper(outcomes: Int, perArm h: Int, fixedRank p: Int) -> ProductLayout {
        columnCount(.basis, outcomes: outcomes, perArm: h, fixedRank: p)
            < columnCount(.multipliers, outcomes: outcomes, perArm: h, fixedRank: p) ? .basis : .multipliers
    }
}

/// The per-draw step of ``RandomisationInference``: from the products ZᵀD_a of one draw, the
/// cross products C = QᵀV, the arms' residualised Gram matrix G = VᵀV − CᵀC (then its Cholesky
/// factor) and the coefficients θ̂⁽ᵛ⁾ = G⁻¹ Vᵀẽ⁽ᵛ⁾ for each residualised outcome v. Scratch space
/// is reused across draws, so a draw allocates nothing.
struct DrawSolver {
    let arms: Int
    let perArm: Int
    let fixedRank: Int
    let outcomes: Int
    let layout: ProductLayout
    /// Γ, p × h row-major.
    let gamma: [Double]
    /// K = arms × perArm.
    let order: Int
    /// G (then its Cholesky factor L, lower triangle), K × K row-major.
    var gram: [Double]
    /// Vᵀẽ⁽ᵛ⁾ then θ̂⁽ᵛ⁾, K per outcome.
    var rightHandSides: [Double]
    var coefficients: [Double]
    /// C = QᵀV, p × K row-major.
    var cross: [Double]
    /// Π_a (basis layout), p × p; a work vector of length max(K, p).
    var pairSums: [Double]
    var work: [Double]

    init(arms: Int, perArm: Int, fixedRank: Int, outcomes: Int, layout: ProductLayout, gamma: [Double]) {
        self.arms = arms
        self.perArm = perArm
        self.fixedRank = fixedRank
        self.outcomes = outcomes
        self.layout = layout
        self.gamma = gamma
        order = arms * perArm
        gram = [Double](repeating: 0, count: order * order)
        rightHandSides = [Double](repeating: 0, count: order * outcomes)
        coefficients = [Double](repeating: 0, count: order * outcomes)
        cross = [Double](repeating: 0, count: fixedRank * order)
        pairSums = [Double](repeating: 0, count: fixedRank * fixedRank)
        work = [Double](repeating: 0, count: max(order, fixedRank))
    }

    /// Solves one draw: fills ``cross``, ``gram`` (factorised) and ``coefficients``.
    ///
    /// - Parameter f: `arms` blocks of Zᵀ D_a, one after another.
    /// - Returns: `false` if G is singular (the arms are not estimable under this draw).
    mutating func solve(_ f: UnsafeBufferPointer<Double>) -> Bool {
        let h = perArm, p = fixedRank, k = arms, size = order, v = outcomes
        let columnLength = f.count / k
        for index in gram.indices { gram[index] = 0 }
        for a in 0 ..< k {
            let column = a * columnLength
            switch layout {
            case .multipliers:
                for t in 0 ..< v {
                    for m in 0 ..< h { rightHandSides[t * size + a * h + m] = f[column + t * h + m] }
                }
                var pair = column + v * h
                for m in 0 ..< h {
                    for l in m ..< h {
                        gram[(a * h + m) * size + a * h + l] = f[pair]
                        gram[(a * h + l) * size + a * h + m] = f[pair]
                        pair += 1
                    }
                }
                let projections = column + v * h + h * (h + 1) / 2
                for m in 0 ..< h {
                    for j in 0 ..< p { cross[j * size + a * h + m] = f[projections + m * p + j] }
                }
            case .basis:
                var pair = column + v * p
                for j in 0 ..< p {
                    for l in j ..< p {
                        pairSums[j * p + l] = f[pair]
                        pairSums[l * p + j] = f[pair]
                        pair += 1
                    }
                }
                // C_a = Π_a Γ; G_aa = Γᵀ C_a; Vᵀẽ = Γᵀ (Σ ẽ q).
                for j in 0 ..< p {
                    for m in 0 ..< h {
                        var sum = 0.0
                        for l in 0 ..< p { sum += pairSums[j * p + l] * gamma[l * h + m] }
                        cross[j * size + a * h + m] = sum
                    }
                }
                for m in 0 ..< h {
                    for l in m ..< h {
                        var sum = 0.0
                        for j in 0 ..< p { sum += gamma[j * h + m] * cross[j * size + a * h + l] }
                        gram[(a * h + m) * size + a * h + l] = sum
                        gram[(a * h + l) * size + a * h + m] = sum
                    }
                }
                for t in 0 ..< v {
                    for m in 0 ..< h {
                        var sum = 0.0
                        for j in 0 ..< p { sum += gamma[j * h + m] * f[column + t * p + j] }
                        rightHandSides[t * size + a * h + m] = sum
                    }
                }
            }
        }
        // G −= CᵀC.
        for row in 0 ..< size {
            for column in row ..< size {
                var dot = 0.0
                for j in 0 ..< p { dot += cross[j * size + row] * cross[j * size + column] }
                gram[row * size + column] -= dot
                if column != row { gram[column * size + row] = gram[row * size + column] }
            }
        }
        guard Self.choleskyFactorise(&gram, order: size) else { return false }
        for index in coefficients.indices { coefficients[index] = rightHandSides[index] }
        for t in 0 ..< v { Self.choleskySolve(gram, order: size, &coefficients, offset: t * size) }
        return true
    }

    /// Column `index` of G⁻¹ (after a successful ``solve(_:)``) into `result`.
    func inverseColumn(_ index: Int, into result: inout [Double]) {
        for i in 0 ..< order { result[i] = 0 }
        result[index] = 1
        Self.choleskySolve(gram, order: order, &result, offset: 0)
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

    /// Solves LLᵀx = b in place for the n values of `b` from `offset`, with L from
    /// ``choleskyFactorise(_:order:)``.
    static func choleskySolve(_ factor: [Double], order n: Int, _ b: inout [Double], offset: Int) {
        for i in 0 ..< n {
            var value = b[offset + i]
            for l in 0 ..< i { value -= factor[i * n + l] * b[offset + l] }
            b[offset + i] = value / factor[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = b[offset + i]
            for l in (i + 1) ..< max(i + 1, n) { value -= factor[l * n + i] * b[offset + l] }
            b[offset + i] = value / factor[i * n + i]
        }
    }

    /// Solves Lx = b in place (forward substitution only) for the n values from `offset`.
    static func forwardSolve(_ factor: [Double], order n: Int, _ b: inout [Double], offset: Int) {
        for i in 0 ..< n {
            var value = b[offset + i]
            for l in 0 ..< i { value -= factor[i * n + l] * b[offset + l] }
            b[offset + i] = value / factor[i * n + i]
        }
    }
}
