import DataTables
import Spatial

/// Scores a cohort on a risk-factor catalogue, reading spatial factors from the hotspot layers
/// and prior offences from the offence records.
///
/// ```swift
/// let study = try StudyProtocol(contentsOfFile: "study.yaml")
/// let catalogue = try RiskCatalogue(protocol: study, studyFile: "study.yaml")
/// let scorer = RiskScorer(catalogue: catalogue, hotspots: try catalogue.hotspots?.hotspotMap())
/// let scores = try scorer.score(try DataTable(csvFile: "cohort.csv"), file: "cohort.csv")
/// ```
public struct RiskScorer: Sendable {
    /// The catalogue.
    public let catalogue: RiskCatalogue
    /// The hotspot layers homes are set against; needed when a factor has a spatial rule.
    public let hotspots: HotspotMap?
    /// The offence records; needed when a factor counts prior offences.
    public let offences: OffenceRecords?

    /// Creates a scorer.
    public init(catalogue: RiskCatalogue, hotspots: HotspotMap? = nil, offences: OffenceRecords? = nil) {
        self.catalogue = catalogue
        self.hotspots = hotspots
        self.offences = offences
    }

    /// Scores every person of a cohort.
    ///
    /// People without a home location (either coordinate blank) are not assessed on the spatial
    /// factors, and listed in ``RiskScores/peopleWithoutHome``; they are never scored as if the
    /// factor were absent.
    ///
    /// - Parameters:
    ///   - cohort: one row per person, with the catalogue's identifier column.
    ///   - file: the name errors give the cohort.
    /// - Throws: ``RiskInputErrors`` listing every column the catalogue needs that is missing or
    ///   of the wrong kind, every hotspot crime type that does not exist and every missing data
    ///   source; ``RiskInputError`` for the first bad cell (a flag that is not yes or no, a
    ///   duplicate or missing identifier, a non-finite coordinate, a reference date that is not
    ///   a date), naming its line and column.
    /// - Complexity: O(n × f) for n people and f factors, plus O(n (log h + v)) for the polygon
    ///   overlays of spatial rules.
    public func score(_ cohort: DataTable, file: String) throws -> RiskScores {
        let inputs = try CohortInputs(cohort: cohort, file: file, catalogue: catalogue, hotspots: hotspots, offences: offences)
        let n = cohort.rowCount
        let spatial = try inputs.homes.map { try SpatialReadings(homes: $0, map: hotspots!) }
        var readings: [[FactorReading]] = []
        readings.reserveCapacity(catalogue.factors.count)
        for (index, factor) in catalogue.factors.enumerated() {
            switch factor.rule {
            case .flag:
                readings.append(try inputs.flag(for: index))
            case let .threshold(column, comparison, value):
                let values = try cohort.numeric(column).values
                readings.append(values.map { $0.isNaN ? .notAssessed : comparison.holds($0, value) ? .present : .absent })
            case let .priorOffences(days, atLeast):
                readings.append(try inputs.priorOffences(withinDays: days, atLeast: atLeast, records: offences!))
            case let .spatial(rule):
                readings.append(spatial!.readings(for: rule))
            }
        }
        let domains = catalogue.domains
        var scores = [Double](repeating: 0, count: n)
        var domainScores = [[Double]](repeating: [Double](repeating: 0, count: n), count: domains.count)
        var assessed = [Double](repeating: 0, count: n)
        for (index, factor) in catalogue.factors.enumerated() {
            let d = domains.firstIndex(of: factor.domain)!
            let weight = factor.weight
            readings[index].withUnsafeBufferPointer { reading in
                scores.withUnsafeMutableBufferPointer { scores in
                    domainScores[d].withUnsafeMutableBufferPointer { domain in
                        assessed.withUnsafeMutableBufferPointer { assessed in
                            for i in 0 ..< n {
                                let r = reading[i]
                                let points = r == .present ? weight : 0
                                scores[i] += points
                                domain[i] += points
                                assessed[i] += r == .notAssessed ? 0 : weight
                            }
                        }
                    }
                }
            }
        }
        let total = catalogue.maximumScore
        let bands = catalogue.bands
        return RiskScores(catalogue: catalogue, ids: inputs.ids, readings: readings, scores: scores,
                          domainScores: domainScores, bandIndices: scores.map { bands.index(of: $0) },
                          assessedShares: assessed.map { $0 / total },
                          peopleWithoutHome: spatial?.withoutHome ?? [], peopleOutsideGrid: spatial?.outsideGrid ?? [])
    }
}
