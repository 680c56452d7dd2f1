import Testing
@testable import LinearAlgebra

// Reference values: NumPy's numpy.linalg.svd and matrix_rank (ReferenceScripts/reference_values.py).
// Singular vectors are defined only up to sign, so they are checked through orthonormality and
// U Σ Vᵀ = A. Tolerance: 1e-12.

struct SVDCase: Sendable, CustomTestStringConvertible {
    var name: String
    var matrix: Matrix
    var singularValues: Vector
    var testDescription: String { name }
}

@Suite("Singular value decomposition (dgesdd)")
struct SingularValueDecompositionTests {
    static let cases: [SVDCase] = [
        SVDCase(name: "wide 2 x 3: σ = 5, 3", matrix: Matrix(rowMajor: [[3, 2, 2], [2, 3, -2]]), singularValues: [5, 3]),
        SVDCase(name: "tall 4 x 2", matrix: Matrix(rowMajor: [[1, 2], [3, 4], [5, 6], [7, 8]]),
                singularValues: [14.269095499261486, 0.6268282324175419]),
    ]

    @Test("Singular values match NumPy and the thin factors reconstruct A", arguments: cases)
    func thin(_ test: SVDCase) throws {
        let svd = try SingularValueDecomposition(test.matrix)
        #expect(svd.singularValues.isApproximatelyEqual(to: test.singularValues, relativeTolerance: 1e-12))
        let u = try #require(svd.u)
        let vt = try #require(svd.vTransposed)
        let k = test.singularValues.count
        #expect(u.rows == test.matrix.rows && u.columns == k)
        #expect(vt.rows == k && vt.columns == test.matrix.columns)
        #expect(u.multiplied(by: u, transposingSelf: true).isApproximatelyEqual(to: .identity(k), absoluteTolerance: 1e-12))
        let reconstructed = u * Matrix(diagonal: svd.singularValues) * vt
        #expect(reconstructed.isApproximatelyEqual(to: test.matrix, absoluteTolerance: 1e-12))
    }

    @Test("Full factors are square and orthogonal; values only gives no vectors", arguments: cases)
    func fullAndNone(_ test: SVDCase) throws {
        let full = try SingularValueDecomposition(test.matrix, vectors: .full)
        let u = try #require(full.u)
        let vt = try #require(full.vTransposed)
        #expect(u.rows == test.matrix.rows && u.isSquare)
        #expect(vt.rows == test.matrix.columns && vt.isSquare)
        #expect(vt.multiplied(by: vt, transposingOther: true).isApproximatelyEqual(to: .identity(vt.rows), absoluteTolerance: 1e-12))

        let valuesOnly = try SingularValueDecomposition(test.matrix, vectors: .none)
        #expect(valuesOnly.u == nil && valuesOnly.vTransposed == nil)
        #expect(valuesOnly.singularValues.isApproximatelyEqual(to: test.singularValues, relativeTolerance: 1e-12))
    }

    @Test("Numerical rank matches NumPy's matrix_rank")
    func rank() throws {
        #expect(try SingularValueDecomposition(Matrix(rowMajor: [[1, 2], [2, 4], [3, 6]]), vectors: .none).rank() == 1)
        #expect(try SingularValueDecomposition(Matrix(rowMajor: [[1, 2], [3, 4], [5, 6], [7, 8]])).rank() == 2)
        #expect(try SingularValueDecomposition(Matrix(rows: 2, columns: 2)).rank() == 0)
    }
}
