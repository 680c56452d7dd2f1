import Foundation

/// Globally adaptive 7–15 point Gauss–Kronrod quadrature on a finite interval.
///
/// The interval is first cut at caller-supplied break points (where the integrand is known to
/// change quickly), then the subinterval with the largest error estimate `|K15 − G7|` is bisected
/// until the summed estimate is below `max(absoluteTolerance, relativeTolerance × |integral|)`.
/// The error of each piece is estimated as QUADPACK's `qk15` does: `|K15 − G7|` scaled by
/// `(200 |K15 − G7| / V)^1.5` against the integrand's variation `V`, which reflects that the
/// Kronrod value is far more accurate than the difference suggests, and never below 50 ulp of
/// `∫|f|`.
enum AdaptiveGaussKronrod {
    /// Kronrod abscissae on [0, 1] (QUADPACK `qk15`), largest first; odd indices are Gauss nodes.
    private static let nodes: [Double] = [
        0.991_455_371_120_812_639_206_854_697_526_329, 0.949_107_912_342_758_524_526_189_684_047_851,
        0.864_864_423_359_769_072_789_712_788_640_926, 0.741_531_185_599_394_439_863_864_773_280_788,
        0.586_087_235_467_691_130_294_144_845_693_013, 0.405_845_151_377_397_166_906_606_412_076_961,
        0.207_784_955_007_898_467_600_689_403_773_245, 0,
    ]
    private static let kronrodWeights: [Double] = [
        0.022_935_322_010_529_224_963_732_008_058_970, 0.063_092_092_629_978_553_290_700_663_189_204,
        0.104_790_010_322_250_183_839_876_322_541_518, 0.140_653_259_715_525_918_745_189_590_510_238,
        0.169_004_726_639_267_902_826_583_426_598_550, 0.190_350_578_064_785_409_913_256_402_421_014,
        0.204_432_940_075_298_892_414_161_999_234_649, 0.209_482_141_084_727_828_012_999_174_891_714,
    ]
    /// Gauss weights for the nodes at indices 1, 3, 5 and 7.
    private static let gaussWeights: [Double] = [
        0.129_484_966_168_869_693_270_611_432_679_082, 0.279_705_391_489_276_667_901_467_771_423_780,
        0.381_830_050_505_118_944_950_369_775_488_975, 0.417_959_183_673_469_387_755_102_040_816_327,
    ]

    private struct Piece {
        let lower: Double
        let upper: Double
        let value: Double
        let error: Double
    }

    private static func rule(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> Piece {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 15) { values in
            let centre = 0.5 * (a + b)
            let half = 0.5 * (b - a)
            values[7] = f(centre)
            for j in 0..<7 {
                let offset = half * nodes[j]
                values[j] = f(centre - offset)
                values[14 - j] = f(centre + offset)
            }
            var kronrod = kronrodWeights[7] * values[7]
            var gauss = gaussWeights[3] * values[7]
            var absolute = kronrodWeights[7] * abs(values[7])
            for j in 0..<7 {
                let pair = values[j] + values[14 - j]
                kronrod += kronrodWeights[j] * pair
                absolute += kronrodWeights[j] * (abs(values[j]) + abs(values[14 - j]))
                if j % 2 == 1 { gauss += gaussWeights[j / 2] * pair }
            }
            // QUADPACK's error estimate: |K15 − G7| scaled against the integrand's variation.
            let mean = 0.5 * kronrod
            var variation = kronrodWeights[7] * abs(values[7] - mean)
            for j in 0..<7 {
                variation += kronrodWeights[j] * (abs(values[j] - mean) + abs(values[14 - j] - mean))
            }
            variation *= abs(half)
            absolute *= abs(half)
            var error = abs((kronrod - gauss) * half)
            if variation != 0 && error != 0 {
                error = variation * min(1, pow(200 * error / variation, 1.5))
            }
            if absolute > Double.leastNormalMagnitude / (50 * Double.ulpOfOne) {
                error = max(50 * Double.ulpOfOne * absolute, error)
            }
            return Piece(lower: a, upper: b, value: kronrod * half, error: error)
        }
    }

    /// Integrates `f` over `[lower, upper]`.
    ///
    /// - Parameters:
    ///   - breakPoints: Points inside the interval at which to cut it first; others are ignored.
    ///   - absoluteTolerance: The absolute error to reach.
    ///   - relativeTolerance: The error relative to the integral to reach.
    ///   - maximumPieces: The most subintervals to use before returning the best value found.
    /// - Returns: The integral and its (pessimistic) error estimate.
    /// - Complexity: 15 evaluations of `f` per subinterval.
    static func integrate(
        _ f: (Double) -> Double,
        from lower: Double,
        to upper: Double,
        breakPoints: [Double] = [],
        absoluteTolerance: Double,
        relativeTolerance: Double,
        maximumPieces: Int = 2000
    ) -> (value: Double, error: Double) {
        precondition(lower.isFinite && upper.isFinite && lower <= upper, "integration limits must be finite and ordered")
        if lower == upper { return (0, 0) }
        let cuts = ([lower, upper] + breakPoints.filter { $0 > lower && $0 < upper }).sorted()
        var pieces: [Piece] = []
        for (a, b) in zip(cuts, cuts.dropFirst()) where b > a {
            pieces.append(rule(f, a, b))
        }
        while true {
            var value = 0.0
            var error = 0.0
            var worst = 0
            for (index, piece) in pieces.enumerated() {
                value += piece.value
                error += piece.error
                if piece.error > pieces[worst].error { worst = index }
            }
            if error <= max(absoluteTolerance, relativeTolerance * abs(value)) || pieces.count >= maximumPieces {
                return (value, error)
            }
            let piece = pieces[worst]
            let centre = 0.5 * (piece.lower + piece.upper)
            // Stop refining where the bisection can no longer shrink the interval.
            if centre <= piece.lower || centre >= piece.upper { return (value, error) }
            pieces[worst] = rule(f, piece.lower, centre)
            pieces.append(rule(f, centre, piece.upper))
        }
    }
}
