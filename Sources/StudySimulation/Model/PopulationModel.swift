/// How the simulated population of nominals is made: a latent propensity to be drawn into
/// serious and organised crime, pathway risk factors that each become more likely as the
/// propensity rises (so they co-occur), ages weighted to the 13-15 key risk group, and homes near
/// the towns, in crime clusters more often for higher propensities.
public struct PopulationModel: Sendable, Hashable {
    /// A yes/no pathway risk factor: present with probability logistic(intercept + slope × z)
    /// for propensity z, and not recorded for a share of people.
    public struct Factor: Sendable, Hashable {
        /// The column name in `population.csv` and `cohort.csv`.
        public var column: String
        /// The log odds at propensity 0.
        public var intercept: Double
        /// The log odds ratio per unit of propensity.
        public var slope: Double
        /// The share of people for whom the factor is not recorded (a blank cell).
        public var missingShare: Double
    }

    /// The factors, in column order.
    public var factors: [Factor]
    /// Relative weights of each age from ``youngestAge``.
    public var ageWeights: [Double]
    /// The youngest age drawn.
    public var youngestAge: Int
    /// The share of men and boys.
    public var maleShare: Double
    /// The share of people without a recorded home location.
    public var homeMissingShare: Double
    /// The probability that a home lies in one of the town's crime clusters is
    /// clusterHomeBase + clusterHomeRange × logistic(2 (z − 1)).
    public var clusterHomeBase: Double
    /// See ``clusterHomeBase``.
    public var clusterHomeRange: Double

    /// The bundled study's population: five factors (OCG link, low attainment or exclusion,
    /// violence at home, impulsive or violent behaviour, specialist access), ages 9 to 27 with a
    /// peak at 13-15 (about 2% outside the eligible 10-25), 80% male, 2% without a home location.
    public static let standard = PopulationModel(
        factors: [
            Factor(column: "ocg_link", intercept: -2.2, slope: 1.2, missingShare: 0),
            Factor(column: "low_attainment_or_exclusion", intercept: -0.6, slope: 0.9, missingShare: 0),
            Factor(column: "violence_at_home", intercept: -1.6, slope: 0.9, missingShare: 0.03),
            Factor(column: "impulsive_or_violent", intercept: -1.2, slope: 1.0, missingShare: 0),
            Factor(column: "specialist_access", intercept: -2.9, slope: 0.9, missingShare: 0),
        ],
        ageWeights: [0.5, 2, 3, 5, 10, 11, 10, 8, 7, 6, 5, 4, 3, 3, 2, 2, 2, 0.6, 0.4],
        youngestAge: 9, maleShare: 0.8, homeMissingShare: 0.02, clusterHomeBase: 0.1, clusterHomeRange: 0.5
    )
}
