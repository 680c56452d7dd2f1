import Testing
@testable import LinearAlgebra

// Reference values: R 4.2.2's lm.fit / qr (LINPACK dqrdc2, tol = 1e-7) for the limited
// strategy, SciPy's scipy.linalg.qr(pivoting=True) (LAPACK dgeqp3) for the full one; see
// ReferenceScripts/. Pivots and ranks are compared exactly; identities at 1e-12.

/// Shared data: two regressors and combinations of them.
enum Design {
    static let a: [Double] = [1.2, -0.7, 3.1, 0.4, 2.2, -1.5, 0.9]
    static let b: [Double] = [0.3, 1.8, -0.6, 2.5, 0.1, 1.1, -2.0]
    static let y: Vector = [2.0, 1.1, 3.9, 2.8, 3.0, 0.2, 0.5]
    static let ones = [Double](repeating: 1, count: 7)
    static let aPlusB = zip(a, b).map(+)

    /// X = [1, a, b, a + b]: the fourth column is the sum of the second and third.
    static let aliased = Matrix(columns: [ones, a, b, aPlusB])
    static let aliasedNames = ["(Intercept)", "a", "b", "a_plus_b"]

    /// X = [1, a, 0, b, a]: a zero column and a duplicate.
    static let zeroAndDuplicate = Matrix(columns: [ones, a, Array(repeating: 0, count: 7), b, a])

    /// X = [1, a, b, a + b + 1e-9 c]: the last column's residual is 1.7e-10 of its norm.
    static let nearlyAliased = Matrix(columns: [
        ones, a, b, zip(aPlusB, [1, -1, 1, -1, 1, -1, 1]).map { $0 + 1e-9 * $1 },
    ])

    /// More columns than rows.
    static let wide = Matrix(rowMajor: [[1, 1, 3, 0.5], [1, 2, 1, 0.1], [1, 4, 2, 0.7]])
}

struct RankCase: Sendable, CustomTestStringConvertible {
    var name: String
    var matrix: Matrix
    var pivoting: PivotedQR.Pivoting
    var tolerance: Double = 1e-7
    var rank: Int
    var pivot: [Int]
    var dropped: [Int]
    var testDescription: String { name }
}

@Suite("Pivoted QR (dgeqrf + dormqr as R's dqrdc2; dgeqp3)")
struct PivotedQRTests {
    static let rankCases: [RankCase] = [
        // R: lm(y ~ a + b + I(a + b)) reports NA for the 4th coefficient; qr()$pivot = 1 2 3 4.
        RankCase(name: "[1, a, b, a+b], limited: drops the 4th, as R does",
                 matrix: Design.aliased, pivoting: .limited, rank: 3, pivot: [0, 1, 2, 3], dropped: [3]),
        // dgeqp3 takes the largest column first and ends up dropping b instead.
        RankCase(name: "[1, a, b, a+b], full (dgeqp3): drops b, unlike R",
                 matrix: Design.aliased, pivoting: .full, rank: 3, pivot: [3, 1, 0, 2], dropped: [2]),
        // R: lm.fit(cbind(1, a, 0, b, a), y)$qr$pivot = 1 2 4 3 5, rank 3.
        RankCase(name: "[1, a, 0, b, a], limited: zero column and duplicate moved to the end in R's order",
                 matrix: Design.zeroAndDuplicate, pivoting: .limited, rank: 3, pivot: [0, 1, 3, 2, 4], dropped: [2, 4]),
        RankCase(name: "nearly aliased, default tolerance 1e-7: dropped (R: rank 3)",
                 matrix: Design.nearlyAliased, pivoting: .limited, rank: 3, pivot: [0, 1, 2, 3], dropped: [3]),
        RankCase(name: "nearly aliased, tolerance 1e-11: kept (R with tol = 1e-10: rank 4)",
                 matrix: Design.nearlyAliased, pivoting: .limited, tolerance: 1e-11, rank: 4, pivot: [0, 1, 2, 3], dropped: []),
        // R: lm.fit on a 3 x 4 matrix: rank 3, pivot 1 2 3 4, the 4th coefficient NA.
        RankCase(name: "3 x 4, limited: rank 3, the 4th column never reached",
                 matrix: Design.wide, pivoting: .limited, rank: 3, pivot: [0, 1, 2, 3], dropped: [3]),
        RankCase(name: "full rank, limited", matrix: Design.aliased.selectingColumns([0, 1, 2]),
                 pivoting: .limited, rank: 3, pivot: [0, 1, 2], dropped: []),
        RankCase(name: "zero matrix: rank 0", matrix: Matrix(rows: 3, columns: 2),
                 pivoting: .limited, rank: 0, pivot: [0, 1], dropped: [0, 1]),
        RankCase(name: "zero matrix, full: rank 0", matrix: Matrix(rows: 3, columns: 2),
                 pivoting: .full, rank: 0, pivot: [0, 1], dropped: [0, 1]),
    ]

