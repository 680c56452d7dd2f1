/// What a simulation wrote: where, how many of each thing, and the true effects.
public struct SimulationSummary: Sendable, Hashable {
    /// The counts of a simulated study.
    public struct Counts: Sendable, Hashable {
        /// Nominals in the population.
        public var people: Int
        /// Recorded crimes.
        public var crimes: Int
        /// Offences recorded before referral, across the population.
        public var priorOffences: Int
        /// People identified for the trial.
        public var cohort: Int
        /// Of the cohort, people who refused consent.
        public var refusedConsent: Int
        /// Of the cohort, people not eligible (refused consent or aged outside the rules).
        public var ineligible: Int
        /// Of the cohort, people allocated.
        public var allocated: Int
        /// Of those allocated, people lost to follow-up within the window.
        public var lostToFollowUp: Int
        /// Offence records of the cohort, before referral and after enrolment.
        public var offenceRecords: Int
    }

    /// The study folder.
    public var folder: String
    /// The counts.
    public var counts: Counts
    /// The true effects, as written to `truth.json`.
    public var truth: TrueEffects
}
