/// The LDLᵀ factorisation of a small symmetric positive semi-definite matrix, with pivots below
/// a relative tolerance set to zero, as R survival's `cholesky2` does: a column whose pivot is
/// zeroed is (numerically) a combination of the earlier ones, and solves give it 0.
///
/// The matrices here are information matrices of a few coefficients (arms and covariates), so a
/// plain loop beats a LAPACK call with its copying.
struct SymmetricLDL {
    /// Row-major n × n: unit lower triangle below the diagonal, D on the diagonal.
    private var factor: [Double]
    let order: Int
    /// Indices of pivots set to zero.
    private(set) var singularColumns: [Int] = []

    /// Factorises `matrix` (row-major, symmetric; only the lower triangle is read).
    ///
    /// - Parameter tolerance: Pivots below `tolerance` × the largest diagonal are zeroed;
    ///   default ε^(3/4), coxph's `toler.chol`.
    init(_ matrix: [Double], order n: Int, tolerance: Double = 1.818_989_403_545_856e-12) {
        precondition(matrix.count == n * n, "SymmetricLDL needs an n × n matrix")
        var a = matrix
        var largest = 0.0
        for i in 0 ..< n where a[i * n + i] > largest { largest = a[i * n + i] }
        let eps = largest * tolerance
        for i in 0 ..< n {
            let pivot = a[i * n + i]
            if !pivot.isFinite || pivot < eps || pivot == 0 {
                a[i * n + i] = 0
                singularColumns.append(i)
                continue
            }
            for j in (i + 1) ..< max(i + 1, n) {
                let temp = a[j * n + i] / pivot
                a[j * n + i] = temp
                a[j * n + j] -= temp * temp * pivot
                for k in (j + 1) ..< max(j + 1, n) {
                    a[k * n + j] -= temp * a[k * n + i]
                }
            }
        }
        factor = a
        order = n
    }

    /// The number of nonzero pivots.
    var rank: Int { order - singularColumns.count }

    /// Solves A x = b, giving 0 to components on zeroed pivots.
    func solve(_ b: [Double]) -> [Double] {
        let n = order
        var x = b
        for i in 0 ..< n {
            var sum = x[i]
            for j in 0 ..< i { sum -= factor[i * n + j] * x[j] }
            x[i] = sum
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let d = factor[i * n + i]
            if d == 0 { x[i] = 0; continue }
            var sum = x[i] / d
            for j in (i + 1) ..< max(i + 1, n) { sum -= factor[j * n + i] * x[j] }
            x[i] = sum
        }
        return x
    }

    /// The (generalised) inverse, row-major; rows and columns of zeroed pivots are 0.
    func inverse() -> [Double] {
        let n = order
        var result = [Double](repeating: 0, count: n * n)
        for column in 0 ..< n {
            var unit = [Double](repeating: 0, count: n)
            unit[column] = 1
            let x = solve(unit)
            for row in 0 ..< n { result[row * n + column] = x[row] }
        }
        for zeroed in singularColumns {
            for k in 0 ..< n { result[zeroed * n + k] = 0; result[k * n + zeroed] = 0 }
        }
        return result
    }
}
