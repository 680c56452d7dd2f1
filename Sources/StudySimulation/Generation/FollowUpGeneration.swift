import DataTables
import Randomisation

extension StudySimulator {
    /// Each cohort member's offences from enrolment onwards.
    ///
    /// Allocated people offend at their follow-up rate times their arm's rate ratio until they are
    /// lost to follow-up, or until 90 days (``EnrolmentModel/recordsAfterFollowUpDays``) after
    /// the window ends; people who were not allocated get no intervention and offend as control
    /// does. Each person draws from numbered sub-stream `person index` of `follow-up`, so their
    /// draws depend on nobody else's.
    ///
    /// - Parameters:
    ///   - people: the population.
    ///   - members: the cohort in arrival order.
    ///   - arms: each member's arm, or `nil` when not allocated.
    /// - Returns: one list of offences per member, in time order.
    public func followUpOffences(people: [SimulatedPerson], members: [CohortMember], arms: [String?]) -> [[SimulatedOffence]] {
        precondition(arms.count == members.count, "one arm (or none) per member")
        let streamSeed = Xoshiro256StarStar.streamSeed(seed: settings.seed, stream: StreamLabel("follow-up"))
        let fullWindow = enrolment.followUpDays + enrolment.recordsAfterFollowUpDays
        return zip(members, arms).map { member, arm in
            let person = people[member.person]
            let ratio = offences.rateRatio(arm: arm ?? Self.armNames[0])
            let window = arm == nil ? fullWindow : member.lostAfterDays ?? fullWindow
            let rate = offences.priorDailyRate(propensity: person.propensity, frailty: person.frailty) * offences.followUpRateFactor * ratio
            var generator = Xoshiro256StarStar(streamSeed: streamSeed, index: UInt64(member.person))
            return offences.offences(dailyRate: rate, origin: member.enrolmentDate, days: window, using: &generator)
        }
    }

    /// The true effects for the analysed members (see ``TrueEffects``).
    ///
    /// - Parameters:
    ///   - people: the population.
    ///   - analysed: the analysed cohort members.
    ///   - armNames: the arms, control first.
    ///   - armShares: each arm's allocation share.
    public func trueEffects(people: [SimulatedPerson], analysed: [CohortMember], armNames: [String], armShares: [Double]) -> TrueEffects {
        TrueEffects(
            countedRates: analysed.map { offences.countedFollowUpDailyRate(propensity: people[$0.person].propensity, frailty: people[$0.person].frailty) },
            followUpDays: analysed.map { $0.lostAfterDays ?? enrolment.followUpDays },
            armNames: armNames, armShares: armShares, rateRatios: armNames.map { offences.rateRatio(arm: $0) },
            meanCountedHarm: offences.meanCountedHarm(weights: HarmWeightsExample.days))
    }
}
