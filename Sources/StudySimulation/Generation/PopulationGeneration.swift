import DataTables
import Foundation
import Randomisation
import Spatial

/// One simulated nominal: what the records say about them, and the latent traits that drive
/// their offending, which only the simulation knows.
public struct SimulatedPerson: Sendable, Hashable {
    /// The pseudonymous identifier.
    public var id: String
    /// The latent propensity z (standard normal in the population).
    public var propensity: Double
    /// The lifelong gamma frailty of the offending rate (mean 1).
    public var frailty: Double
    /// Age in years at referral.
    public var age: Int
    /// `male` or `female`.
    public var sex: String
    /// The index of the town the person lives in.
    public var town: Int
    /// The home location (British National Grid metres, to 0.1 m), or `nil` when not recorded.
    public var home: Point?
    /// Each factor of the population model: present, absent or not recorded (`nil`).
    public var factors: [Bool?]
    /// The day the person was referred to the Prevent team.
    public var referralDate: CalendarDate
    /// Offences recorded before referral, latest first.
    public var priorOffences: [SimulatedOffence]

    /// Prior offences in the `days` days before referral.
    public func priorOffenceCount(withinDays days: Int) -> Int {
        priorOffences.filter { $0.date.dayNumber >= referralDate.dayNumber - days }.count
    }
}

extension PopulationModel {
    /// The population of `count` nominals, each drawn from a numbered sub-stream of `stream` so
    /// that the first people stay the same when more are asked for.
    ///
    /// - Parameters:
    ///   - count: the number of people.
    ///   - idPrefix: the identifiers' prefix; numbers follow with at least four digits.
    ///   - area: the force area the homes lie in.
    ///   - offences: the offence model for prior offences.
    ///   - referralYear: the first of the 365 days referrals fall in.
    ///   - seed, stream: the random streams.
    public func people(count: Int, idPrefix: String, area: ForceArea, offences: OffenceModel, referralYear: CalendarDate,
                       seed: UInt64, stream: StreamLabel) -> [SimulatedPerson] {
        let digits = max(4, String(count).count)
        let streamSeed = Xoshiro256StarStar.streamSeed(seed: seed, stream: stream)
        let townWeights = area.towns.map(\.populationShare)
        return (0 ..< count).map { index in
            var generator = Xoshiro256StarStar(streamSeed: streamSeed, index: UInt64(index))
            let z = generator.standardNormal()
            let frailty = generator.gamma(shape: offences.frailtyShape, scale: 1 / offences.frailtyShape)
            let age = youngestAge + generator.index(weightedBy: ageWeights)
            let sex = generator.bernoulli(maleShare) ? "male" : "female"
            let town = generator.index(weightedBy: townWeights)
            let home = self.home(in: town, propensity: z, area: area, using: &generator)
            let factors: [Bool?] = self.factors.map { factor in
                let present = generator.bernoulli(logistic(factor.intercept + factor.slope * z))
                return generator.bernoulli(factor.missingShare) ? nil : present
            }
            let referral = referralYear.adding(days: generator.uniform(below: 365))
            let prior = offences.offences(dailyRate: offences.priorDailyRate(propensity: z, frailty: frailty), origin: referral,
                                          days: offences.priorYears * 365, backwards: true, using: &generator)
            let number = String(index + 1)
            let id = idPrefix + String(repeating: "0", count: max(0, digits - number.count)) + number
            return SimulatedPerson(id: id, propensity: z, frailty: frailty, age: age, sex: sex, town: town, home: home,
                                   factors: factors, referralDate: referral, priorOffences: prior)
        }
    }

    /// A home in `town`: missing for a few, in one of the town's crime clusters more often for a
    /// higher propensity, otherwise around the town centre.
    private func home(in town: Int, propensity z: Double, area: ForceArea, using generator: inout some RandomNumberGenerator) -> Point? {
        let missing = generator.bernoulli(homeMissingShare)
        let clusters = area.crimeCentres.filter { $0.town == town }
        let inCluster = generator.bernoulli(clusterHomeBase + clusterHomeRange * logistic(2 * (z - 1)))
        let point: Point
        if inCluster && !clusters.isEmpty {
            let cluster = clusters[generator.uniform(below: clusters.count)]
            point = area.point(around: cluster.centre, spread: 1.2 * cluster.spread, using: &generator)
        } else {
            let centre = area.towns[town]
            point = area.point(around: centre.centre, spread: 0.45 * centre.radius, using: &generator)
        }
        return missing ? nil : point.roundedToDecimetre
    }
}