    @Test("Rank, pivot and dropped columns", arguments: rankCases)
    func rank(_ test: RankCase) throws {
        let qr = try PivotedQR(test.matrix, pivoting: test.pivoting, tolerance: test.tolerance)
        #expect(qr.rank == test.rank)
        #expect(qr.pivot == test.pivot)
        #expect(qr.droppedColumns == test.dropped)
        #expect(qr.keptColumns == Array(0 ..< test.matrix.columns).filter { !test.dropped.contains($0) })
        #expect(qr.isFullRank == test.dropped.isEmpty)
    }

    @Test("Q R reproduces the kept columns; Q is orthonormal; Q and Qᵀ are inverse", arguments: rankCases)
    func identities(_ test: RankCase) throws {
        let qr = try PivotedQR(test.matrix, pivoting: test.pivoting, tolerance: test.tolerance)
        let q = qr.thinQ()
        #expect(q.rows == test.matrix.rows && q.columns == qr.rank)
        #expect(q.multiplied(by: q, transposingSelf: true).isApproximatelyEqual(to: .identity(qr.rank), absoluteTolerance: 1e-12))
        let keptInPivotOrder = test.matrix.selectingColumns(qr.pivot.prefix(qr.rank))
        #expect((q * qr.r).isApproximatelyEqual(to: keptInPivotOrder, absoluteTolerance: 1e-12))
        let z: Vector = Vector((0 ..< test.matrix.rows).map { Double($0) - 1.5 })
        #expect(qr.applyingQ(to: qr.applyingQTransposed(to: z)).isApproximatelyEqual(to: z, absoluteTolerance: 1e-12))
        let leverages = qr.leverages()
        #expect(leverages.reduce(0, +).isApproximatelyEqual(to: Double(qr.rank), relativeTolerance: 0, absoluteTolerance: 1e-12))
        #expect(leverages.allSatisfy { $0 >= -1e-15 && $0 <= 1 + 1e-12 })
    }

    @Test("requireFullRank names the dropped columns and the routine", arguments: [
        (PivotedQR.Pivoting.limited, "dgeqrf", ColumnReference(index: 3, name: "a_plus_b")),
        (PivotedQR.Pivoting.full, "dgeqp3", ColumnReference(index: 2, name: "b")),
    ])
    func requireFullRank(_ pivoting: PivotedQR.Pivoting, routine: String, dropped: ColumnReference) throws {
        let qr = try PivotedQR(Design.aliased, pivoting: pivoting, columnNames: Design.aliasedNames)
        #expect(throws: LinearAlgebraError.rankDeficient(routine: routine, rank: 3, droppedColumns: [dropped])) {
            try qr.requireFullRank()
        }
        let fullRank = try PivotedQR(Design.aliased.selectingColumns([0, 1, 2]), pivoting: pivoting)
        #expect(throws: Never.self) { try fullRank.requireFullRank() }
    }

    @Test("Unscaled covariance follows the original column order under full pivoting")
    func unscaledCovarianceOrder() throws {
        let x = Design.aliased.selectingColumns([0, 1, 2])
        let expected = try Cholesky(x.gram()).inverse()
        for pivoting in [PivotedQR.Pivoting.limited, .full] {
            let qr = try PivotedQR(x, pivoting: pivoting)
            #expect(qr.unscaledCovariance().isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
        }
        // Full pivoting does reorder these columns, so the test exercises the permutation.
        #expect(try PivotedQR(x, pivoting: .full).pivot != [0, 1, 2])
    }
}
