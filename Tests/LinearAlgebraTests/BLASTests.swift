import Testing
@testable import LinearAlgebra

// Reference values: hand-computed small-integer products (exact in floating point, so compared
// exactly), cross-checked with NumPy in ReferenceScripts/reference_values.py.

private let a = Matrix(rowMajor: [[1, 2, 3],
                                  [4, 5, 6]])
private let b = Matrix(rowMajor: [[7, 8],
                                  [9, 10],
                                  [11, 12]])
private let c = Matrix(rowMajor: [[1, -1],
                                  [0.5, 2],
                                  [-3, 0.25]])

struct ProductCase: Sendable, CustomTestStringConvertible {
    var name: String
    var left: Matrix
    var right: Matrix
    var transposingLeft: Bool
    var transposingRight: Bool
    var expected: Matrix
    var testDescription: String { name }
}

struct MatrixVectorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var matrix: Matrix
    var vector: Vector
    var transposing: Bool
    var expected: Vector
    var testDescription: String { name }
}

@Suite("BLAS wrappers")
struct BLASTests {
    static let products: [ProductCase] = [
        ProductCase(name: "A B", left: a, right: b, transposingLeft: false, transposingRight: false,
                    expected: Matrix(rowMajor: [[58, 64], [139, 154]])),
        ProductCase(name: "A' C'", left: a, right: c, transposingLeft: true, transposingRight: true,
                    expected: Matrix(rowMajor: [[-3, 8.5, -2], [-3, 11, -4.75], [-3, 13.5, -7.5]])),
        ProductCase(name: "A C", left: a, right: c, transposingLeft: false, transposingRight: false,
                    expected: Matrix(rowMajor: [[-7, 3.75], [-11.5, 7.5]])),
        ProductCase(name: "A' A", left: a, right: a, transposingLeft: true, transposingRight: false,
                    expected: Matrix(rowMajor: [[17, 22, 27], [22, 29, 36], [27, 36, 45]])),
        ProductCase(name: "B B'", left: b, right: b, transposingLeft: false, transposingRight: true,
                    expected: Matrix(rowMajor: [[113, 143, 173], [143, 181, 219], [173, 219, 265]])),
    ]

    @Test("dgemm: products with and without transposes", arguments: products)
    func gemm(_ test: ProductCase) {
        let product = test.left.multiplied(by: test.right, transposingSelf: test.transposingLeft,
                                           transposingOther: test.transposingRight)
        #expect(product == test.expected)
    }

    @Test("dgemm: the * operator and empty inner dimension")
    func gemmOperator() {
        #expect(a * b == Matrix(rowMajor: [[58, 64], [139, 154]]))
        #expect(Matrix(rows: 2, columns: 0) * Matrix(rows: 0, columns: 3) == Matrix(rows: 2, columns: 3))
    }

    static let matrixVectorProducts: [MatrixVectorCase] = [
        MatrixVectorCase(name: "A x", matrix: a, vector: [1, 0, -1], transposing: false, expected: [-2, -2]),
        MatrixVectorCase(name: "A' x", matrix: a, vector: [1, 1], transposing: true, expected: [5, 7, 9]),
        MatrixVectorCase(name: "C' x", matrix: c, vector: [2, -2, 4], transposing: true, expected: [-11, -5]),
    ]

    @Test("dgemv: matrix-vector products", arguments: matrixVectorProducts)
    func gemv(_ test: MatrixVectorCase) {
        #expect(test.matrix.multiplied(by: test.vector, transposingSelf: test.transposing) == test.expected)
        if !test.transposing { #expect(test.matrix * test.vector == test.expected) }
    }

    @Test("dsyrk: the Gram matrix equals A'A and is exactly symmetric", arguments: [a, b, c])
    func gram(_ matrix: Matrix) {
        let gram = matrix.gram()
        #expect(gram == matrix.multiplied(by: matrix, transposingSelf: true))
        #expect(gram == gram.transposed())
    }

    @Test("ddot and dnrm2")
    func dotAndNorm() {
        let x: Vector = [1, 2, 3]
        #expect(x.dot([4, -5, 6]) == 12)
        #expect(([3, 4] as Vector).norm == 5)
        // dnrm2 scales to avoid overflow: the naive sum of squares would be infinite.
        #expect(([3e200, 4e200] as Vector).norm.isApproximatelyEqual(to: 5e200, relativeTolerance: 1e-15))
    }

    @Test("daxpy and dscal, on vectors and matrices, and the operators built on them")
    func axpyAndScal() {
        var y: Vector = [4, -5, 6]
        y.add([1, 2, 3], scaledBy: 2)
        #expect(y == [6, -1, 12])
        y.scale(by: 0.5)
        #expect(y == [3, -0.5, 6])
        #expect(([1, 2] as Vector) + [3, 4] == [4, 6])
        #expect(([1, 2] as Vector) - [3, 4] == [-2, -2])
        #expect(2 * ([1, 2] as Vector) == [2, 4])
        #expect(-([1, 2] as Vector) == [-1, -2])

        var m = Matrix(rowMajor: [[1, 2], [3, 4]])
        m.add(Matrix.identity(2), scaledBy: -1)
        #expect(m == Matrix(rowMajor: [[0, 2], [3, 3]]))
        #expect(m * 2 == Matrix(rowMajor: [[0, 4], [6, 6]]))
        #expect(m - m == Matrix(rows: 2, columns: 2))
    }
}

extension Double {
    /// Relative comparison for scalar results in tests.
    func isApproximatelyEqual(to other: Double, relativeTolerance: Double, absoluteTolerance: Double = 0) -> Bool {
        _isApproximatelyEqual(self, other, absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance)
    }
}
