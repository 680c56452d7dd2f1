import DataTables
/// A study's risk-factor catalogue: its factors, its bands, and where the data they read comes
/// from, as set out in the study's `risk_factors:` section.
///
/// ```yaml
/// risk_factors:
///   id: id                                   # the pseudonymous identifier column (default id)
///   home: {easting: home_easting, northing: home_northing}   # British National Grid metres
///   hotspots: {crimes: crimes.csv, x: easting, y: northing, type: crime_type, cell: 250, fdr: 0.05}
///   offences: {file: offences.csv, id: id, date: offence_date, reference: referral_date}
///   yardstick: phia                          # or profile
///   factors:                                 # the profile's factors when left out
///     - {id: ocg_link, domain: networks, column: ocg_link, weight: 3}
///     - {id: low_attainment, domain: identity, column: attainment, below: 40, weight: 1}
///     - {id: repeat_offending, domain: criminality, offences: {within_days: 730, at_least: 3}, weight: 2}
///     - {id: drugs_and_firearms_area, domain: identity, spatial: {inside: intersection, types: [drug_supply, firearms]}, weight: 2}
///     - {id: drug_supply_hot_cell, domain: identity, spatial: {gi_z_above: 1.96, type: drug_supply}}
///   bands:
///     - {name: low, from: 0}
///     - {name: medium, from: 3}
///     - {name: high, from: 6}
/// ```
public struct RiskCatalogue: Sendable, Hashable {
    /// The factors, in the order outputs list them; identifiers are unique.
    public var factors: [RiskFactor]
    /// The risk bands.
    public var bands: RiskBands
    /// The pseudonymous identifier column of the cohort.
    public var idColumn: String
    /// The columns of each person's home location, if the study gives them.
    public var home: HomeLocationColumns?
    /// The hotspot layers homes are set against, if the study gives them.
    public var hotspots: HotspotLayerSettings?
    /// The offence records prior offences are counted from, if the study gives them.
    public var offences: OffenceRecordSettings?
    /// The yardstick probabilities are put into words with.
    public var yardstick: ProbabilityYardstick

    /// Creates a catalogue.
    ///
    /// - Precondition: at least one factor, identifiers unique.
    public init(factors: [RiskFactor], bands: RiskBands, idColumn: String = "id", home: HomeLocationColumns? = nil,
                hotspots: HotspotLayerSettings? = nil, offences: OffenceRecordSettings? = nil,
                yardstick: ProbabilityYardstick = .phia) {
        precondition(!factors.isEmpty, "a catalogue has at least one factor")
        precondition(Set(factors.map(\.id)).count == factors.count, "factor identifiers are unique")
        self.factors = factors
        self.bands = bands
        self.idColumn = idColumn
        self.home = home
        self.hotspots = hotspots
        self.offences = offences
        self.yardstick = yardstick
    }

    /// The domains that have at least one factor, in the profile's order: one sub-score each.
    public var domains: [RiskDomain] {
        RiskDomain.allCases.filter { domain in factors.contains { $0.domain == domain } }
    }

    /// The highest possible score: every factor firing.
    public var maximumScore: Double { factors.reduce(0) { $0 + $1.weight } }

    /// Whether any factor reads the home location.
    public var needsHotspots: Bool { factors.contains { if case .spatial = $0.rule { true } else { false } } }

    /// Whether any factor counts prior offences.
    public var needsOffences: Bool { factors.contains { if case .priorOffences = $0.rule { true } else { false } } }
}

/// The cohort columns that hold each person's home location, in British National Grid metres.
public struct HomeLocationColumns: Sendable, Hashable {
    /// The eastings column.
    public var easting: String
    /// The northings column.
    public var northing: String

    /// Creates the pair; default `home_easting` and `home_northing`.
    public init(easting: String = "home_easting", northing: String = "home_northing") {
        self.easting = easting
        self.northing = northing
    }
}

/// The study's hotspot layers: the recorded crimes they are built from and the grid and false
/// discovery rate of the profile method (see `HotspotMap` in the Spatial module).
public struct HotspotLayerSettings: Sendable, Hashable {
    /// The CSV file of crimes; a relative path is relative to the study file.
    public var crimesFile: String
    /// The column of eastings.
    public var xColumn: String
    /// The column of northings.
    public var yColumn: String
    /// The column of crime types, or `nil` for one type, `all`.
    public var typeColumn: String?
    /// The cell size in metres; the profile method starts at 250.
    public var cellSize: Double
    /// The false discovery rate across cells.
    public var falseDiscoveryRate: Double

    /// Creates settings.
    public init(crimesFile: String, xColumn: String = "x", yColumn: String = "y", typeColumn: String? = nil,
                cellSize: Double = 250, falseDiscoveryRate: Double = 0.05) {
        self.crimesFile = crimesFile
        self.xColumn = xColumn
        self.yColumn = yColumn
        self.typeColumn = typeColumn
        self.cellSize = cellSize
        self.falseDiscoveryRate = falseDiscoveryRate
    }
}

/// Where prior offences are counted from: a CSV file of recorded offences, one per row, and each
/// person's reference date.
public struct OffenceRecordSettings: Sendable, Hashable {
    /// The CSV file; a relative path is relative to the study file.
    public var file: String
    /// The column of pseudonymous identifiers, matching the cohort's.
    public var idColumn: String
    /// The column of offence dates (`YYYY-MM-DD`).
    public var dateColumn: String
    /// The reference date offences are counted back from.
    public var reference: ReferenceDate

    /// The date a person's prior offences are counted back from.
    public enum ReferenceDate: Sendable, Hashable {
        /// A cohort column of dates (`referral_date`, say).
        case column(String)
        /// One date for everyone.
        case fixed(CalendarDate)
    }

    /// Creates settings.
    public init(file: String, idColumn: String = "id", dateColumn: String = "date", reference: ReferenceDate) {
        self.file = file
        self.idColumn = idColumn
        self.dateColumn = dateColumn
        self.reference = reference
    }
}
