import Foundation

/// The limit of the Cox estimate on arm indicators for people with constant hazards: the root of
/// the expected partial-likelihood score when each person is in arm a with probability π_a,
/// has hazard c_i r_a there, and is followed for T_i days.
///
/// With Y_a(t) = Σ_{T_i ≥ t} e^(−c_i r_a t) and D_a(t) = Σ_{T_i ≥ t} c_i r_a e^(−c_i r_a t), the
/// score for arm a is ∫ [π_a D_a − w_a Σ_b π_b D_b] dt with w_a = π_a e^(β_a) Y_a / Σ_b π_b e^(β_b) Y_b
/// and β_control = 0. The integrals are taken by 5-point Gauss-Legendre quadrature on panels
/// no longer than 8 days that break at every follow-up length, where the integrands jump.
struct CoxLimit {
    let shares: [Double]
    /// Y_a at each quadrature node.
    private var atRisk: [[Double]] = []
    /// D_a at each quadrature node, times the node's weight.
    private var events: [[Double]] = []

    init(rates: [Double], windows: [Int], shares: [Double], rateRatios: [Double]) {
        self.shares = shares
        let armCount = shares.count
        let breaks = Array(Set(windows.filter { $0 > 0 })).sorted()
        // People sorted by window, so those at risk past a break are a suffix.
        let order = windows.indices.sorted { windows[$0] < windows[$1] }
        let sortedRates = order.map { rates[$0] }
        let sortedWindows = order.map { windows[$0] }
        let nodes: [Double] = [-0.906179845938664, -0.538469310105683, 0, 0.538469310105683, 0.906179845938664]
        let weights: [Double] = [0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366, 0.236926885056189]
        var start = 0.0
        var first = 0
        for end in breaks.map(Double.init) {
            while first < sortedWindows.count && Double(sortedWindows[first]) < end { first += 1 }
            let pieces = max(1, Int(((end - start) / 8).rounded(.up)))
            let width = (end - start) / Double(pieces)
            for piece in 0 ..< pieces {
                let a = start + Double(piece) * width
                for (node, weight) in zip(nodes, weights) {
                    let t = a + width / 2 * (node + 1)
                    let w = weight * width / 2
                    var y = [Double](repeating: 0, count: armCount)
                    var d = [Double](repeating: 0, count: armCount)
                    for arm in 0 ..< armCount {
                        var sy = 0.0, sd = 0.0
                        for i in first ..< sortedRates.count {
                            let h = sortedRates[i] * rateRatios[arm]
                            let s = Foundation.exp(-h * t)
                            sy += s
                            sd += h * s
                        }
                        y[arm] = sy
                        d[arm] = sd * w
                    }
                    atRisk.append(y)
                    events.append(d)
                }
            }
            start = end
        }
    }

    /// The hazard ratio of each arm after the first (the control) against it.
    func hazardRatios() -> [Double] {
        let k = shares.count - 1
        var beta = [Double](repeating: 0, count: k)
        for _ in 0 ..< 100 {
            var score = [Double](repeating: 0, count: k)
            var information = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for (y, d) in zip(atRisk, events) {
                var weighted = [Double](repeating: 0, count: k + 1)
                var total = 0.0, eventTotal = 0.0
                for arm in 0 ... k {
                    weighted[arm] = shares[arm] * (arm == 0 ? 1 : Foundation.exp(beta[arm - 1])) * y[arm]
                    total += weighted[arm]
                    eventTotal += shares[arm] * d[arm]
                }
                guard total > 0 else { continue }
                for a in 0 ..< k {
                    let wa = weighted[a + 1] / total
                    score[a] += shares[a + 1] * d[a + 1] - wa * eventTotal
                    for b in 0 ..< k {
                        let wb = weighted[b + 1] / total
                        information[a][b] += wa * ((a == b ? 1 : 0) - wb) * eventTotal
                    }
                }
            }
            let step = Self.solve(information, score)
            for a in 0 ..< k { beta[a] += step[a] }
            if step.allSatisfy({ abs($0) < 1e-13 }) { break }
        }
        return beta.map { Foundation.exp($0) }
    }

    /// Solves a small positive definite system by Gaussian elimination with partial pivoting.
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
        var a = matrix
        var b = rhs
        let n = b.count
        for col in 0 ..< n {
            let pivot = (col ..< n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in col + 1 ..< n {
                let factor = a[row][col] / a[col][col]
                for j in col ..< n { a[row][j] -= factor * a[col][j] }
                b[row] -= factor * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = b[row]
            for j in row + 1 ..< n { s -= a[row][j] * x[j] }
            x[row] = s / a[row][row]
        }
        return x
    }
}
