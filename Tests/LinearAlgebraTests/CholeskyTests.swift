import Testing
@testable import LinearAlgebra

// Reference values: SciPy's scipy.linalg.cholesky and NumPy's inv/solve
// (ReferenceScripts/reference_values.py). The factor is exact in floating point; the inverse and
// solution are compared at 1e-12 relative (condition number of S is about 2e3).

private let s = Matrix(rowMajor: [[4, 12, -16],
                                  [12, 37, -43],
                                  [-16, -43, 98]])

struct NotPositiveDefiniteCase: Sendable, CustomTestStringConvertible {
    var name: String
    var matrix: Matrix
    var leadingMinor: Int
    var testDescription: String { name }
}

@Suite("Cholesky (dpotrf, dpotrs, dpotri)")
struct CholeskyTests {
    @Test("dpotrf: the upper factor matches SciPy exactly, zeros below the diagonal")
    func factor() throws {
        let cholesky = try Cholesky(s)
        #expect(cholesky.factor == Matrix(rowMajor: [[2, 6, -8], [0, 1, 5], [0, 0, 3]]))
        #expect(cholesky.order == 3)
    }

    @Test("dpotrf reads only the upper triangle")
    func upperTriangleOnly() throws {
        var garbage = s
        garbage[2, 0] = .nan
        garbage[1, 0] = 1e6
        #expect(try Cholesky(garbage).factor == Cholesky(s).factor)
    }

    @Test("dpotrs: the solution matches NumPy")
    func solve() throws {
        let x = try Cholesky(s).solve([1, 2, 3] as Vector)
        #expect(x.isApproximatelyEqual(to: [28.58333333333338, -7.666666666666679, 1.3333333333333353],
                                       relativeTolerance: 1e-12))
        let xs = try Cholesky(s).solve(Matrix(rowMajor: [[1, 0], [2, 0], [3, 0]]))
        #expect(xs.column(0).isApproximatelyEqual(to: x, relativeTolerance: 1e-14))
        #expect(xs.column(1) == [0, 0, 0])
    }

    @Test("dpotri: the inverse matches NumPy and is exactly symmetric")
    func inverse() throws {
        let inverse = try Cholesky(s).inverse()
        let expected = Matrix(rowMajor: [
            [49.361111111111185, -13.555555555555573, 2.111111111111115],
            [-13.555555555555575, 3.7777777777777826, -0.5555555555555567],
            [2.1111111111111143, -0.5555555555555564, 0.1111111111111113],
        ])
        #expect(inverse.isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
        #expect(inverse == inverse.transposed())
        #expect((s * inverse).isApproximatelyEqual(to: .identity(3), absoluteTolerance: 1e-11))
    }

    static let notPositiveDefinite: [NotPositiveDefiniteCase] = [
        NotPositiveDefiniteCase(name: "indefinite 2 x 2", matrix: Matrix(rowMajor: [[1, 2], [2, 1]]), leadingMinor: 2),
        NotPositiveDefiniteCase(name: "negative first element", matrix: Matrix(rowMajor: [[-1, 0], [0, 1]]), leadingMinor: 1),
        // 4·1 − 2·2 = 0: the second column is a multiple of the first (a singular Gram matrix).
        NotPositiveDefiniteCase(name: "semidefinite: collinear second column",
                                matrix: Matrix(rowMajor: [[4, 2, 2], [2, 1, 1], [2, 1, 5]]), leadingMinor: 2),
    ]

    @Test("Non-positive-definite input throws, naming dpotrf and the leading minor", arguments: notPositiveDefinite)
    func notPositiveDefiniteThrows(_ test: NotPositiveDefiniteCase) {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", leadingMinor: test.leadingMinor)) {
            try Cholesky(test.matrix)
        }
    }
}
