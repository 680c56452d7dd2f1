// Singular value decomposition (LAPACK dgesdd: divide and conquer).

internal import CLinearAlgebra

/// The singular value decomposition A = U diag(σ) Vᵀ of an m × n matrix.
///
/// Singular vectors are determined only up to sign (and, for repeated singular values, up to a
/// rotation), so compare them through reconstructions, not element by element.
public struct SingularValueDecomposition: Sendable {
    /// Which singular vectors to compute.
    public enum Vectors: Hashable, Sendable {
        /// Singular values only.
        case none
        /// The first min(m, n) columns of U and rows of Vᵀ: enough to reconstruct A.
        case thin
        /// All m columns of U and all n rows of Vᵀ.
        case full
    }

    /// The number of rows m of the decomposed matrix.
    public let rows: Int

    /// The number of columns n of the decomposed matrix.
    public let columns: Int

    /// The min(m, n) singular values, in descending order, all at least 0.
    public let singularValues: Vector

    /// The left singular vectors as columns: m × min(m, n) for ``Vectors/thin``, m × m for
    /// ``Vectors/full``, `nil` for ``Vectors/none``.
    public let u: Matrix?

    /// The right singular vectors as rows: min(m, n) × n for ``Vectors/thin``, n × n for
    /// ``Vectors/full``, `nil` for ``Vectors/none``.
    public let vTransposed: Matrix?

    /// Decomposes a matrix (LAPACK `dgesdd`).
    ///
    /// - Parameters:
    ///   - matrix: Any m × n matrix.
    ///   - vectors: Which singular vectors to compute. Defaults to ``Vectors/thin``.
    /// - Throws: ``LinearAlgebraError/noConvergence(routine:info:)`` if the bidiagonal
    ///   divide-and-conquer step does not converge;
    ///   ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if the matrix holds
    ///   NaN or an infinity.
    /// - Complexity: O(m × n × min(m, n)).
    public init(_ matrix: Matrix, vectors: Vectors = .thin) throws {
        try requireFinite(matrix, routine: .dgesdd, argument: "A")
        let (m, n) = (matrix.rows, matrix.columns)
        let k = Swift.min(m, n)
        var values = Vector(repeating: 0, count: k)
        let (job, uColumns, vtRows): (Unicode.Scalar, Int, Int) = switch vectors {
        case .none: ("N", 0, 0)
        case .thin: ("S", k, k)
        case .full: ("A", m, n)
        }
        var left = Matrix(rows: vectors == .none ? 0 : m, columns: uColumns)
        var right = Matrix(rows: vtRows, columns: vectors == .none ? 0 : n)
        if k > 0 {
            var a = matrix  // dgesdd destroys its input
            let (mm, nn) = (cInt(m, "dgesdd"), cInt(n, "dgesdd"))
            let lda = leadingDimension(m, "dgesdd")
            let ldu = leadingDimension(left.rows, "dgesdd"), ldvt = leadingDimension(right.rows, "dgesdd")
            try a.withUnsafeMutableBufferPointer { a in
                try values.withUnsafeMutableBufferPointer { s in
                    try left.withUnsafeMutableBufferPointer { u in
                        try right.withUnsafeMutableBufferPointer { vt in
                            // With JOBZ = N, U and VT (empty here) are not referenced, but their
                            // leading dimensions must still be at least 1.
                            try lapack(.dgesdd) {
                                LAPACKE_dgesdd(columnMajorLayout, lapackCharacter(job), mm, nn, a.baseAddress, lda,
                                               s.baseAddress, u.baseAddress, ldu, vt.baseAddress, ldvt)
                            }
                        }
                    }
                }
            }
        }
        rows = m
        columns = n
        singularValues = values
        u = vectors == .none ? nil : left
        vTransposed = vectors == .none ? nil : right
    }

    /// Returns the numerical rank: the number of singular values above a threshold.
    ///
    /// - Parameter relativeTolerance: Singular values at or below `relativeTolerance × σ₁` are
    ///   treated as zero. Defaults to `max(m, n) × ε`, the threshold of NumPy's `matrix_rank`
    ///   and MATLAB's `rank`; pass `nil` for that default.
    /// - Returns: A rank between 0 and min(m, n).
    /// - Complexity: O(min(m, n)).
    public func rank(relativeTolerance: Double? = nil) -> Int {
        guard let largest = singularValues.first, largest > 0 else { return 0 }
        let tolerance = relativeTolerance ?? Double(Swift.max(rows, columns)) * Double.ulpOfOne
        return singularValues.count { $0 > tolerance * largest }
    }
}
