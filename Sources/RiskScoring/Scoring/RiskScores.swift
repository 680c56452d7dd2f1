import DataTables

/// The risk scores of a cohort: for each person, every factor's reading, the domain sub-scores,
/// the weighted score and band, and (once a model has been fitted) a probability in the
/// yardstick's words with a confidence rating.
///
/// Every point of a score is traceable to a factor: the score is the sum of the weights of the
/// factors present, and each domain's sub-score the same sum over that domain's factors.
/// Factors not assessed add nothing, so a score with factors not assessed is a lower bound; the
/// confidence rating says so.
public struct RiskScores: Sendable {
    /// The catalogue scored against.
    public let catalogue: RiskCatalogue
    /// The pseudonymous identifiers, one per person in cohort order.
    public let ids: CategoricalColumn
    /// Each factor's readings, in catalogue order, one per person.
    public let readings: [[FactorReading]]
    /// The weighted scores.
    public let scores: [Double]
    /// The sub-scores of each domain of ``RiskCatalogue/domains``, in that order.
    public let domainScores: [[Double]]
    /// Each person's band, an index into the catalogue's bands.
    public let bandIndices: [Int]
    /// Each person's share of the catalogue's total weight that could be assessed.
    public let assessedShares: [Double]
    /// The rows (0-based, cohort order) of people without a home location, when any factor
    /// reads one: they are scored without the spatial factors.
    public let peopleWithoutHome: [Int]
    /// The rows of people whose home lies outside the hotspot grid: cell rules are not assessed
    /// for them.
    public let peopleOutsideGrid: [Int]
    /// Predicted probabilities from a fitted model, one per person, or `nil`.
    public private(set) var probabilities: [Double]?
    /// The model's confidence rating, or `nil` without a model.
    public private(set) var modelConfidence: AnalyticalConfidence?

    init(catalogue: RiskCatalogue, ids: CategoricalColumn, readings: [[FactorReading]], scores: [Double],
         domainScores: [[Double]], bandIndices: [Int], assessedShares: [Double], peopleWithoutHome: [Int],
         peopleOutsideGrid: [Int]) {
        self.catalogue = catalogue
        self.ids = ids
        self.readings = readings
        self.scores = scores
        self.domainScores = domainScores
        self.bandIndices = bandIndices
        self.assessedShares = assessedShares
        self.peopleWithoutHome = peopleWithoutHome
        self.peopleOutsideGrid = peopleOutsideGrid
    }

    /// The number of people.
    public var count: Int { scores.count }

    /// Attaches a fitted model's predicted probabilities.
    ///
    /// - Parameters:
    ///   - probabilities: one probability in [0, 1] per person, NaN for a person the model
    ///     cannot predict (a factor not assessed).
    ///   - confidence: the model's rating (see ``AnalyticalConfidence/model(aucLowerLimit:)``).
    /// - Precondition: one probability per person, each in [0, 1] or NaN.
    public mutating func attach(probabilities: [Double], confidence: AnalyticalConfidence) {
        precondition(probabilities.count == count, "one probability per person")
        precondition(probabilities.allSatisfy { $0.isNaN || ($0 >= 0 && $0 <= 1) }, "probabilities lie in [0, 1]")
        self.probabilities = probabilities
        modelConfidence = confidence
    }

    /// A person's identifier.
    public func id(of person: Int) -> String { ids[person] ?? "" }

    /// A person's band name.
    public func band(of person: Int) -> String { catalogue.bands.bands[bandIndices[person]].name }

    /// The identifiers of the factors present for a person, in catalogue order.
    public func factorsPresent(for person: Int) -> [String] {
        catalogue.factors.indices.filter { readings[$0][person] == .present }.map { catalogue.factors[$0].id }
    }

    /// The identifiers of the factors not assessed for a person, in catalogue order.
    public func factorsNotAssessed(for person: Int) -> [String] {
        catalogue.factors.indices.filter { readings[$0][person] == .notAssessed }.map { catalogue.factors[$0].id }
    }

    /// A person's probability in the catalogue's yardstick words, or `nil` without a model or
    /// a probability for the person.
    public func yardstickReading(for person: Int, yardstick: ProbabilityYardstick? = nil) -> YardstickReading? {
        guard let p = probabilities?[person], !p.isNaN else { return nil }
        return (yardstick ?? catalogue.yardstick).reading(for: p)
    }

    /// A person's confidence rating: the lower of the data's and, with a model, the model's.
    public func confidence(for person: Int) -> AnalyticalConfidence {
        let data = AnalyticalConfidence.data(assessedShare: assessedShares[person])
        return modelConfidence.map { min($0, data) } ?? data
    }
}
