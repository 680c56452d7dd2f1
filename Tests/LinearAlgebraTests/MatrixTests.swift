import Testing
@testable import LinearAlgebra

@Suite("Matrix")
struct MatrixTests {
    @Test("Column-major, row-major and column initialisers agree")
    func initialisersAgree() {
        let byRows = Matrix(rowMajor: [[1, 2, 3],
                                       [4, 5, 6]])
        let byColumnMajor = Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 6])
        let byColumns = Matrix(columns: [[1, 4], [2, 5], [3, 6]])
        #expect(byRows == byColumnMajor)
        #expect(byRows == byColumns)
        #expect(byRows.rows == 2 && byRows.columns == 3)
        #expect(byRows[1, 0] == 4)
        #expect(byRows[0, 2] == 3)
        #expect(byRows.columnMajorElements == [1, 4, 2, 5, 3, 6])
    }

    @Test("Filling columns in place gives the same matrix as the column initialiser")
    func fillingColumns() {
        let filled = Matrix(rows: 3, columns: 2) { j, column in
            #expect(column.count == 3 && column.allSatisfy { $0 == 0 })
            for i in 0 ..< 3 { column[i] = Double(10 * j + i) }
        }
        #expect(filled == Matrix(columns: [[0, 1, 2], [10, 11, 12]]))
        var visited: [Int] = []
        let empty = Matrix(rows: 0, columns: 2) { j, column in visited.append(j); #expect(column.isEmpty) }
        #expect(empty.rows == 0 && empty.columns == 2 && visited == [0, 1])
        struct Stop: Error {}
        #expect(throws: Stop.self) { _ = try Matrix(rows: 2, columns: 2) { j, _ in if j == 1 { throw Stop() } } }
    }

    @Test("Zero, filled, identity and diagonal matrices")
    func specialMatrices() {
        #expect(Matrix(rows: 2, columns: 3).columnMajorElements == Array(repeating: 0, count: 6))
        #expect(Matrix(rows: 1, columns: 2, repeating: 7).columnMajorElements == [7, 7])
        #expect(Matrix.identity(3) == Matrix(rowMajor: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
        #expect(Matrix(diagonal: [2, 3]) == Matrix(rowMajor: [[2, 0], [0, 3]]))
        #expect(Matrix(columns: [[Double]]()).rows == 0)
        #expect(Matrix.identity(0).columns == 0)
    }

    @Test("Rows, columns, diagonal, transpose and column selection")
    func accessors() {
        let a = Matrix(rowMajor: [[1, 2, 3],
                                  [4, 5, 6]])
        #expect(a.column(1) == [2, 5])
        #expect(a.row(1) == [4, 5, 6])
        #expect(a.diagonal == [1, 5])
        #expect(a.transposed() == Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
        #expect(a.selectingColumns([2, 0]) == Matrix(rowMajor: [[3, 1], [6, 4]]))
        #expect(!a.isSquare)
    }

    @Test("Mutating a copy leaves the original intact (copy-on-write)")
    func copyOnWrite() {
        let original = Matrix(rowMajor: [[1, 2], [3, 4]])
        var copy = original
        copy[0, 1] = 20
        #expect(original[0, 1] == 2)
        #expect(copy[0, 1] == 20)

        var viaPointer = original
        viaPointer.withUnsafeMutableBufferPointer { $0[0] = -1 }
        #expect(original[0, 0] == 1)
        #expect(viaPointer[0, 0] == -1)

        var scaled = original
        scaled.scale(by: 10)  // dscal writes through the buffer pointer
        #expect(original == Matrix(rowMajor: [[1, 2], [3, 4]]))
        #expect(scaled == Matrix(rowMajor: [[10, 20], [30, 40]]))
    }

    @Test("A unique matrix is mutated in place, without a copy")
    func uniqueMutationKeepsStorage() {
        var a = Matrix(rows: 3, columns: 3)
        let before = a.withUnsafeBufferPointer { $0.baseAddress }
        a[1, 1] = 5
        a.withUnsafeMutableBufferPointer { $0[0] = 1 }
        let after = a.withUnsafeBufferPointer { $0.baseAddress }
        #expect(before == after)
    }

    @Test("Approximate equality respects both tolerances, shapes and NaN")
    func approximateEquality() {
        let a = Matrix(rowMajor: [[1, 0], [100, .nan]])
        let b = Matrix(rowMajor: [[1 + 1e-12, 1e-13], [100.000001, .nan]])
        #expect(a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-12, relativeTolerance: 1e-8))
        #expect(!a.isApproximatelyEqual(to: b, absoluteTolerance: 0, relativeTolerance: 1e-8))  // 0 vs 1e-13
        #expect(!a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-12, relativeTolerance: 1e-10))
        #expect(!a.isApproximatelyEqual(to: a.transposed(), absoluteTolerance: 1))
        #expect(a != a)  // exact equality, like Double's, is false for NaN
    }
}
