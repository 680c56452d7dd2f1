/// What `prevent simulate` is asked for: the seed and the sizes of the population and cohort.
public struct SimulationSettings: Sendable, Hashable {
    /// The seed every random stream of the study derives from; it is also the study's
    /// randomisation seed.
    public var seed: UInt64
    /// The number of nominals in the population that is scored.
    public var people: Int
    /// The number of highest-risk people identified for the trial.
    public var cohort: Int

    /// The bundled study's seed.
    public static let defaultSeed: UInt64 = 20_261_121

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - seed: default 20261121, the bundled study's.
    ///   - people: default 4,000; at least the cohort.
    ///   - cohort: default 800; at least 1.
    public init(seed: UInt64 = SimulationSettings.defaultSeed, people: Int = 4_000, cohort: Int = 800) {
        self.seed = seed
        self.people = people
        self.cohort = cohort
    }

    /// Checks the sizes.
    ///
    /// - Throws: ``SimulationError`` for a size that is not positive or a cohort larger than the
    ///   population.
    public func validate() throws {
        guard people >= 1 else { throw SimulationError.notPositive(setting: "people", value: people) }
        guard cohort >= 1 else { throw SimulationError.notPositive(setting: "cohort", value: cohort) }
        guard cohort <= people else { throw SimulationError.cohortLargerThanPopulation(cohort: cohort, people: people) }
    }
}
