import DataTables
import Randomisation

/// One member of the identified cohort, in arrival order.
public struct CohortMember: Sendable, Hashable {
    /// The person's index in the population.
    public var person: Int
    /// The risk score from the study's catalogue.
    public var score: Double
    /// The risk band's name.
    public var band: String
    /// The day the person was assessed and enrolled; allocation happens the same day.
    public var enrolmentDate: CalendarDate
    /// Whether the person gave consent.
    public var consent: Bool
    /// Days from allocation to loss to follow-up (within the window), or `nil` when followed up.
    public var lostAfterDays: Int?
}

extension EnrolmentModel {
    /// The highest-scoring `count` people in arrival order, with their enrolment dates, consent and
    /// loss to follow-up.
    ///
    /// The cohort is the first `count` people when the population is ordered by score (highest
    /// first), then by referral date (earliest first), then by identifier: ties in the score go
    /// to the person referred first. Each is given a working day of the enrolment period at random;
    /// people enrolled on the same day arrive in a random order.
    ///
    /// - Parameters:
    ///   - people: the population.
    ///   - scores: each person's risk score, in population order.
    ///   - bands: each person's band name, in population order.
    ///   - count: the cohort size (at most the population's).
    ///   - seed: the study's seed; the streams are `enrolment` (dates and order) and, for each
    ///     person, numbered sub-stream `person index` of `consent-and-loss`.
    public func cohort(of people: [SimulatedPerson], scores: [Double], bands: [String], count: Int, seed: UInt64) -> [CohortMember] {
        precondition(count <= people.count && scores.count == people.count, "a score per person and a cohort no larger than the population")
        let ranked = people.indices.sorted { a, b in
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            if people[a].referralDate != people[b].referralDate { return people[a].referralDate < people[b].referralDate }
            return people[a].id < people[b].id
        }.prefix(count)
        var dates = Xoshiro256StarStar(seed: seed, stream: StreamLabel("enrolment"))
        let days = workingDays
        var arrivals = ranked.map { (person: $0, day: days[dates.uniform(below: days.count)], key: dates.next()) }
        arrivals.sort { $0.day != $1.day ? $0.day < $1.day : $0.key < $1.key }
        let lossSeed = Xoshiro256StarStar.streamSeed(seed: seed, stream: StreamLabel("consent-and-loss"))
        return arrivals.map { arrival in
            var generator = Xoshiro256StarStar(streamSeed: lossSeed, index: UInt64(arrival.person))
            let consent = !generator.bernoulli(consentRefusedShare)
            let lost = generator.bernoulli(lostShare) ? 14 + generator.uniform(below: followUpDays - 14) : nil
            return CohortMember(person: arrival.person, score: scores[arrival.person], band: bands[arrival.person],
                                enrolmentDate: arrival.day, consent: consent, lostAfterDays: lost)
        }
    }
}
