import Testing
@testable import LinearAlgebra

// Reference values: SciPy's scipy.linalg.solve_triangular (ReferenceScripts/reference_values.py).
// Tolerance: 1e-14 relative, a few ulps for these well-conditioned 3 x 3 systems.

private let upper = Matrix(rowMajor: [[2, 1, -1],
                                      [0, 3, 2],
                                      [0, 0, 4]])

struct TriangularCase: Sendable, CustomTestStringConvertible {
    var name: String
    var matrix: Matrix
    var triangle: Triangle
    var transposed: Bool
    var expected: Vector
    var testDescription: String { name }
}

@Suite("Triangular solve (dtrtrs)")
struct TriangularSolveTests {
    static let cases: [TriangularCase] = [
        TriangularCase(name: "U x = b", matrix: upper, triangle: .upper, transposed: false,
                       expected: [0.7916666666666667, 0.16666666666666666, 0.75]),
        TriangularCase(name: "U' x = b", matrix: upper, triangle: .upper, transposed: true,
                       expected: [0.5, 0.5, 0.625]),
        TriangularCase(name: "L x = b", matrix: upper.transposed(), triangle: .lower, transposed: false,
                       expected: [0.5, 0.5, 0.625]),
        // The unused triangle is never read: garbage below the diagonal changes nothing.
        TriangularCase(name: "U x = b, garbage below the diagonal",
                       matrix: Matrix(rowMajor: [[2, 1, -1], [.nan, 3, 2], [1e300, -7, 4]]),
                       triangle: .upper, transposed: false,
                       expected: [0.7916666666666667, 0.16666666666666666, 0.75]),
    ]

    @Test("Solutions match SciPy", arguments: cases)
    func solve(_ test: TriangularCase) throws {
        let x = try test.matrix.solveTriangular([1, 2, 3] as Vector, triangle: test.triangle, transposed: test.transposed)
        #expect(x.isApproximatelyEqual(to: test.expected, relativeTolerance: 1e-14))
    }

    @Test("A unit diagonal is not read")
    func unitDiagonal() throws {
        let l = Matrix(rowMajor: [[0, 0], [2, 0]])  // diagonal taken as ones
        let x = try l.solveTriangular(Matrix(rowMajor: [[1], [4]]), triangle: .lower, unitDiagonal: true)
        #expect(x == Matrix(rowMajor: [[1], [2]]))
    }

    @Test("A zero on the diagonal throws, naming dtrtrs and its position")
    func singular() {
        let u = Matrix(rowMajor: [[1, 1, 1], [0, 2, 1], [0, 0, 0]])
        #expect(throws: LinearAlgebraError.singular(routine: "dtrtrs", pivot: 2)) {
            try u.solveTriangular([1, 1, 1] as Vector, triangle: .upper)
        }
    }
}
