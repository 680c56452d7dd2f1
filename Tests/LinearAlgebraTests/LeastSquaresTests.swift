import Testing
@testable import LinearAlgebra

// Reference values: R 4.2.2's lm (coef, residuals, effects, hatvalues, summary()$cov.unscaled),
// cross-checked with NumPy's numpy.linalg.lstsq for the coefficients and RSS; see
// ReferenceScripts/. R prints 17 significant digits; the tolerance is 1e-12 (relative, or
// absolute for values near zero), far below any statistical meaning and far above rounding.

private let tolerance = 1e-12

/// A small regression with an intercept, a continuous and a binary regressor.
private enum Trial {
    static let x1: [Double] = [0.5, 1.7, 2.3, 3.1, 4.8, 5.2, 6.9, 7.4]
    static let x2: [Double] = [1, 0, 1, 1, 0, 0, 1, 0]
    static let y: Vector = [1.9, 2.8, 4.6, 5.1, 5.9, 6.3, 9.2, 8.1]
    static let x = Matrix(columns: [Array(repeating: 1, count: 8), x1, x2])
}

struct FitCase: Sendable, CustomTestStringConvertible {
    var name: String
    var x: Matrix
    var y: Vector
    var coefficients: Vector        // NaN for aliased columns, as R's NA
    var residuals: Vector
    var leverages: Vector
    var unscaledCovariance: Matrix  // kept columns only
    var testDescription: String { name }
}

@Suite("Least squares (pivoted QR, as R's lm)")
struct LeastSquaresTests {
    static let fits: [FitCase] = [
        FitCase(
            name: "full rank: y ~ x1 + x2",
            x: Trial.x, y: Trial.y,
            coefficients: [0.82433631204748403, 1.03678820690105034, 1.05794142586915352],
            residuals: [-0.5006718413671652490, 0.2131237362207290820, 0.3331093862109456571, 0.0036788206901054998,
                        0.0990802948274748518, 0.0843650120670536019, 0.1638836344661140643, -0.3965690431152574247],
            leverages: [0.44020285695649336, 0.49670602048137724, 0.27113365077294360, 0.25026090926880173,
                        0.25001630682930015, 0.25471267366773198, 0.60718478898962891, 0.42978279303372258],
            unscaledCovariance: Matrix(rows: 3, columns: 3, columnMajor: [
                0.844889439697344535, -0.124584175852847062, -0.446220076968234181,
                -0.124584175852847062, 0.026090926880177404, 0.041093209836279426,
                -0.446220076968234181, 0.041093209836279426, 0.564721805492140128,
            ])),
        FitCase(
            name: "aliased: y ~ a + b + I(a + b)",
            x: Design.aliased, y: Design.y,
            coefficients: [0.84196466106354506, 1.01424123867016269, 0.60203013625071033, .nan],
            residuals: [-0.239663188342953831, -0.115650039245709629, 0.275105580809376249, 0.047263502841614041,
                        -0.133498399762974285, 0.217164047065918131, -0.050721503365270676],
            leverages: [0.15362189787816202, 0.32719119974805083, 0.49356521692783989, 0.49564233191562745,
                        0.28426428356807315, 0.51847784323435286, 0.72723722672789382],
            unscaledCovariance: Matrix(rowMajor: [
                [0.259102487217662270, -0.095998041664315026, -0.086290117876085176],
                [-0.095998041664315026, 0.091254483609360393, 0.050300369824308473],
                [-0.086290117876085176, 0.050300369824308473, 0.100733985661396561],
            ])),
    ]

    @Test("Coefficients, residuals, leverages and (X'X)⁻¹ match R's lm", arguments: fits)
    func matchesR(_ test: FitCase) throws {
        let fit = try LeastSquares(test.x, test.y)
        #expect(fit.coefficients.isApproximatelyEqual(to: test.coefficients, relativeTolerance: tolerance))
        #expect(fit.residuals.isApproximatelyEqual(to: test.residuals, absoluteTolerance: tolerance))
        #expect(fit.fittedValues.isApproximatelyEqual(to: test.y - test.residuals, absoluteTolerance: tolerance))
        #expect(fit.leverages().isApproximatelyEqual(to: test.leverages, relativeTolerance: tolerance))
        #expect(fit.unscaledCovariance().isApproximatelyEqual(to: test.unscaledCovariance, relativeTolerance: tolerance))
        #expect(fit.residualDegreesOfFreedom == test.x.rows - fit.rank)
    }

