import DataTables
import Foundation
import Spatial
import StudyProtocol

/// Everything scoring a study's cohort needs, loaded from the study file: the protocol, its
/// risk-factor catalogue, the hotspot layers and the offence records the catalogue names.
public struct StudyRiskInputs: Sendable {
    /// The study file, as named.
    public let studyFile: String
    /// The study's protocol.
    public let studyProtocol: StudyProtocol
    /// The catalogue (the profile's when the study has no `risk_factors:` section).
    public let catalogue: RiskCatalogue
    /// The hotspot layers, when a factor reads home locations.
    public let hotspots: HotspotMap?
    /// The offence records, when a factor counts prior offences.
    public let offences: OffenceRecords?

    /// Loads a study's risk inputs.
    ///
    /// - Parameters:
    ///   - studyFile: the study's YAML file.
    ///   - crimesFile: a crimes CSV to build the hotspot layers from instead of the study's
    ///     `risk_factors.hotspots.crimes` (same columns); `nil` for the study's.
    ///   - offencesFile: an offence records CSV instead of the study's; `nil` for the study's.
    ///   - yardstick: a yardstick instead of the study's; `nil` for the study's.
    /// - Throws: `StudyProtocolError` for the study file (every problem at once); the errors of
    ///   reading the crimes and offence files, naming file, line and column; ``RiskInputError``
    ///   when a factor needs hotspot layers and none are given.
    public init(studyFile: String, crimesFile: String? = nil, offencesFile: String? = nil,
                yardstick: ProbabilityYardstick? = nil) throws {
        let studyProtocol = try StudyProtocol(contentsOfFile: studyFile)
        var catalogue = try RiskCatalogue(protocol: studyProtocol, studyFile: studyFile)
        if let yardstick { catalogue.yardstick = yardstick }
        var hotspots: HotspotMap?
        if catalogue.needsHotspots {
            if let crimesFile {
                let settings = catalogue.hotspots ?? HotspotLayerSettings(crimesFile: crimesFile)
                hotspots = try settings.hotspotMap(crimesFile: crimesFile)
            } else if let settings = catalogue.hotspots {
                hotspots = try settings.hotspotMap()
            } else {
                let spatial = catalogue.factors.filter { if case .spatial = $0.rule { true } else { false } }.map(\.id)
                throw RiskInputError(file: studyFile, message: "factor\(spatial.count == 1 ? "" : "s") \(spatial.joined(separator: ", ")) "
                    + "read\(spatial.count == 1 ? "s" : "") home locations against hotspot layers: give risk_factors.hotspots in the study, or --hotspots")
            }
        }
        var offences: OffenceRecords?
        if catalogue.needsOffences, let settings = catalogue.offences {
            offences = try OffenceRecords(csvFile: offencesFile ?? settings.file, settings: settings)
        }
        self.studyFile = studyFile
        self.studyProtocol = studyProtocol
        self.catalogue = catalogue
        self.hotspots = hotspots
        self.offences = offences
    }

    /// The scorer for the catalogue, layers and records.
    public var scorer: RiskScorer { RiskScorer(catalogue: catalogue, hotspots: hotspots, offences: offences) }

    /// Reads a cohort with the columns the catalogue reads as labels declared categorical (so
    /// identifier `007` stays `007` and dates stay text) and its coordinates declared numeric.
    ///
    /// - Throws: `CSVError` naming the file, line and column of a cell that cannot be read.
    public func readCohort(_ path: String) throws -> DataTable {
        let header = try DataTable.headerNames(ofCSVFile: path)
        var kinds: [String: ColumnKind] = [:]
        kinds[catalogue.idColumn] = .categorical
        if case let .column(name)? = catalogue.offences?.reference { kinds[name] = .categorical }
        if catalogue.needsHotspots, let home = catalogue.home {
            kinds[home.easting] = .numeric
            kinds[home.northing] = .numeric
        }
        return try DataTable(csvFile: path, options: CSVReadOptions(columnTypes: kinds.filter { header.contains($0.key) }))
    }
}

extension DataTable {
    /// The names in a CSV file's header line, read with the CSV reader on that line alone.
    static func headerNames(ofCSVFile path: String) throws -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RiskInputError(file: path, message: "cannot open the file")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while true {
            guard let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty else { break }
            if let end = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                bytes += chunk[chunk.startIndex ..< end]
                break
            }
            bytes += chunk
        }
        return try DataTable(csvBytes: bytes + Array("\n".utf8), label: path).columnNames
    }
}
