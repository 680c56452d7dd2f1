import DataTables
import Foundation
import StudyProtocol

extension RiskCatalogue {
    /// Reads the catalogue from a study's `risk_factors:` section (see ``RiskCatalogue`` for its
    /// shape); a study without the section, or a section without `factors:`, gets the profile's
    /// factors and bands (``profile``).
    ///
    /// - Parameters:
    ///   - studyProtocol: the loaded study.
    ///   - studyFile: the study file's path: errors name it, and relative file names in the
    ///     section are taken relative to its folder.
    /// - Throws: `StudyProtocolError` listing every problem in the section at once, each with
    ///   its key path (`risk_factors.factors[2].weight: 'heavy' is not a number`).
    public init(protocol studyProtocol: StudyProtocol, studyFile: String) throws {
        guard let section = studyProtocol.laterSections["risk_factors"] else {
            self = .profile
            return
        }
        let folder = URL(fileURLWithPath: studyFile).deletingLastPathComponent().path
        var reader = CatalogueReader(folder: folder)
        guard let catalogue = reader.read(section), reader.problems.isEmpty else {
            throw StudyProtocolError(file: studyFile, problems: reader.problems)
        }
        self = catalogue
    }
}

/// Walks the `risk_factors:` section, building a catalogue and collecting every problem.
struct CatalogueReader {
    let folder: String
    private(set) var problems: [StudyProtocolError.Problem] = []

    init(folder: String) {
        self.folder = folder
    }

    private mutating func report(_ path: String, _ message: String) {
        problems.append(.init(keyPath: path, message: message))
    }

    // MARK: Typed access

