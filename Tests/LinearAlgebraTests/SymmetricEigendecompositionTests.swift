import Testing
@testable import LinearAlgebra

// Reference values: NumPy's numpy.linalg.eigvalsh/eigh (ReferenceScripts/reference_values.py).
// Eigenvectors are defined only up to sign, so they are checked through A V = V Λ, VᵀV = I and
// reconstructions. Tolerance: 1e-12, a few hundred ulps for these 3 x 3 and 4 x 4 matrices.

private let tridiagonal = Matrix(rowMajor: [[2, 1, 0], [1, 2, 1], [0, 1, 2]])
private let dense = Matrix(rowMajor: [[5, 2, 0.5, 1], [2, 4, 1, 0], [0.5, 1, 3, 0.2], [1, 0, 0.2, 2]])

struct EigenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var matrix: Matrix
    var eigenvalues: Vector
    var testDescription: String { name }
}

@Suite("Symmetric eigendecomposition (dsyevr)")
struct SymmetricEigendecompositionTests {
    static let cases: [EigenCase] = [
        EigenCase(name: "tridiagonal: 2 − √2, 2, 2 + √2", matrix: tridiagonal,
                  eigenvalues: [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]),
        EigenCase(name: "dense 4 x 4", matrix: dense,
                  eigenvalues: [1.4137698645665937, 2.423519002424009, 3.201533549871672, 6.961177583137726]),
    ]

    @Test("Eigenvalues match NumPy, ascending; eigenvectors are orthonormal and satisfy A V = V Λ",
          arguments: cases)
    func decomposition(_ test: EigenCase) throws {
        let eigen = try SymmetricEigendecomposition(test.matrix)
        #expect(eigen.eigenvalues.isApproximatelyEqual(to: test.eigenvalues, relativeTolerance: 1e-12))
        let v = eigen.eigenvectors
        #expect(v.multiplied(by: v, transposingSelf: true).isApproximatelyEqual(to: .identity(v.rows), absoluteTolerance: 1e-12))
        var vLambda = v
        for j in 0 ..< v.columns {
            for i in 0 ..< v.rows { vLambda[i, j] *= eigen.eigenvalues[j] }
        }
        #expect((test.matrix * v).isApproximatelyEqual(to: vLambda, absoluteTolerance: 1e-12))
        #expect(eigen.reconstructed { $0 }.isApproximatelyEqual(to: test.matrix, absoluteTolerance: 1e-12))
    }

    @Test("The symmetric inverse square root matches NumPy's V Λ^(-1/2) Vᵀ")
    func inverseSquareRoot() throws {
        let root = try SymmetricEigendecomposition(dense).reconstructed { 1 / $0.squareRoot() }
        let expected = Matrix(rowMajor: [
            [0.5068361930658941, -0.13082966969192272, -0.003061015229549177, -0.10956696951506091],
            [-0.1308296696919227, 0.5662580742388837, -0.08227643239469759, 0.050063108313743804],
            [-0.0030610152295491803, -0.08227643239469762, 0.5992543239094671, -0.028277233768227602],
            [-0.10956696951506091, 0.050063108313743776, -0.028277233768227612, 0.7489372988217937],
        ])
        #expect(root.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12))
        #expect(root == root.transposed())
        #expect((root * dense * root).isApproximatelyEqual(to: .identity(4), absoluteTolerance: 1e-12))
    }

    @Test("dsyevr reads only the upper triangle")
    func upperTriangleOnly() throws {
        var garbage = tridiagonal
        garbage[2, 0] = .infinity
        #expect(try SymmetricEigendecomposition(garbage).eigenvalues == SymmetricEigendecomposition(tridiagonal).eigenvalues)
    }
}
