import Testing
import Spatial

private let fixtureNames = ["juvenile_band7_5", "juvenile_band16", "synthetic_band1_5", "synthetic_band2_5",
                            "synthetic_band6_2", "synthetic_continuous_band2_5"]

@Test func juvenilePointsBinAsTheFixtureScriptDid() throws {
    let fixture = try HotspotFixture(named: "juvenile_band7_5")
    let counts = try CrimeCounts(points: try juvenilePoints(), grid: fixture.grid)
    #expect(counts.layers[0].values == fixture["count"])
    #expect(counts.outsideTotal == 0)
    #expect(counts.insideTotal == 168)
}

@Test(arguments: fixtureNames, ConvolutionMethod.allCases)
func giStarMatchesEsda(_ name: String, _ method: ConvolutionMethod) throws {
    let fixture = try HotspotFixture(named: name)
    let result = GetisOrdGiStar(band: DistanceBand(distance: fixture.band), method: method)(fixture.counts)
    // esda G_Local(y, w, transform='B', star=True): Gs and Zs to 1e-9.
    #expect(maximumDifference(result.statistic.values, fixture["gi_g"]) <= 1e-12)
    #expect(maximumDifference(result.zScores.values, fixture["gi_z"]) <= 1e-9)
    // Two-sided p is twice esda's one-sided p_norm.
    #expect(maximumDifference(result.pValues.values, fixture["gi_p_norm"].map { 2 * $0 }) <= 1e-12)
    // Benjamini-Hochberg as scipy.stats.false_discovery_control.
    #expect(maximumDifference(FalseDiscoveryRate.benjaminiHochberg(result.pValues.values), fixture["gi_bh"]) <= 1e-12)
}

@Test(arguments: fixtureNames)
func giStarMomentsMatchEsda(_ name: String) throws {
    let fixture = try HotspotFixture(named: name)
    let result = GetisOrdGiStar(band: DistanceBand(distance: fixture.band))(fixture.counts)
    let z = zip(zip(result.statistic.values, result.expectation.values), result.variance.values).map {
        ($0.0 - $0.1) / $1.squareRoot()
    }
    #expect(maximumDifference(z, fixture["gi_z"]) <= 1e-9)
}

@Test(arguments: fixtureNames, ConvolutionMethod.allCases)
func localMoranMatchesEsda(_ name: String, _ method: ConvolutionMethod) throws {
    let fixture = try HotspotFixture(named: name)
    let band = DistanceBand(distance: fixture.band)
    for (weights, prefix) in [(LocalMoran.Weights.rowStandardised, "moran_r"), (.binary, "moran_b")] {
        let result = LocalMoran(band: band, weights: weights, method: method)(fixture.counts)
        #expect(maximumDifference(result.statistic.values, fixture["\(prefix)_i"]) <= 1e-9, "\(prefix)")
        #expect(result.quadrants.map { Double($0.rawValue) } == fixture["\(prefix)_q"], "\(prefix)")
        #expect(maximumDifference(result.expectation.values, fixture["\(prefix)_ei"]) <= 1e-12, "\(prefix)")
        #expect(maximumDifference(result.variance.values, fixture["\(prefix)_vi"]) <= 1e-9, "\(prefix)")
    }
}

/// Permutation p-values agree with esda's near-exact ones (49,999 permutations) within Monte Carlo
/// error: for each cell, |ours − esda's| ≤ 4.5 standard errors of the difference (a 999-draw
/// estimate and a 49,999-draw one, with p from esda) plus one permutation's step, 1/1000. A cell
/// outside that band would be a 1-in-100,000 event for a correct sampler.
private func expectWithinMonteCarloError(_ ours: [Double], _ reference: [Double], _ label: String) {
    var outside = 0
    for (a, p) in zip(ours, reference) {
        let q = min(max(p, 0.001), 0.999)
        let standardError = (q * (1 - q) * (1.0 / 999 + 1.0 / 49_999)).squareRoot()
        if abs(a - p) > 4.5 * standardError + 0.001 { outside += 1 }
    }
    #expect(outside == 0, "\(label): \(outside) of \(ours.count) cells outside Monte Carlo error")
    #expect(ours.allSatisfy { $0 >= 1.0 / 1000 && $0 <= 0.5 + 1.0 / 1000 })
}

