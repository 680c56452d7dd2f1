// Eigendecomposition of a symmetric matrix (LAPACK dsyevr: relatively robust representations).

internal import CLinearAlgebra

/// The eigendecomposition A = V diag(λ) Vᵀ of a symmetric matrix.
///
/// Cluster-robust variances need matrix functions such as the symmetric inverse square root of
/// (I − H)ₛₛ; ``reconstructed(mappingEigenvalues:)`` computes them as V diag(f(λ)) Vᵀ.
///
/// Each eigenvector is determined only up to sign (and, for repeated eigenvalues, up to a
/// rotation within the eigenspace), so compare them through reconstructions, not element by
/// element.
public struct SymmetricEigendecomposition: Sendable {
    /// The eigenvalues, in ascending order.
    public let eigenvalues: Vector

    /// The orthonormal eigenvectors, one column per eigenvalue, in the same order.
    public let eigenvectors: Matrix

    /// Computes all eigenvalues and eigenvectors of a symmetric matrix (LAPACK `dsyevr`).
    ///
    /// - Parameter matrix: A square matrix (not square traps), of which only the upper triangle
    ///   is read.
    /// - Throws: ``LinearAlgebraError/noConvergence(routine:info:)`` if `dsyevr` reports an
    ///   internal failure; ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)``
    ///   if the upper triangle holds NaN or an infinity.
    /// - Complexity: O(n³) for an n × n matrix.
    public init(_ matrix: Matrix) throws {
        precondition(matrix.isSquare, "dsyevr: the matrix is \(matrix.rows) x \(matrix.columns), not square")
        try requireFinite(matrix, routine: .dsyevr, argument: "A", triangle: .upper)
        let order = matrix.rows
        var values = Vector(repeating: 0, count: order)
        var vectors = Matrix(rows: order, columns: order)
        if order > 0 {
            var a = matrix  // dsyevr destroys its input
            let n = cInt(order, "dsyevr")
            var found: Int32 = 0
            var support = [Int32](repeating: 0, count: 2 * order)
            try a.withUnsafeMutableBufferPointer { a in
                try values.withUnsafeMutableBufferPointer { w in
                    try vectors.withUnsafeMutableBufferPointer { z in
                        // JOBZ = V, RANGE = A: all eigenpairs, so VL, VU, IL and IU are unused;
                        // ABSTOL = 0 lets LAPACK choose its default accuracy.
                        try lapack(.dsyevr) {
                            LAPACKE_dsyevr(columnMajorLayout, lapackCharacter("V"), lapackCharacter("A"),
                                           lapackCharacter("U"), n, a.baseAddress, n, 0, 0, 0, 0, 0,
                                           &found, w.baseAddress, z.baseAddress, n, &support)
                        }
                    }
                }
            }
            precondition(Int(found) == order, "dsyevr: found \(found) of \(order) eigenvalues")
        }
        eigenvalues = values
        eigenvectors = vectors
    }

    /// Returns V diag(f(λ)) Vᵀ: the matrix function f applied to the decomposed matrix.
    ///
    /// For example `{ $0 > 1e-12 ? 1 / $0.squareRoot() : 0 }` gives the symmetric inverse square
    /// root, with a generalised inverse on the null space.
    ///
    /// - Parameter transform: The function applied to each eigenvalue.
    /// - Returns: A symmetric n × n matrix.
    /// - Complexity: O(n³) (one matrix product).
    public func reconstructed(mappingEigenvalues transform: (Double) -> Double) -> Matrix {
        var scaled = eigenvectors
        for (j, value) in eigenvalues.enumerated() {
            let factor = transform(value)
            for i in 0 ..< scaled.rows { scaled[i, j] *= factor }
        }
        var result = scaled.multiplied(by: eigenvectors, transposingOther: true)
        // Make the result exactly symmetric; the product is symmetric only up to rounding.
        for j in 0 ..< result.columns {
            for i in 0 ..< j {
                let mean = (result[i, j] + result[j, i]) / 2
                result[i, j] = mean
                result[j, i] = mean
            }
        }
        return result
    }
}
