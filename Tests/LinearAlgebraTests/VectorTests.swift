import Testing
@testable import LinearAlgebra

@Suite("Vector")
struct VectorTests {
    @Test("Literals, sequences and collection behaviour")
    func collection() {
        let v: Vector = [1, 2, 3]
        #expect(v.count == 3)
        #expect(Array(v) == [1, 2, 3])
        #expect(Vector([1.0, 2, 3]) == v)
        #expect(Vector((1 ... 3).lazy.map(Double.init)) == v)
        #expect(Vector(repeating: 0.5, count: 2) == [0.5, 0.5])
        #expect(v.map { $0 * 2 } == [2, 4, 6])
        #expect(v.reduce(0, +) == 6)
        #expect(v.description == "[1.0, 2.0, 3.0]")
    }

    @Test("Mutating a copy leaves the original intact (copy-on-write)")
    func copyOnWrite() {
        let original: Vector = [1, 2, 3]
        var copy = original
        copy[0] = 10
        #expect(original == [1, 2, 3])
        #expect(copy == [10, 2, 3])

        var added = original
        added.add([1, 1, 1])  // daxpy writes through the buffer pointer
        #expect(original == [1, 2, 3])
        #expect(added == [2, 3, 4])

        let matrix = Matrix(rowMajor: [[1, 2], [3, 4]])
        var column = matrix.column(0)
        column[0] = 99
        #expect(matrix[0, 0] == 1)
    }

    @Test("Sorting in place through MutableCollection copies a shared buffer first")
    func mutableCollectionAlgorithms() {
        let original: Vector = [3, 1, 2]
        var sorted = original
        sorted.sort()
        #expect(sorted == [1, 2, 3])
        #expect(original == [3, 1, 2])
    }
}