@Test(arguments: ["juvenile_band7_5", "juvenile_band16", "synthetic_band2_5", "synthetic_continuous_band2_5"])
func giStarPermutationPValuesAgreeWithEsda(_ name: String) throws {
    let fixture = try HotspotFixture(named: name)
    var generator = SeededGenerator(seed: 2026)
    let result = GetisOrdGiStar(band: DistanceBand(distance: fixture.band))(fixture.counts)
    expectWithinMonteCarloError(result.permutationPValues(permutations: 999, using: &generator).values,
                                fixture["gi_p_ref"], name)
}

/// On continuous values only: on counts, many permuted neighbourhoods tie exactly with the
/// observed one; we count those ties as at least as extreme, while esda compares sums of
/// standardised values in floating point, whose rounding breaks the ties arbitrarily.
@Test func localMoranPermutationPValuesAgreeWithEsda() throws {
    let fixture = try HotspotFixture(named: "synthetic_continuous_band2_5")
    var generator = SeededGenerator(seed: 2026)
    let result = LocalMoran(band: DistanceBand(distance: fixture.band))(fixture.counts)
    expectWithinMonteCarloError(result.permutationPValues(permutations: 999, using: &generator).values,
                                fixture["moran_r_p_ref"], fixture.name)
}

@Test func permutationPValuesReproduceFromTheSeed() throws {
    let fixture = try HotspotFixture(named: "synthetic_band1_5")
    let result = GetisOrdGiStar(band: DistanceBand(distance: fixture.band))(fixture.counts)
    var first = SeededGenerator(seed: 7), second = SeededGenerator(seed: 7), other = SeededGenerator(seed: 8)
    let a = result.permutationPValues(permutations: 199, using: &first)
    let b = result.permutationPValues(permutations: 199, using: &second)
    let c = result.permutationPValues(permutations: 199, using: &other)
    #expect(a == b)
    #expect(a != c)
}

struct BenjaminiHochbergCase: Sendable, CustomStringConvertible {
    let description: String
    let pValues: [Double]
    let adjusted: [Double]
}

// Adjusted values from scipy.stats.false_discovery_control(p, method='bh') (NaN dropped first).
private let benjaminiHochbergCases: [BenjaminiHochbergCase] = [
    BenjaminiHochbergCase(description: "textbook", pValues: [0.01, 0.04, 0.03, 0.005],
                          adjusted: [0.02, 0.04, 0.04, 0.02]),
    BenjaminiHochbergCase(description: "ties and ones", pValues: [0.02, 0.02, 1, 0.5, 0],
                          adjusted: [0.02 * 5 / 3, 0.02 * 5 / 3, 1, 0.625, 0]),
    BenjaminiHochbergCase(description: "NaN left out", pValues: [0.01, .nan, 0.04, 0.03, 0.005],
                          adjusted: [0.02, .nan, 0.04, 0.04, 0.02]),
    BenjaminiHochbergCase(description: "empty", pValues: [], adjusted: []),
]

@Test(arguments: benjaminiHochbergCases)
func benjaminiHochbergMatchesScipy(_ testCase: BenjaminiHochbergCase) {
    let adjusted = FalseDiscoveryRate.benjaminiHochberg(testCase.pValues)
    #expect(maximumDifference(adjusted, testCase.adjusted) <= 1e-15)
}

@Test func benjaminiHochbergSignificanceFollowsTheRate() {
    let p = [0.01, 0.04, 0.03, 0.005]
    #expect(FalseDiscoveryRate.significant(p, rate: 0.05) == [true, true, true, true])
    #expect(FalseDiscoveryRate.significant(p, rate: 0.03) == [true, false, false, true])
}

@Test func constantLayerHasNoZScores() {
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 1, columns: 4, rows: 3)
    let result = GetisOrdGiStar(band: DistanceBand(distance: 1.5))(GridLayer(grid: grid, repeating: 2))
    #expect(result.zScores.values.allSatisfy { $0.isNaN })
    #expect(result.pValues.values.allSatisfy { $0.isNaN })
    #expect(FalseDiscoveryRate.significant(result.pValues.values).allSatisfy { !$0 })
}
