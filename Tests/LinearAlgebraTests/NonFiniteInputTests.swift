import Testing
@testable import LinearAlgebra

// NaN and infinities are caught before LAPACK is called and reported with the routine, the
// argument, how many there are and where the first one is.

struct NonFiniteCase: Sendable, CustomTestStringConvertible {
    var name: String
    var run: @Sendable () throws -> Void
    var expected: LinearAlgebraError
    var testDescription: String { name }
}

private let good = Matrix(rowMajor: [[4, 1], [1, 3]])

private func withValue(_ value: Double, at row: Int, _ column: Int, in matrix: Matrix = good) -> Matrix {
    var result = matrix
    result[row, column] = value
    return result
}

@Suite("Non-finite input")
struct NonFiniteInputTests {
    static let cases: [NonFiniteCase] = [
        NonFiniteCase(name: "dgesv, NaN in A",
                      run: { _ = try withValue(.nan, at: 1, 0).solve([1, 1] as Vector) },
                      expected: .nonFinite(routine: "dgesv", argument: "A", count: 1, row: 1, column: ColumnReference(index: 0))),
        NonFiniteCase(name: "dgesv, infinity in b",
                      run: { _ = try good.solve([1, .infinity] as Vector) },
                      expected: .nonFinite(routine: "dgesv", argument: "B", count: 1, row: 1, column: nil)),
        NonFiniteCase(name: "dtrtrs, NaN in the upper triangle",
                      run: { _ = try withValue(.nan, at: 0, 1).solveTriangular([1, 1] as Vector, triangle: .upper) },
                      expected: .nonFinite(routine: "dtrtrs", argument: "A", count: 1, row: 0, column: ColumnReference(index: 1))),
        NonFiniteCase(name: "dpotrf, NaN in the upper triangle",
                      run: { _ = try Cholesky(withValue(.nan, at: 0, 1)) },
                      expected: .nonFinite(routine: "dpotrf", argument: "A", count: 1, row: 0, column: ColumnReference(index: 1))),
        NonFiniteCase(name: "dpotrs, infinity in B",
                      run: { _ = try Cholesky(good).solve(Matrix(rowMajor: [[1], [-.infinity]])) },
                      expected: .nonFinite(routine: "dpotrs", argument: "B", count: 1, row: 1, column: ColumnReference(index: 0))),
        NonFiniteCase(name: "dsyevr, infinity on the diagonal",
                      run: { _ = try SymmetricEigendecomposition(withValue(.infinity, at: 1, 1)) },
                      expected: .nonFinite(routine: "dsyevr", argument: "A", count: 1, row: 1, column: ColumnReference(index: 1))),
        NonFiniteCase(name: "dgesdd, two NaNs: count 2, first in column-major order",
                      run: { _ = try SingularValueDecomposition(withValue(.nan, at: 0, 1, in: withValue(.nan, at: 1, 0))) },
                      expected: .nonFinite(routine: "dgesdd", argument: "A", count: 2, row: 1, column: ColumnReference(index: 0))),
        NonFiniteCase(name: "QR (limited), NaN in a named column",
                      run: { _ = try PivotedQR(withValue(.nan, at: 4, 2, in: Design.aliased), columnNames: Design.aliasedNames) },
                      expected: .nonFinite(routine: "dgeqrf", argument: "A", count: 1, row: 4,
                                           column: ColumnReference(index: 2, name: "b"))),
        NonFiniteCase(name: "QR (full), infinity",
                      run: { _ = try PivotedQR(withValue(.infinity, at: 0, 3, in: Design.aliased), pivoting: .full) },
                      expected: .nonFinite(routine: "dgeqp3", argument: "A", count: 1, row: 0, column: ColumnReference(index: 3))),
        NonFiniteCase(name: "least squares, NaN in y",
                      run: { var y = Design.y; y[5] = .nan; _ = try LeastSquares(Design.aliased, y) },
                      expected: .nonFinite(routine: "dormqr", argument: "y", count: 1, row: 5, column: nil)),
    ]

    @Test("Each entry point reports non-finite input", arguments: cases)
    func reported(_ test: NonFiniteCase) {
        #expect(throws: test.expected) { try test.run() }
    }

    @Test("Descriptions name the routine, the problem and the column")
    func descriptions() {
        let rankDeficient = LinearAlgebraError.rankDeficient(
            routine: "dgeqrf", rank: 3, droppedColumns: [ColumnReference(index: 3, name: "a_plus_b")])
        #expect(rankDeficient.description == "dgeqrf: the matrix is rank deficient (rank 3); aliased columns: \"a_plus_b\" (column 3)")
        let nonFinite = LinearAlgebraError.nonFinite(
            routine: "dgeqrf", argument: "A", count: 2, row: 4, column: ColumnReference(index: 2, name: "b"))
        #expect(nonFinite.description == "dgeqrf: argument A has 2 values that are NaN or infinite; the first at row 4, \"b\" (column 2)")
        #expect(LinearAlgebraError.singular(routine: "dgesv", pivot: 1).routine == "dgesv")
    }
}