    private mutating func entries(_ value: ProtocolValue, _ path: String, allowed: [String]) -> [String: ProtocolValue]? {
        guard case let .mapping(list) = value else {
            report(path, "expected a mapping of keys to values")
            return nil
        }
        var result: [String: ProtocolValue] = [:]
        for entry in list {
            if allowed.contains(entry.key) {
                result[entry.key] = entry.value
            } else {
                report("\(path).\(entry.key)", "unknown key '\(entry.key)' (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
        return result
    }

    private mutating func text(_ value: ProtocolValue, _ path: String) -> String? {
        guard case let .scalar(text) = value else {
            report(path, "expected a single value")
            return nil
        }
        if text.isEmpty || text == "~" || text == "null" {
            report(path, "expected a value, found nothing")
            return nil
        }
        return text
    }

    private mutating func number(_ value: ProtocolValue, _ path: String) -> Double? {
        guard let text = text(value, path) else { return nil }
        guard let number = Double(text), number.isFinite else {
            report(path, "'\(text)' is not a number")
            return nil
        }
        return number
    }

    private mutating func positiveInteger(_ value: ProtocolValue, _ path: String) -> Int? {
        guard let text = text(value, path) else { return nil }
        guard let number = Int(text), number >= 1 else {
            report(path, "'\(text)' is not a whole number of at least 1")
            return nil
        }
        return number
    }

    private mutating func texts(_ value: ProtocolValue, _ path: String) -> [String]? {
        guard case let .sequence(items) = value else {
            report(path, "expected a list")
            return nil
        }
        return items.enumerated().compactMap { text($1, "\(path)[\($0)]") }
    }

    private func resolved(_ file: String) -> String {
        file.hasPrefix("/") ? file : URL(fileURLWithPath: folder).appendingPathComponent(file).path
    }

    // MARK: The section

    mutating func read(_ section: ProtocolValue) -> RiskCatalogue? {
        let root = "risk_factors"
        guard let top = entries(section, root, allowed: ["id", "home", "hotspots", "offences", "yardstick", "factors", "bands"]) else {
            return nil
        }
        let idColumn = top["id"].flatMap { text($0, "\(root).id") } ?? "id"
        var home: HomeLocationColumns? = HomeLocationColumns()
        if let value = top["home"] { home = readHome(value, "\(root).home") }
        let hotspots = top["hotspots"].flatMap { readHotspots($0, "\(root).hotspots") }
        let offences = top["offences"].flatMap { readOffences($0, "\(root).offences") }
        var yardstick = ProbabilityYardstick.phia
        if let value = top["yardstick"], let name = text(value, "\(root).yardstick") {
            if let chosen = ProbabilityYardstick.named(name) { yardstick = chosen } else {
                report("\(root).yardstick", "'\(name)' is not a yardstick (expected one of: \(ProbabilityYardstick.all.map(\.name).joined(separator: ", ")))")
            }
        }
        var factors = RiskCatalogue.profileFactors
        if let value = top["factors"] { factors = readFactors(value, "\(root).factors") }
        var bands = top["factors"] == nil ? RiskCatalogue.profileBands : nil
        if let value = top["bands"] {
            bands = readBands(value, "\(root).bands")
        } else if top["factors"] != nil {
            report("\(root).bands", "missing: a study that lists its own factors sets its own band cut-offs, e.g. '- {name: low, from: 0}'")
        }
        if top["offences"] == nil, factors.contains(where: { if case .priorOffences = $0.rule { true } else { false } }) {
            report("\(root).offences", "missing: a factor counts prior offences, so name the offence records file")
        }
        guard problems.isEmpty, let bands, !factors.isEmpty else { return nil }
        return RiskCatalogue(factors: factors, bands: bands, idColumn: idColumn, home: home, hotspots: hotspots,
                             offences: offences, yardstick: yardstick)
    }

    private mutating func readHome(_ value: ProtocolValue, _ path: String) -> HomeLocationColumns? {
        guard let map = entries(value, path, allowed: ["easting", "northing"]) else { return nil }
        var columns = HomeLocationColumns()
        if let easting = map["easting"].flatMap({ text($0, "\(path).easting") }) { columns.easting = easting }
        if let northing = map["northing"].flatMap({ text($0, "\(path).northing") }) { columns.northing = northing }
        return columns
    }

    private mutating func readHotspots(_ value: ProtocolValue, _ path: String) -> HotspotLayerSettings? {
        guard let map = entries(value, path, allowed: ["crimes", "x", "y", "type", "cell", "fdr"]) else { return nil }
        guard let crimesValue = map["crimes"] else {
            report("\(path).crimes", "missing: name the CSV file of recorded crimes the hotspots are built from")
            return nil
        }
        guard let crimes = text(crimesValue, "\(path).crimes") else { return nil }
        var settings = HotspotLayerSettings(crimesFile: resolved(crimes))
        if let x = map["x"].flatMap({ text($0, "\(path).x") }) { settings.xColumn = x }
        if let y = map["y"].flatMap({ text($0, "\(path).y") }) { settings.yColumn = y }
        settings.typeColumn = map["type"].flatMap { text($0, "\(path).type") }
        if let cellValue = map["cell"], let cell = number(cellValue, "\(path).cell") {
            if cell > 0 { settings.cellSize = cell } else { report("\(path).cell", "\(RiskNumberFormat.short(cell)) is not a positive number of metres") }
        }
        if let fdrValue = map["fdr"], let fdr = number(fdrValue, "\(path).fdr") {
            if fdr > 0 && fdr < 1 { settings.falseDiscoveryRate = fdr } else {
                report("\(path).fdr", "\(RiskNumberFormat.short(fdr)) must lie strictly between 0 and 1")
            }
        }
        return settings
    }

    private mutating func readOffences(_ value: ProtocolValue, _ path: String) -> OffenceRecordSettings? {
        guard let map = entries(value, path, allowed: ["file", "id", "date", "reference", "as_of"]) else { return nil }
        guard let fileValue = map["file"] else {
            report("\(path).file", "missing: name the CSV file of recorded offences")
            return nil
        }
        guard let file = text(fileValue, "\(path).file") else { return nil }
        var reference: OffenceRecordSettings.ReferenceDate?
        switch (map["reference"], map["as_of"]) {
        case let (column?, nil):
            reference = text(column, "\(path).reference").map { .column($0) }
        case let (nil, date?):
            if let dateText = text(date, "\(path).as_of") {
                if let day = CalendarDate(dateText) { reference = .fixed(day) } else {
                    report("\(path).as_of", "'\(dateText)' is not a date in the form YYYY-MM-DD")
                }
            }
        case (_?, _?):
            report(path, "give reference (a cohort column of dates) or as_of (one date), not both")
        case (nil, nil):
            report(path, "missing the date offences are counted back from: reference (a cohort column) or as_of (YYYY-MM-DD)")
        }
        guard let reference else { return nil }
        var settings = OffenceRecordSettings(file: resolved(file), reference: reference)
        if let id = map["id"].flatMap({ text($0, "\(path).id") }) { settings.idColumn = id }
        if let date = map["date"].flatMap({ text($0, "\(path).date") }) { settings.dateColumn = date }
        return settings
    }

    private mutating func readFactors(_ value: ProtocolValue, _ path: String) -> [RiskFactor] {
        guard case let .sequence(items) = value else {
            report(path, "expected a list of factors")
            return []
        }
        if items.isEmpty { report(path, "list at least one factor") }
        var factors: [RiskFactor] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let factor = readFactor(item, itemPath) else { continue }
            if factors.contains(where: { $0.id == factor.id }) {
                report("\(itemPath).id", "'\(factor.id)' is used by another factor")
            } else {
                factors.append(factor)
            }
        }
        return factors
    }

    private static let ruleKeys = ["column", "offences", "spatial"]
    private static let comparisonKeys = FactorRule.Comparison.allCases.map(\.rawValue)

    private mutating func readFactor(_ value: ProtocolValue, _ path: String) -> RiskFactor? {
        let allowed = ["id", "domain", "weight", "label"] + Self.ruleKeys + Self.comparisonKeys
        guard let map = entries(value, path, allowed: allowed) else { return nil }
        let before = problems.count
        var id: String?
        if let idValue = map["id"] {
            id = text(idValue, "\(path).id")
            if let name = id, !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                report("\(path).id", "'\(name)' is not a valid factor id (letters, digits, '_' and '-' only)")
            }
        } else {
            report(path, "missing 'id'")
        }
        var domain: RiskDomain?
        if let domainValue = map["domain"], let name = text(domainValue, "\(path).domain") {
            domain = RiskDomain(rawValue: name)
            if domain == nil {
                report("\(path).domain", "'\(name)' is not a domain (expected one of: \(RiskDomain.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        } else if map["domain"] == nil {
            report(path, "missing 'domain' (one of: \(RiskDomain.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var weight = 1.0
        if let weightValue = map["weight"], let number = number(weightValue, "\(path).weight") {
            if number > 0 { weight = number } else { report("\(path).weight", "\(RiskNumberFormat.short(number)) is not a positive weight") }
        }
        let label = map["label"].flatMap { text($0, "\(path).label") }
        let rule = readRule(map, path)
        guard problems.count == before, let id, let domain, let rule else { return nil }
        return RiskFactor(id: id, domain: domain, rule: rule, weight: weight, label: label)
    }

    private mutating func readRule(_ map: [String: ProtocolValue], _ path: String) -> FactorRule? {
        let given = Self.ruleKeys.filter { map[$0] != nil }
        let comparisons = Self.comparisonKeys.filter { map[$0] != nil }
        guard given.count == 1 else {
            report(path, given.isEmpty ? "missing how the factor is read: give column, offences or spatial"
                                       : "give one of column, offences or spatial, not \(given.joined(separator: " and "))")
            return nil
        }
        if given[0] != "column", !comparisons.isEmpty {
            report("\(path).\(comparisons[0])", "a cut-off applies to a column, not to \(given[0])")
            return nil
        }
        switch given[0] {
        case "column":
            guard let column = text(map["column"]!, "\(path).column") else { return nil }
            if comparisons.count > 1 {
                report(path, "give one cut-off, not \(comparisons.joined(separator: " and "))")
                return nil
            }
            guard let key = comparisons.first else { return .flag(column: column) }
            guard let cutOff = number(map[key]!, "\(path).\(key)") else { return nil }
            return .threshold(column: column, comparison: FactorRule.Comparison(rawValue: key)!, value: cutOff)
        case "offences":
            let offencesPath = "\(path).offences"
            guard let rule = entries(map["offences"]!, offencesPath, allowed: ["within_days", "at_least"]) else { return nil }
            let days = rule["within_days"].map { positiveInteger($0, "\(offencesPath).within_days") }
                ?? { report(offencesPath, "missing 'within_days': the window before the reference date"); return nil }()
            let atLeast = rule["at_least"].map { positiveInteger($0, "\(offencesPath).at_least") } ?? 1
            guard let days, let atLeast else { return nil }
            return .priorOffences(withinDays: days, atLeast: atLeast)
        default:
            return readSpatial(map["spatial"]!, "\(path).spatial").map(FactorRule.spatial)
        }
    }

    private mutating func readSpatial(_ value: ProtocolValue, _ path: String) -> SpatialRule? {
        guard let map = entries(value, path, allowed: ["inside", "types", "type", "gi_z_above", "density_percentile_above"]) else {
            return nil
        }
        let kinds = ["inside", "gi_z_above", "density_percentile_above"].filter { map[$0] != nil }
        guard kinds.count == 1 else {
            report(path, kinds.isEmpty ? "give inside (hotspot or intersection), gi_z_above or density_percentile_above"
                                       : "give one of \(kinds.joined(separator: ", ")), not several")
            return nil
        }
        if kinds[0] == "inside" {
            if map["type"] != nil { report("\(path).type", "an inside rule takes 'types' (a list)") }
            guard let where_ = text(map["inside"]!, "\(path).inside") else { return nil }
            let types = map["types"].flatMap { texts($0, "\(path).types") } ?? []
            switch where_ {
            case "hotspot": return .insideHotspot(types: types)
            case "intersection": return .insideIntersection(types: types)
            default:
                report("\(path).inside", "'\(where_)' is not hotspot or intersection")
                return nil
            }
        }
        if map["types"] != nil { report("\(path).types", "a cell rule takes one 'type'") }
        guard let typeValue = map["type"] else {
            report(path, "missing 'type': the crime type whose layer is read")
            return nil
        }
        let type = text(typeValue, "\(path).type")
        let cutOff = number(map[kinds[0]]!, "\(path).\(kinds[0])")
        guard let type, let cutOff else { return nil }
        if kinds[0] == "gi_z_above" { return .giZScoreAbove(type: type, value: cutOff) }
        guard cutOff >= 0 && cutOff <= 100 else {
            report("\(path).density_percentile_above", "\(RiskNumberFormat.short(cutOff)) is not a percentile from 0 to 100")
            return nil
        }
        return .densityPercentileAbove(type: type, value: cutOff)
    }

    private mutating func readBands(_ value: ProtocolValue, _ path: String) -> RiskBands? {
        guard case let .sequence(items) = value else {
            report(path, "expected a list of bands")
            return nil
        }
        guard !items.isEmpty else {
            report(path, "list at least one band")
            return nil
        }
        let before = problems.count
        var bands: [RiskBands.Band] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let map = entries(item, itemPath, allowed: ["name", "from"]) else { continue }
            let name = map["name"].map { text($0, "\(itemPath).name") } ?? { report(itemPath, "missing 'name'"); return nil }()
            let from = map["from"].map { number($0, "\(itemPath).from") } ?? { report(itemPath, "missing 'from': the lowest score in the band"); return nil }()
            guard let name, let from else { continue }
            if bands.contains(where: { $0.name == name }) {
                report("\(itemPath).name", "'\(name)' is used by another band")
            } else if index == 0 && from != 0 {
                report("\(itemPath).from", "the first band must start at 0 so that every score has a band, not \(RiskNumberFormat.short(from))")
            } else if let last = bands.last, from <= last.from {
                report("\(itemPath).from", "cut-offs must increase: \(RiskNumberFormat.short(from)) is not above the previous band's \(RiskNumberFormat.short(last.from))")
            }
            bands.append(.init(name: name, from: from))
        }
        return problems.count == before ? RiskBands(bands) : nil
    }
}
