/// How a study randomises people to its arms: the `randomisation:` section of a study file.
public struct RandomisationSettings: Sendable, Equatable {
    /// The allocation scheme (`scheme:`).
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        /// Each person independently, with probability proportional to the arms' ratios.
        case simple
        /// Exact arm counts for a fixed number of people (`size:`, or the cohort's size).
        case complete
        /// Permuted blocks of randomly chosen sizes, one sequence for everyone.
        case blocks
        /// Permuted blocks of randomly chosen sizes within each stratum.
        case stratifiedBlocks = "stratified-blocks"
        /// Whole clusters (families, networks) to arms, completely or in permuted blocks within strata.
        case cluster
        /// Pocock-Simon minimisation on baseline factors.
        case minimisation
        /// Complete randomisation redrawn until the arms balance on covariates (Morgan and Rubin).
        case rerandomisation
    }

    /// The allocation scheme.
    public var scheme: Scheme

    /// The baseline fields whose combination of values defines a stratum (`strata:`).
    public var strata: [String]

    /// The block sizes to choose from at random for each block (`block_sizes:`), each a multiple
    /// of the ratio total.
    public var blockSizes: [Int]

    /// The seed of the allocation sequence (`seed:`), if the file gives one. A register derives
    /// its seed from the study secret instead, so that the sequence stays concealed.
    public var seed: UInt64?

    /// The planned number of units (`size:`): people for `complete`, clusters for `cluster`
    /// without blocks. Needed to enrol one at a time under these schemes; a batch allocation
    /// without it uses the cohort's size.
    public var size: Int?

    /// The column naming each person's cluster (`cluster:`), for the `cluster` scheme.
    public var clusterField: String?

    /// The minimisation settings (`minimisation:`), for the `minimisation` scheme.
    public var minimisation: MinimisationSettings?

    /// The rerandomisation settings (`rerandomisation:`), for the `rerandomisation` scheme.
    public var rerandomisation: RerandomisationSettings?

    /// Creates settings; the YAML loader checks that they fit together.
    public init(
        scheme: Scheme,
        strata: [String] = [],
        blockSizes: [Int] = [],
        seed: UInt64? = nil,
        size: Int? = nil,
        clusterField: String? = nil,
        minimisation: MinimisationSettings? = nil,
        rerandomisation: RerandomisationSettings? = nil
    ) {
        self.scheme = scheme
        self.strata = strata
        self.blockSizes = blockSizes
        self.seed = seed
        self.size = size
        self.clusterField = clusterField
        self.minimisation = minimisation
        self.rerandomisation = rerandomisation
    }
}

/// Pocock-Simon minimisation settings: the `randomisation.minimisation` section.
///
/// ```yaml
/// minimisation:
///   factors: [risk_band, area]
///   weights: [2, 1]          # default: 1 for every factor
///   probability: 0.8         # of the preferred arm; default 0.8
///   imbalance: range         # range | variance; default range
/// ```
public struct MinimisationSettings: Sendable, Equatable {
    /// How the imbalance of one factor level across the arms is measured.
    public enum ImbalanceMeasure: String, Sendable, Hashable, CaseIterable {
        /// The largest minus the smallest ratio-adjusted count.
        case range
        /// The variance (divisor K - 1) of the ratio-adjusted counts.
        case variance
    }

    /// The categorical baseline fields balanced on.
    public var factors: [String]

    /// One positive weight per factor.
    public var weights: [Double]

    /// The probability of allocating to the preferred (least imbalancing) arm, in (0, 1].
    public var probability: Double

    /// The imbalance measure.
    public var imbalance: ImbalanceMeasure

    /// Creates settings.
    public init(factors: [String], weights: [Double]? = nil, probability: Double = 0.8, imbalance: ImbalanceMeasure = .range) {
        self.factors = factors
        self.weights = weights ?? Array(repeating: 1, count: factors.count)
        self.probability = probability
        self.imbalance = imbalance
    }
}

/// Rerandomisation settings: the `randomisation.rerandomisation` section.
///
/// ```yaml
/// rerandomisation:
///   covariates: [age, prior_offences]
///   acceptance_probability: 0.1     # or: mahalanobis_threshold: 2.5
///   max_draws: 100000               # default 100000
/// ```
public struct RerandomisationSettings: Sendable, Equatable {
    /// The balance criterion on the Mahalanobis distance between the arms' covariate means.
    public enum Criterion: Sendable, Equatable {
        /// Accept a draw whose distance is at most this threshold.
        case mahalanobisThreshold(Double)
        /// Accept the given fraction of complete randomisations: the threshold is the chi-square
        /// quantile at this probability with (arms - 1) x covariates degrees of freedom.
        case acceptanceProbability(Double)
    }

    /// The numeric baseline fields balanced on.
    public var covariates: [String]

    /// The criterion.
    public var criterion: Criterion

    /// The most draws tried before giving up with an error.
    public var maximumDraws: Int

    /// Creates settings.
    public init(covariates: [String], criterion: Criterion, maximumDraws: Int = 100_000) {
        self.covariates = covariates
        self.criterion = criterion
        self.maximumDraws = maximumDraws
    }
}
