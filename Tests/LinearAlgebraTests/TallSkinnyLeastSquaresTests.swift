import Foundation
import Testing
@testable import LinearAlgebra

// Reference values: R 4.2's lm (LINPACK dqrdc2, tol = 1e-7) and sandwich::vcovHC, printed by
// ReferenceScripts/tall_skinny_reference.R on the design below, which that script builds by the
// same formulas. Everything else is compared with LeastSquares (itself checked against R).

/// A 5000-row trial design built by formula: intercept, three arm indicators, three covariates.
enum TallDesign {
    static let rows = 5000

    static let arm = (1 ... rows).map { $0 % 4 }
    static let x1 = (1 ... rows).map { sin(Double($0)) }
    static let x2 = (1 ... rows).map { cos(0.7 * Double($0)) }
    static let x3 = (1 ... rows).map { Double((7 * $0) % 13) / 13 }
    static func indicator(_ level: Int) -> [Double] { arm.map { $0 == level ? 1 : 0 } }

    static let y = Vector((0 ..< rows).map { i in
        let a = arm[i]
        let armEffect = a == 1 ? 0.2 : a == 2 ? -0.1 : a == 3 ? 0.3 : 0
        return 1 + armEffect + 0.5 * x1[i] - 0.3 * x2[i] + 0.8 * x3[i] + (1 + x3[i]) * sin(3.1 * Double(i + 1))
    })

    /// [1, arm1, arm2, arm3, x1, x2, x3].
    static let x = Matrix(columns: [
        [Double](repeating: 1, count: rows), indicator(1), indicator(2), indicator(3), x1, x2, x3,
    ])

    /// [1, arm1, arm1, arm2, arm3, x1, x1 + 2 x3, x2, x3]: R drops the second arm1 and x3.
    static let aliased = Matrix(columns: [
        [Double](repeating: 1, count: rows), indicator(1), indicator(1), indicator(2), indicator(3), x1,
        zip(x1, x3).map { $0 + 2 * $1 }, x2, x3,
    ])

    // R: coef(lm(y ~ X - 1)), sqrt(diag(vcovHC(fit, type = "HC2" / "HC0"))), hatvalues and
    // residuals at rows 1, 2500, 2501, 5000 (one-based), and the residual sum of squares.
    static let coefficients: [Double] = [
        0.997820259962015621, 0.202684849614984564, -0.099739992374770547, 0.303038184480591333,
        0.500073227933090836, -0.299225555751726102, 0.801518107843469330,
    ]
    static let hc2StandardErrors: [Double] = [
        0.034690033132062432, 0.042112971649571916, 0.042113013915958057, 0.042116413951877055,
        0.021053507043094683, 0.021060748059417409, 0.052512094246435180,
    ]
    static let hc0StandardErrors: [Double] = [
        0.034664906865805270, 0.042083357508517751, 0.042083391792842692, 0.042086802569056454,
        0.021037651779145610, 0.021044887361050913, 0.052471079937335317,
    ]
    static let sampledRows = [0, 2499, 2500, 4999]
    static let sampledLeverages: [Double] = [
        0.0013308045167419310, 0.0015899941863387846, 0.0011430010336229207, 0.0016203984490885488,
    ]
    static let sampledResiduals: [Double] = [
        0.061993750821669025, 0.353737104767607169, -0.582408282384388021, -0.756810222256586895,
    ]
    static let residualSumOfSquares = 5534.9332845730496

    // R: lm(y ~ A - 1) on the aliased design.
    static let aliasedPivot = [0, 1, 3, 4, 5, 6, 7, 2, 8]
    static let aliasedCoefficients: [Double] = [
        0.997820259962016065, 0.202684849614984536, .nan, -0.099739992374770575, 0.303038184480591277,
        0.099314174011356213, 0.400759053921734665, -0.299225555751726158, .nan,
    ]
    static let aliasedHC2StandardErrors: [Double] = [
        0.034690033132062446, 0.042112971649571916, 0.042113013915958064, 0.042116413951877055,
        0.033636437005318459, 0.026256047123217614, 0.021060748059417413,
    ]
}

let hc2Weight: TallSkinnyLeastSquares.RowWeight = { e, h in e * e / (1 - h) }
let hc0Weight: TallSkinnyLeastSquares.RowWeight = { e, _ in e * e }

/// The largest |a − b| / |b| over the pairs.
func worstRelativeDifference(_ actual: some Sequence<Double>, _ expected: some Sequence<Double>) -> Double {
    zip(actual, expected).map { abs($0 - $1) / abs($1) }.max() ?? 0
}

struct BlockCase: Sendable, CustomTestStringConvertible {
    var name: String
    var rowBlockSize: Int?
    var testDescription: String { name }
}

