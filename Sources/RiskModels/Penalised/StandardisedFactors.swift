import LinearAlgebra

/// The factors centred at their means and scaled to unit (population) standard deviation, as
/// glmnet standardises them before fitting, with the means and scales to map coefficients back.
struct StandardisedFactors {
    /// People by factors, each column with mean 0 and mean square 1 (or all zero when constant).
    let matrix: Matrix
    /// Each factor's mean.
    let means: [Double]
    /// Each factor's population standard deviation (divisor n); 0 for a constant factor.
    let scales: [Double]

    var rows: Int { matrix.rows }
    var columns: Int { matrix.columns }

    /// Whether factor `j` varies (a factor constant within a fold's training set does not).
    func varies(_ j: Int) -> Bool { scales[j] > 0 }

    init(_ factors: Matrix) {
        let n = factors.rows, p = factors.columns
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 0, count: p)
        var elements = factors.columnMajorElements
        elements.withUnsafeMutableBufferPointer { z in
            for j in 0 ..< p {
                let column = UnsafeMutableBufferPointer(rebasing: z[j * n ..< (j + 1) * n])
                var sum = 0.0
                for value in column { sum += value }
                let mean = sum / Double(n)
                var squares = 0.0
                for value in column { squares += (value - mean) * (value - mean) }
                let scale = (squares / Double(n)).squareRoot()
                // Rounding can leave a constant column with a tiny spread; treat it as constant.
                let constant = !column.contains(where: { $0 != column[0] })
                means[j] = mean
                scales[j] = constant ? 0 : scale
                let inverse = constant ? 0 : 1 / scale
                for i in 0 ..< n { column[i] = (column[i] - mean) * inverse }
            }
        }
        matrix = Matrix(rows: n, columns: p, columnMajor: elements)
        self.means = means
        self.scales = scales
    }

    /// Maps an intercept and coefficients on the standardised scale to the factors' own scale.
    func originalScale(intercept: Double, coefficients: [Double]) -> (intercept: Double, coefficients: [Double]) {
        var intercept = intercept
        var original = [Double](repeating: 0, count: coefficients.count)
        for j in coefficients.indices where scales[j] > 0 && coefficients[j] != 0 {
            original[j] = coefficients[j] / scales[j]
            intercept -= original[j] * means[j]
        }
        return (intercept, original)
    }
}
