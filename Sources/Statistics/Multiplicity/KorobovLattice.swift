/// The rank-1 Korobov lattice rules of ``RandomisedLatticeRule``, smallest first.
///
/// A rule with `n` points (`n` prime) and multiplier `a` has the generating vector
/// `z = (1, a, a², …) mod n`. The sizes grow by about 1.5 times from 101 to about 1.1 million;
/// each multiplier minimises a weighted P₂ figure of merit (product weights `1/j²` over 16
/// dimensions) among the candidates searched by
/// `Tests/StatisticsTests/Fixtures/multivariate_t/make_korobov_multipliers.py`, which printed
/// this table.
struct KorobovLattice: Sendable {
    /// The number of points `n`, a prime.
    let size: Int
    /// The multiplier `a`.
    let multiplier: Int

    /// `(1, a, a², …) mod n` with `dimension` entries.
    func generatingVector(dimension: Int) -> [Int] {
        var vector = [Int](repeating: 1, count: dimension)
        for j in stride(from: 1, to: dimension, by: 1) { vector[j] = vector[j - 1] * multiplier % size }
        return vector
    }

    /// The rules in order of size.
    static let rules: [KorobovLattice] = sizesAndMultipliers.map { KorobovLattice(size: $0.size, multiplier: $0.multiplier) }

    private static let sizesAndMultipliers: [(size: Int, multiplier: Int)] = [
        (101, 37),  // P2 = 9.016e-02
        (149, 16),  // P2 = 5.629e-02
        (223, 88),  // P2 = 3.375e-02
        (337, 127),  // P2 = 2.015e-02
        (503, 33),  // P2 = 1.190e-02
        (757, 296),  // P2 = 7.294e-03
        (1129, 170),  // P2 = 3.935e-03
        (1709, 385),  // P2 = 2.516e-03
        (2557, 1042),  // P2 = 1.499e-03
        (3847, 677),  // P2 = 8.844e-04
        (5779, 1484),  // P2 = 5.174e-04
        (8647, 3070),  // P2 = 3.224e-04
        (12973, 1894),  // P2 = 1.677e-04
        (19463, 1223),  // P2 = 1.065e-04
        (29191, 13614),  // P2 = 6.413e-05
        (43789, 13557),  // P2 = 3.709e-05
        (65687, 30528),  // P2 = 2.140e-05
        (98519, 30453),  // P2 = 1.354e-05
        (147787, 70497),  // P2 = 8.640e-06
        (221677, 60644),  // P2 = 4.153e-06
        (332513, 53594),  // P2 = 2.755e-06
        (498787, 170652),  // P2 = 1.341e-06
        (748183, 216178),  // P2 = 8.295e-07
        (1122269, 220200),  // P2 = 5.089e-07
    ]
}