@Suite("Tall-skinny least squares (TSQR of [X y], R's limited pivoting on the factor)")
struct TallSkinnyLeastSquaresTests {
    static let blockCases: [BlockCase] = [
        BlockCase(name: "default blocks (1024 rows for 8 columns of [X y]): 5 blocks, one chunk", rowBlockSize: nil),
        BlockCase(name: "one row per block: 5000 blocks in 157 chunks", rowBlockSize: 1),
        BlockCase(name: "7 rows per block: uneven blocks, the last of 2 rows", rowBlockSize: 7),
        BlockCase(name: "64 rows per block: 79 blocks in 3 chunks, spread over threads", rowBlockSize: 64),
        BlockCase(name: "2500 rows per block: a block boundary between rows 2500 and 2501", rowBlockSize: 2500),
        BlockCase(name: "10000 rows per block: fewer rows than one block", rowBlockSize: 10_000),
    ]

    @Test("Coefficients, HC2 and HC0 sandwiches, leverages and residuals agree with R", arguments: blockCases)
    func matchesR(_ test: BlockCase) throws {
        let fit = try TallSkinnyLeastSquares(TallDesign.x, TallDesign.y, rowBlockSize: test.rowBlockSize,
                                             sandwichWeight: hc2Weight)
        let hc0 = try TallSkinnyLeastSquares(TallDesign.x, TallDesign.y, rowBlockSize: test.rowBlockSize,
                                             sandwichWeight: hc0Weight)
        #expect(fit.rank == 7 && fit.isFullRank && fit.pivot == Array(0 ..< 7))
        #expect(worstRelativeDifference(fit.coefficients, TallDesign.coefficients) < 1e-12)
        let hc2 = try #require(fit.sandwichCovariance)
        #expect(worstRelativeDifference((0 ..< 7).map { hc2[$0, $0].squareRoot() }, TallDesign.hc2StandardErrors) < 1e-12)
        let hc0Covariance = try #require(hc0.sandwichCovariance)
        #expect(worstRelativeDifference((0 ..< 7).map { hc0Covariance[$0, $0].squareRoot() },
                                        TallDesign.hc0StandardErrors) < 1e-12)
        #expect(worstRelativeDifference(TallDesign.sampledRows.map { fit.leverages[$0] }, TallDesign.sampledLeverages) < 1e-12)
        #expect(worstRelativeDifference(TallDesign.sampledRows.map { fit.residuals[$0] }, TallDesign.sampledResiduals) < 1e-12)
        #expect(abs(fit.residualSumOfSquares - TallDesign.residualSumOfSquares) < 1e-12 * TallDesign.residualSumOfSquares)
        #expect(fit.residualDegreesOfFreedom == TallDesign.rows - 7)
        #expect(fit.rowBlockSize == test.rowBlockSize ?? TallSkinnyLeastSquares.defaultRowBlockSize(columns: 7))
    }

    @Test("Every residual and leverage and the unscaled covariance agree with LeastSquares", arguments: blockCases)
    func matchesLeastSquares(_ test: BlockCase) throws {
        let reference = try LeastSquares(TallDesign.x, TallDesign.y)
        let fit = try TallSkinnyLeastSquares(TallDesign.x, TallDesign.y, rowBlockSize: test.rowBlockSize)
        #expect(fit.sandwichCovariance == nil)
        #expect(fit.residuals.isApproximatelyEqual(to: reference.residuals, absoluteTolerance: 1e-12, relativeTolerance: 0))
        #expect(fit.leverages.isApproximatelyEqual(to: reference.leverages(), absoluteTolerance: 1e-15, relativeTolerance: 0))
        // Relative to the largest element: the near-zero ones carry the rounding of the others.
        let covariance = reference.unscaledCovariance()
        let scale = covariance.columnMajorElements.map(abs).max()!
        #expect(fit.unscaledCovariance().isApproximatelyEqual(to: covariance, absoluteTolerance: 1e-12 * scale,
                                                              relativeTolerance: 0))
        // R₁₁ is R's factor up to the signs of its rows.
        let r = fit.r, expected = reference.decomposition.r
        for i in 0 ..< 7 {
            let sign = (r[i, i] < 0) == (expected[i, i] < 0) ? 1.0 : -1.0
            for j in i ..< 7 { #expect(abs(sign * r[i, j] - expected[i, j]) <= 1e-12 * abs(expected[i, i])) }
        }
    }

    @Test("Aliased columns in a tall design are the ones R drops, at every block size", arguments: blockCases)
    func aliasedLikeR(_ test: BlockCase) throws {
        let fit = try TallSkinnyLeastSquares(TallDesign.aliased, TallDesign.y, rowBlockSize: test.rowBlockSize,
                                             sandwichWeight: hc2Weight)
        #expect(fit.rank == 7)
        #expect(fit.pivot == TallDesign.aliasedPivot)
        #expect(fit.droppedColumns == [2, 8] && fit.keptColumns == [0, 1, 3, 4, 5, 6, 7])
        #expect(fit.coefficients[2].isNaN && fit.coefficients[8].isNaN)
        let kept = fit.keptColumns
        #expect(worstRelativeDifference(kept.map { fit.coefficients[$0] }, kept.map { TallDesign.aliasedCoefficients[$0] }) < 1e-10)
        let hc2 = try #require(fit.sandwichCovariance)
        #expect(hc2.rows == 7)
        #expect(worstRelativeDifference((0 ..< 7).map { hc2[$0, $0].squareRoot() }, TallDesign.aliasedHC2StandardErrors) < 1e-10)
        #expect(abs(fit.leverages.reduce(0, +) - 7) < 1e-10)
    }

    @Test("Rank, pivot and dropped columns of the small designs are R's", arguments: PivotedQRTests.rankCases.filter {
        $0.pivoting == .limited
    })
    func smallDesigns(_ test: RankCase) throws {
        let y = Vector((0 ..< test.matrix.rows).map { Double($0) * 0.5 - 1 })
        for blockRows in [1, 2, 1024] {
            let fit = try TallSkinnyLeastSquares(test.matrix, y, tolerance: test.tolerance, rowBlockSize: blockRows)
            let reference = try LeastSquares(test.matrix, y, tolerance: test.tolerance)
            #expect(fit.rank == test.rank)
            #expect(fit.pivot == test.pivot)
            #expect(fit.droppedColumns == test.dropped)
            // With the tolerance lowered to keep a column at 1.7e-10 of its norm, the design's
            // condition number is about 1e10, and two QR algorithms agree on the rank, not on
            // ten digits of its coefficients.
            guard test.tolerance == 1e-7 else { continue }
            for j in 0 ..< test.matrix.columns {
                let (a, e) = (fit.coefficients[j], reference.coefficients[j])
                #expect(e.isNaN ? a.isNaN : abs(a - e) <= 1e-12 * Swift.max(1, abs(e)), "column \(j): \(a) against \(e)")
            }
            #expect(fit.residuals.isApproximatelyEqual(to: reference.residuals, absoluteTolerance: 1e-12, relativeTolerance: 0))
        }
    }

    @Test("The zero matrix has rank 0: the residuals are y and the leverages zero")
    func zeroMatrix() throws {
        let y: Vector = [1, -2, 3.5]
        let fit = try TallSkinnyLeastSquares(Matrix(rows: 3, columns: 2), y, sandwichWeight: hc2Weight)
        #expect(fit.rank == 0 && fit.droppedColumns == [0, 1])
        #expect(fit.residuals == y && fit.leverages == [0, 0, 0])
        #expect(fit.sandwichCovariance?.rows == 0)
    }

    @Test("throwError names the aliased columns")
    func rankDeficientThrows() {
        let names = (0 ..< 9).map { "c\($0)" }
        #expect(throws: LinearAlgebraError.rankDeficient(routine: "dgeqrf", rank: 7, droppedColumns: [
            ColumnReference(index: 2, name: "c2"), ColumnReference(index: 8, name: "c8"),
        ])) {
            _ = try TallSkinnyLeastSquares(TallDesign.aliased, TallDesign.y, columnNames: names, whenRankDeficient: .throwError)
        }
    }

    @Test("NaN or an infinity in X or y is reported with its row and column", arguments: [
        (2999, 5, Double.nan), (4999, 0, Double.infinity), (0, 6, -Double.infinity),
    ])
    func nonFinite(row: Int, column: Int, value: Double) {
        var elements = TallDesign.x.columnMajorElements
        elements[column * TallDesign.rows + row] = value
        let x = Matrix(rows: TallDesign.rows, columns: 7, columnMajor: elements)
        let names = ["(Intercept)", "arm1", "arm2", "arm3", "x1", "x2", "x3"]
        #expect(throws: LinearAlgebraError.nonFinite(routine: "dtpqrt", argument: "A", count: 1, row: row,
                                                     column: ColumnReference(index: column, name: names[column]))) {
            _ = try TallSkinnyLeastSquares(x, TallDesign.y, columnNames: names, rowBlockSize: 64)
        }
        var y = TallDesign.y
        y[row] = value
        #expect(throws: LinearAlgebraError.nonFinite(routine: "dtpqrt", argument: "y", count: 1, row: row, column: nil)) {
            _ = try TallSkinnyLeastSquares(TallDesign.x, y, rowBlockSize: 64)
        }
    }
}
