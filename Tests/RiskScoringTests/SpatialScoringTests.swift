import DataTables
@testable import RiskScoring
import Spatial
import Testing

@Suite("Hotspot context in risk scores")
struct SpatialScoringTests {
    static let crimes = FixturePaths.path("spatial/crimes.csv")
    static let cohortFile = FixturePaths.path("spatial/cohort.csv")

    static let settings = HotspotLayerSettings(crimesFile: crimes, xColumn: "easting", yColumn: "northing", typeColumn: "crime_type")

    static let catalogue = RiskCatalogue(factors: [
        RiskFactor(id: "in_hotspot", domain: .identity, rule: .spatial(.insideHotspot(types: []))),
        RiskFactor(id: "in_drug_hotspot", domain: .identity, rule: .spatial(.insideHotspot(types: ["drug_supply"]))),
        RiskFactor(id: "in_intersection", domain: .identity, rule: .spatial(.insideIntersection(types: ["drug_supply", "firearms"])), weight: 2),
        RiskFactor(id: "hot_cell", domain: .identity, rule: .spatial(.giZScoreAbove(type: "drug_supply", value: 1.96))),
        RiskFactor(id: "dense", domain: .identity, rule: .spatial(.densityPercentileAbove(type: "firearms", value: 90))),
        RiskFactor(id: "ocg_link", domain: .networks, rule: .flag(column: "ocg_link"), weight: 3),
    ], bands: RiskCatalogue.profileBands, home: HomeLocationColumns(), hotspots: settings)

    @Test func readingsAgreeWithTheSpatialModulesHotspotContext() throws {
        let map = try Self.settings.hotspotMap()
        #expect(!map.hotspots.isEmpty && !map.intersections.isEmpty)
        let cohort = try DataTable(csvFile: Self.cohortFile, options: CSVReadOptions(columnTypes: ["home_easting": .numeric]))
        let scores = try RiskScorer(catalogue: Self.catalogue, hotspots: map).score(cohort, file: "cohort.csv")
        let x = try cohort.numeric("home_easting").values, y = try cohort.numeric("home_northing").values
        let located = x.indices.filter { !x[$0].isNaN && !y[$0].isNaN }
        let contexts = map.context(for: located.map { Point(x: x[$0], y: y[$0]) })
        let drugs = map.types.firstIndex(of: "drug_supply")!, guns = map.types.firstIndex(of: "firearms")!
        var fired = [0, 0, 0, 0, 0]
        for (k, person) in located.enumerated() {
            let context = contexts[k]
            let inBoth = context.intersections.contains { Set(map.intersections[$0].crimeTypes).isSuperset(of: ["drug_supply", "firearms"]) }
            var expected: [FactorReading] = [context.isInHotspot ? .present : .absent,
                                             context.hotspotTypes.contains("drug_supply") ? .present : .absent,
                                             inBoth ? .present : .absent]
            let z = context.crimeTypes[drugs].giZScore, percentile = context.crimeTypes[guns].densityPercentile
            expected.append(z.map { $0.isNaN ? .notAssessed : $0 > 1.96 ? .present : .absent } ?? .notAssessed)
            expected.append(percentile.map { $0 > 90 ? .present : .absent } ?? .notAssessed)
            for f in 0 ..< 5 {
                #expect(scores.readings[f][person] == expected[f], "person \(person), factor \(Self.catalogue.factors[f].id)")
                if expected[f] == .present { fired[f] += 1 }
            }
        }
        // The comparison means something only if every rule fires for somebody.
        #expect(fired.allSatisfy { $0 > 0 }, "\(fired)")
    }

    @Test func peopleWithoutAHomeAreReportedAndNotScoredAsZero() throws {
        let map = try Self.settings.hotspotMap()
        let cohort = try DataTable(csvFile: Self.cohortFile)
        let scores = try RiskScorer(catalogue: Self.catalogue, hotspots: map).score(cohort, file: "cohort.csv")
        let x = try cohort.numeric("home_easting").values
        let withoutHome = x.indices.filter { x[$0].isNaN }
        #expect(!withoutHome.isEmpty)
        #expect(scores.peopleWithoutHome == withoutHome)
        for person in withoutHome {
            #expect(scores.factorsNotAssessed(for: person) == ["in_hotspot", "in_drug_hotspot", "in_intersection", "hot_cell", "dense"])
            #expect(scores.readings[5][person] != .notAssessed)
            #expect(scores.confidence(for: person) == .low)
        }
    }

    @Test func aHomeWithOneCoordinateBlankHasNoHome() throws {
        let cohort = try DataTable(csvBytes: Array("id,home_easting,home_northing,ocg_link\nA,404000,285000,yes\nB,404000,,no\nC,,,no\n".utf8),
                                   options: CSVReadOptions(columnTypes: ["home_easting": .numeric, "home_northing": .numeric]))
        let scores = try RiskScorer(catalogue: Self.catalogue, hotspots: try Self.settings.hotspotMap()).score(cohort, file: "c.csv")
        #expect(scores.peopleWithoutHome == [1, 2])
    }

    @Test func aNonFiniteCoordinateNamesItsLineAndColumn() throws {
        let cohort = try DataTable(csvBytes: Array("id,home_easting,home_northing,ocg_link\nA,404000,285000,yes\nB,Inf,285000,no\n".utf8))
        #expect(throws: RiskInputError(file: "c.csv", line: 3, column: (2, "home_easting"), message: "the coordinate is not finite")) {
            try RiskScorer(catalogue: Self.catalogue, hotspots: try Self.settings.hotspotMap()).score(cohort, file: "c.csv")
        }
    }

    @Test func spatialRulesNeedLayersAndKnownCrimeTypes() throws {
        let cohort = try DataTable(csvFile: Self.cohortFile)
        #expect {
            try RiskScorer(catalogue: Self.catalogue).score(cohort, file: "cohort.csv")
        } throws: { "\($0)".contains("factor in_hotspot reads home locations against hotspot layers: give risk_factors.hotspots in the study, or --hotspots") }
        let unknown = RiskCatalogue(factors: [RiskFactor(id: "x", domain: .identity, rule: .spatial(.giZScoreAbove(type: "arson", value: 2)))],
                                    bands: RiskCatalogue.profileBands, hotspots: Self.settings)
        #expect {
            try RiskScorer(catalogue: unknown, hotspots: try Self.settings.hotspotMap()).score(cohort, file: "cohort.csv")
        } throws: { "\($0)" == "cohort.csv: factor x names crime type 'arson', which the hotspot layers do not have (they have: acquisitive, drug_supply, firearms)" }
    }
}
