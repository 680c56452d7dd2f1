import Randomisation
import Statistics
import StudyProtocol
import Testing

private let replayCases = TestCohorts.schemes.map { SchemeCase(description: $0.name, arms: $0.arms, randomisation: $0.randomisation) }

/// Each replay column is the assignment a single draw with that seed gives, whatever the number
/// of workers; the replays keep the design's restrictions.
@Test(arguments: replayCases)
func replaysRedrawTheSameDesign(_ scheme: SchemeCase) throws {
    let design = try TestCohorts.design(arms: scheme.arms, randomisation: scheme.randomisation)
    let cohort = try design.cohortDesign(units: TestCohorts.people(103))
    let seeds = CohortDesign.replaySeeds(count: 300, seed: 11)
    let replays = try cohort.replay(seeds: seeds)
    #expect(replays.units == 103 && replays.replays == 300)
    for replay in [0, 1, 150, 299] {
        #expect(Array(replays.replay(replay)) == (try cohort.draw(seed: seeds[replay])))
    }
    #expect(try cohort.replay(count: 300, seed: 11) == replays)
    // Replays differ from one another.
    #expect(Set((0 ..< 300).map { Array(replays.replay($0)) }).count > 250)
    let indicator = replays.indicator(arm: 1)
    #expect(indicator.rows == 103 && indicator.columns == 300)
    #expect(indicator[5, 7] == (replays[5, 7] == 1 ? 1 : 0))
}

@Test func stratifiedReplaysKeepStratumCountsExactAtBlockEnds() throws {
    // Strata of exactly 8 people in blocks of 4: every replay puts 2 of each stratum in each arm.
    var units: [EnrolmentUnit] = []
    for stratum in 0 ..< 12 {
        for member in 0 ..< 8 {
            units.append(EnrolmentUnit(id: "U\(stratum)-\(member)", fields: [
                "age": "15", "risk_band": TestCohorts.bands[stratum % 3], "area": TestCohorts.areas[stratum / 3]]))
        }
    }
    let design = try TestCohorts.design(randomisation: "{scheme: stratified-blocks, strata: [risk_band, area], block_sizes: [4]}")
    let replays = try design.cohortDesign(units: units).replay(count: 500, seed: 3)
    for replay in 0 ..< 500 {
        for stratum in 0 ..< 12 {
            var counts = [0, 0, 0, 0]
            for member in 0 ..< 8 { counts[replays[stratum * 8 + member, replay]] += 1 }
            #expect(counts == [2, 2, 2, 2])
        }
    }
}

/// Rerandomisation accepts only draws under the threshold, which is the chi-square quantile
/// for an acceptance probability; the recorded distance is recomputed here independently.
@Test func rerandomisationMeetsItsCriterion() throws {
    let design = try TestCohorts.design(arms: "[{name: a}, {name: b}]",
                                        randomisation: "{scheme: rerandomisation, rerandomisation: {covariates: [age, priors], acceptance_probability: 0.05}}")
    let units = TestCohorts.people(80)
    let cohort = try design.cohortDesign(units: units)
    let threshold = try #require(cohort.threshold)
    // qchisq(0.05, df = 2) in R: 0.10258658877510107.
    #expect(abs(threshold - 0.10258658877510107) < 1e-12)
    let ages = units.map { Double($0.fields["age"]!)! }
    let priors = units.map { Double($0.fields["priors"]!)! }
    var draws: [Int] = []
    for seed: UInt64 in 1 ... 40 {
        let allocation = try cohort.allocate(seed: seed)
        let distance = try #require(allocation.distance)
        #expect(distance <= threshold)
        #expect(abs(distance - morganRubinDistance(ages, priors, allocation.armIndices)) < 1e-9)
        draws.append(allocation.rerandomisationDraws!)
    }
    // About 1 draw in 20 is accepted, so draws average about 20.
    let meanDraws = Double(draws.reduce(0, +)) / Double(draws.count)
    #expect(meanDraws > 8 && meanDraws < 40, "mean draws \(meanDraws)")
}

/// Morgan and Rubin's M = n p (1 - p) (x̄₁ - x̄₀)ᵀ S⁻¹ (x̄₁ - x̄₀) for two covariates, S the sample
/// covariance (divisor n - 1), written out directly.
private func morganRubinDistance(_ x: [Double], _ y: [Double], _ arms: [Int32]) -> Double {
    let n = Double(x.count)
    func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    let mx = mean(x), my = mean(y)
    var sxx = 0.0, syy = 0.0, sxy = 0.0
    for i in x.indices {
        sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); sxy += (x[i] - mx) * (y[i] - my)
    }
    sxx /= n - 1; syy /= n - 1; sxy /= n - 1
    let treated = arms.indices.filter { arms[$0] == 1 }, control = arms.indices.filter { arms[$0] == 0 }
    let dx = mean(treated.map { x[$0] }) - mean(control.map { x[$0] })
    let dy = mean(treated.map { y[$0] }) - mean(control.map { y[$0] })
    let determinant = sxx * syy - sxy * sxy
    let quadratic = (syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy) / determinant
    let p = Double(treated.count) / n
    return n * p * (1 - p) * quadratic
}
