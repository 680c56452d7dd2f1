@testable import RiskScoring
import DataTables
import StudyProtocol
import Testing

@Suite("Risk-factor catalogue from the study file")
struct CatalogueReadingTests {
    static let head = """
        study: s
        arms: [{name: control}, {name: police}]
        randomisation: {scheme: simple}

        """

    static func catalogue(_ section: String) throws -> RiskCatalogue {
        let study = try StudyProtocol(yaml: head + section, file: "/studies/s/study.yaml")
        return try RiskCatalogue(protocol: study, studyFile: "/studies/s/study.yaml")
    }

    static func problems(_ section: String) -> [String] {
        do {
            _ = try catalogue(section)
            return []
        } catch let error as StudyProtocolError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aStudyWithoutTheSectionGetsTheProfileFactors() throws {
        let catalogue = try Self.catalogue("")
        #expect(catalogue == .profile)
        #expect(catalogue.factors.map(\.id) == ["ocg_link", "ocg_neighbourhood", "low_attainment_or_exclusion",
                                                "violence_at_home", "impulsive_or_violent", "repeat_offending"])
        #expect(catalogue.domains == [.criminality, .identity, .networks])
        #expect(catalogue.bands.names == ["low", "medium", "high"])
    }

    @Test func readsEveryKindOfRule() throws {
        let catalogue = try Self.catalogue("""
            risk_factors:
              id: pid
              home: {easting: e, northing: n}
              hotspots: {crimes: crimes.csv, x: ex, y: ny, type: kind, cell: 100, fdr: 0.1}
              offences: {file: /data/off.csv, id: pid, date: day, as_of: 2024-05-01}
              yardstick: profile
              factors:
                - {id: a, domain: networks, column: a_flag, weight: 2.5, label: "A flag"}
                - {id: b, domain: identity, column: score, below: 40}
                - {id: c, domain: criminality, offences: {within_days: 365, at_least: 2}, weight: 3}
                - {id: d, domain: identity, spatial: {inside: hotspot, types: [drugs]}}
                - {id: e, domain: identity, spatial: {inside: intersection, types: [drugs, guns]}}
                - {id: f, domain: identity, spatial: {gi_z_above: 1.96, type: drugs}}
                - {id: g, domain: ability, spatial: {density_percentile_above: 90, type: guns}}
              bands: [{name: low, from: 0}, {name: high, from: 5.5}]
            """)
        #expect(catalogue.idColumn == "pid")
        #expect(catalogue.home == HomeLocationColumns(easting: "e", northing: "n"))
        #expect(catalogue.hotspots == HotspotLayerSettings(crimesFile: "/studies/s/crimes.csv", xColumn: "ex", yColumn: "ny",
                                                             typeColumn: "kind", cellSize: 100, falseDiscoveryRate: 0.1))
        #expect(catalogue.offences == OffenceRecordSettings(file: "/data/off.csv", idColumn: "pid", dateColumn: "day",
                                                              reference: .fixed(CalendarDate("2024-05-01")!)))
        #expect(catalogue.yardstick == .profile)
        #expect(catalogue.factors.map(\.rule) == [
            .flag(column: "a_flag"), .threshold(column: "score", comparison: .below, value: 40),
            .priorOffences(withinDays: 365, atLeast: 2), .spatial(.insideHotspot(types: ["drugs"])),
            .spatial(.insideIntersection(types: ["drugs", "guns"])), .spatial(.giZScoreAbove(type: "drugs", value: 1.96)),
            .spatial(.densityPercentileAbove(type: "guns", value: 90)),
        ])
        #expect(catalogue.factors.map(\.weight) == [2.5, 1, 3, 1, 1, 1, 1])
        #expect(catalogue.factors[0].label == "A flag")
        #expect(catalogue.bands.bands == [.init(name: "low", from: 0), .init(name: "high", from: 5.5)])
        #expect(catalogue.domains == [.criminality, .identity, .networks, .ability])
    }

    @Test func everyProblemIsReportedAtOnceWithItsKeyPath() {
        let problems = Self.problems("""
            risk_factors:
              yardstick: ruler
              factors:
                - {id: a, domain: networks, column: a, weight: heavy}
                - {id: b, domain: family, column: b}
                - {id: c, domain: identity}
                - {id: d, domain: identity, column: d, spatial: {inside: hotspot}}
                - {id: a, domain: identity, column: e}
                - {id: f, domain: identity, column: f, below: low}
                - {id: g, domain: identity, spatial: {inside: street}}
                - {id: h, domain: identity, colour: red, column: h}
              bands:
                - {name: low, from: 0}
                - {name: high, from: 6}
                - {name: medium, from: 3}
            """)
        #expect(problems == [
            "risk_factors.yardstick: 'ruler' is not a yardstick (expected one of: phia, profile)",
            "risk_factors.factors[0].weight: 'heavy' is not a number",
            "risk_factors.factors[1].domain: 'family' is not a domain (expected one of: criminality, identity, networks, ability)",
            "risk_factors.factors[2]: missing how the factor is read: give column, offences or spatial",
            "risk_factors.factors[3]: give one of column, offences or spatial, not column and spatial",
            "risk_factors.factors[5].below: 'low' is not a number",
            "risk_factors.factors[6].spatial.inside: 'street' is not hotspot or intersection",
            "risk_factors.factors[7].colour: unknown key 'colour' (expected one of: id, domain, weight, label, column, offences, spatial, at_least, above, at_most, below)",
            "risk_factors.bands[2].from: cut-offs must increase: 3 is not above the previous band's 6",
        ])
    }

    @Test func aDuplicateFactorIdIsReported() {
        #expect(Self.problems("""
            risk_factors:
              factors:
                - {id: a, domain: networks, column: a}
                - {id: a, domain: identity, column: e}
              bands: [{name: low, from: 0}]
            """) == ["risk_factors.factors[1].id: 'a' is used by another factor"])
    }

    @Test(arguments: [
        ("[{name: low, from: 1}]", "risk_factors.bands[0].from: the first band must start at 0 so that every score has a band, not 1"),
        ("[{name: low, from: 0}, {name: high, from: 0}]", "risk_factors.bands[1].from: cut-offs must increase: 0 is not above the previous band's 0"),
        ("[{name: low, from: 0}, {name: low, from: 2}]", "risk_factors.bands[1].name: 'low' is used by another band"),
        ("[{name: low, from: zero}]", "risk_factors.bands[0].from: 'zero' is not a number"),
        ("[]", "risk_factors.bands: list at least one band"),
    ])
    func badBands(_ bands: String, _ problem: String) {
        #expect(Self.problems("""
            risk_factors:
              factors: [{id: a, domain: networks, column: a}]
              bands: \(bands)
            """) == [problem])
    }

    @Test(arguments: [
        ("weight: -1", "risk_factors.factors[0].weight: -1 is not a positive weight"),
        ("weight: 0", "risk_factors.factors[0].weight: 0 is not a positive weight"),
        ("weight: .nan", "risk_factors.factors[0].weight: '.nan' is not a number"),
        ("weight: [1, 2]", "risk_factors.factors[0].weight: expected a single value"),
    ])
    func weightsArePositiveNumbers(_ weight: String, _ problem: String) {
        #expect(Self.problems("""
            risk_factors:
              factors: [{id: a, domain: networks, column: a, \(weight)}]
              bands: [{name: low, from: 0}]
            """) == [problem])
    }

    @Test func ownFactorsNeedOwnBandsAndOffenceFactorsNeedRecords() {
        #expect(Self.problems("""
            risk_factors:
              factors: [{id: a, domain: criminality, offences: {within_days: 30}}]
            """) == [
                "risk_factors.bands: missing: a study that lists its own factors sets its own band cut-offs, e.g. '- {name: low, from: 0}'",
                "risk_factors.offences: missing: a factor counts prior offences, so name the offence records file",
            ])
    }
}
