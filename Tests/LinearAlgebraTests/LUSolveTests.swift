import Testing
@testable import LinearAlgebra

// Reference values: NumPy's numpy.linalg.solve (ReferenceScripts/reference_values.py); the
// systems have exact integer solutions, so the tolerance is a few ulps of the result.

struct SolveCase: Sendable, CustomTestStringConvertible {
    var name: String
    var a: Matrix
    var b: Matrix
    var expected: Matrix
    var testDescription: String { name }
}

struct SingularCase: Sendable, CustomTestStringConvertible {
    var name: String
    var a: Matrix
    var pivot: Int
    var testDescription: String { name }
}

@Suite("General solve (dgesv)")
struct LUSolveTests {
    static let systems: [SolveCase] = [
        SolveCase(name: "symmetric 3 x 3, one right-hand side",
                  a: Matrix(rowMajor: [[4, -2, 1], [-2, 4, -2], [1, -2, 4]]),
                  b: Matrix(rowMajor: [[11], [-16], [17]]),
                  expected: Matrix(rowMajor: [[1], [-2], [3]])),
        SolveCase(name: "needs row pivoting, two right-hand sides",
                  a: Matrix(rowMajor: [[2, 1, 1], [1, 3, 2], [1, 0, 0]]),
                  b: Matrix(rowMajor: [[4, 1], [5, 0], [6, -1]]),
                  expected: Matrix(rowMajor: [[6, -1], [15, -5], [-23, 8]])),
    ]

    @Test("Solutions match NumPy", arguments: systems)
    func solve(_ test: SolveCase) throws {
        let x = try test.a.solve(test.b)
        #expect(x.isApproximatelyEqual(to: test.expected, absoluteTolerance: 1e-13, relativeTolerance: 1e-13))
        #expect(test.a.multiplied(by: x).isApproximatelyEqual(to: test.b, absoluteTolerance: 1e-12))
    }

    @Test("The vector overload agrees")
    func solveVector() throws {
        let a = Matrix(rowMajor: [[4, -2, 1], [-2, 4, -2], [1, -2, 4]])
        let x = try a.solve([11, -16, 17] as Vector)
        #expect(x.isApproximatelyEqual(to: [1, -2, 3], absoluteTolerance: 1e-14, relativeTolerance: 1e-14))
    }

    static let singular: [SingularCase] = [
        // LU with partial pivoting: U = [[2, 4], [0, 0]], so U[1, 1] is exactly zero.
        SingularCase(name: "proportional rows", a: Matrix(rowMajor: [[1, 2], [2, 4]]), pivot: 1),
        SingularCase(name: "zero column", a: Matrix(rowMajor: [[1, 0, 2], [3, 0, 4], [5, 0, 6]]), pivot: 1),
        SingularCase(name: "zero matrix", a: Matrix(rows: 2, columns: 2), pivot: 0),
    ]

    @Test("Exactly singular matrices throw, naming dgesv and the zero pivot", arguments: singular)
    func singularThrows(_ test: SingularCase) {
        #expect(throws: LinearAlgebraError.singular(routine: "dgesv", pivot: test.pivot)) {
            try test.a.solve(Matrix(rows: test.a.rows, columns: 1, repeating: 1))
        }
    }
}