    @Test("Full-rank fit: effects match R's and coefficients and RSS match numpy.linalg.lstsq")
    func effectsAndNumPy() throws {
        let fit = try LeastSquares(Trial.x, Trial.y)
        // Same Householder sign convention as R's dqrdc2, so even the signs agree.
        let effects: Vector = [-15.520993847044712410, 6.314957612640567319, -1.407810968235242655, 0.042890444694949736,
                               0.470842578817091795, 0.475333042147739193, 0.385549846336111113, 0.100030590466306135]
        #expect(fit.effects.isApproximatelyEqual(to: effects, relativeTolerance: tolerance))
        #expect(fit.coefficients.isApproximatelyEqual(to: [0.8243363120474818, 1.0367882069010501, 1.057941425869153],
                                                      relativeTolerance: tolerance))
        #expect(fit.residualSumOfSquares.isApproximatelyEqual(to: 0.6081286282695194, relativeTolerance: tolerance))
        #expect(fit.droppedColumns.isEmpty && fit.rank == 3)
    }

    @Test("Aliased columns: NaN coefficient, nil marker, kept-column order")
    func aliasedMarkers() throws {
        let fit = try LeastSquares(Design.aliased, Design.y, columnNames: Design.aliasedNames)
        #expect(fit.rank == 3)
        #expect(fit.droppedColumns == [3])
        #expect(fit.keptColumns == [0, 1, 2])
        #expect(fit.coefficients[3].isNaN)
        #expect(fit.coefficient(3) == nil)
        let intercept = try #require(fit.coefficient(0))
        #expect(intercept.isApproximatelyEqual(to: 0.84196466106354506, relativeTolerance: tolerance))
        #expect(fit.keptCoefficients.isApproximatelyEqual(
            to: [0.84196466106354506, 1.01424123867016269, 0.60203013625071033], relativeTolerance: tolerance))
    }

    @Test("R's choice for a zero column and a duplicate; a wide design", arguments: [
        // lm.fit(cbind(1, a, 0, b, a), y)
        (Design.zeroAndDuplicate, Design.y,
         [0.84196466106354506, 1.01424123867016269, .nan, 0.60203013625071033, .nan] as Vector),
        // lm.fit(3 x 4 matrix, c(1, 2, 5)): an exact fit with the 4th coefficient NA.
        (Design.wide, [1, 2, 5] as Vector, [-1, 1.4, 0.2, .nan] as Vector),
    ])
    func moreAliasing(_ x: Matrix, _ y: Vector, _ coefficients: Vector) throws {
        let fit = try LeastSquares(x, y)
        #expect(fit.coefficients.isApproximatelyEqual(to: coefficients, absoluteTolerance: tolerance, relativeTolerance: tolerance))
    }

    @Test("An exact linear relation is recovered with zero residuals")
    func exactFit() throws {
        let x: [Double] = [0, 1, 2, 3, 4]
        let fit = try LeastSquares(Matrix(columns: [Array(repeating: 1, count: 5), x]), Vector(x.map { 1 + 2 * $0 }))
        #expect(fit.coefficients.isApproximatelyEqual(to: [1, 2], relativeTolerance: tolerance))
        #expect(fit.residuals.isApproximatelyEqual(to: Vector(repeating: 0, count: 5), absoluteTolerance: tolerance))
    }

    @Test("With .throwError a rank-deficient design throws, naming the aliased columns")
    func rankDeficientThrows() {
        #expect(throws: LinearAlgebraError.rankDeficient(
            routine: "dgeqrf", rank: 3, droppedColumns: [ColumnReference(index: 3, name: "a_plus_b")])
        ) {
            try LeastSquares(Design.aliased, Design.y, columnNames: Design.aliasedNames, whenRankDeficient: .throwError)
        }
        #expect(throws: LinearAlgebraError.rankDeficient(
            routine: "dgeqrf", rank: 3, droppedColumns: [ColumnReference(index: 2), ColumnReference(index: 4)])
        ) {
            try LeastSquares(Design.zeroAndDuplicate, Design.y, whenRankDeficient: .throwError)
        }
    }

    @Test("Intercept plus a full set of stratum dummies: the last dummy is aliased, as in R")
    func strataDummies() throws {
        let arm: [Double] = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0]
        let stratum = (0 ..< 12).map { $0 % 3 }  // north, south, east, north, ...
        let dummies = (0 ..< 3).map { level in stratum.map { $0 == level ? 1.0 : 0.0 } }
        let x = Matrix(columns: [Array(repeating: 1, count: 12), arm] + dummies)
        let y: Vector = [3, 5, 4, 2, 6, 3, 2, 5, 6, 4, 5, 3]
        let names = ["(Intercept)", "arm", "north", "south", "east"]
        let fit = try LeastSquares(x, y, columnNames: names)
        // R: lm.fit(cbind(1, arm, model.matrix(~ stratum - 1)), y)
        #expect(fit.coefficients.isApproximatelyEqual(to: [3, 2, -0.25, 0.25, .nan], relativeTolerance: tolerance))
        #expect(fit.droppedColumns == [4])
        #expect(throws: LinearAlgebraError.rankDeficient(
            routine: "dgeqrf", rank: 4, droppedColumns: [ColumnReference(index: 4, name: "east")])
        ) {
            try LeastSquares(x, y, columnNames: names, whenRankDeficient: .throwError)
        }
    }

    @Test("A larger random design: limited and full pivoting agree with each other and with the normal equations")
    func randomDesign() throws {
        var generator = SplitMix64(seed: 20_240_601)
        let (n, p) = (200, 8)
        let x = Matrix(columns: (0 ..< p).map { j in
            (0 ..< n).map { _ in j == 0 ? 1 : Double.random(in: -2 ... 2, using: &generator) }
        })
        let y = Vector((0 ..< n).map { _ in Double.random(in: -1 ... 1, using: &generator) })
        let limited = try LeastSquares(x, y)
        let full = try LeastSquares(x, y, pivoting: .full)
        let xtxInverse = try Cholesky(x.gram()).inverse()
        let normalEquations = xtxInverse.multiplied(by: x.multiplied(by: y, transposingSelf: true))
        // Independent uniform columns make X'X well conditioned, so 1e-12 holds with a wide margin.
        #expect(limited.coefficients.isApproximatelyEqual(to: full.coefficients, relativeTolerance: 1e-12))
        #expect(limited.coefficients.isApproximatelyEqual(to: normalEquations, relativeTolerance: 1e-12))
        #expect(limited.unscaledCovariance().isApproximatelyEqual(to: xtxInverse, relativeTolerance: 1e-12))
        #expect(limited.leverages().isApproximatelyEqual(to: full.leverages(), relativeTolerance: 1e-12))
        #expect(limited.residuals.isApproximatelyEqual(to: y - x * limited.coefficients, absoluteTolerance: 1e-13))
        #expect(full.decomposition.pivot != Array(0 ..< p))  // full pivoting really reordered
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small seedable generator for reproducible test data.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
