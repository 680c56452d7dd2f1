import DataTables
import Spatial

/// The columns of a cohort that a catalogue reads, checked all at once before anything is scored.
struct CohortInputs {
    let cohort: DataTable
    let file: String
    let catalogue: RiskCatalogue
    let ids: CategoricalColumn
    /// Home locations (NaN where missing), when a factor reads them.
    let homes: HomeLocations?

    init(cohort: DataTable, file: String, catalogue: RiskCatalogue, hotspots: HotspotMap?, offences: OffenceRecords?) throws {
        self.cohort = cohort
        self.file = file
        self.catalogue = catalogue
        var problems: [RiskInputError] = []
        func missing(_ name: String, _ why: String) {
            problems.append(RiskInputError(file: file, message: "\(DataTableError.columnNotFound(name: name, available: cohort.columnNames)) (\(why))"))
        }
        func require(_ name: String, kind: ColumnKind?, _ why: String) {
            guard let column = cohort[name] else { return missing(name, why) }
            if let kind, column.kind != kind {
                let number = cohort.columnIndex(named: name)! + 1
                problems.append(RiskInputError(file: file, column: (number, name), message: "is \(column.kind), not \(kind) (\(why))"))
            }
        }
        require(catalogue.idColumn, kind: nil, "the pseudonymous identifier, risk_factors.id")
        for factor in catalogue.factors {
            switch factor.rule {
            case let .flag(column): require(column, kind: nil, "factor \(factor.id)")
            case let .threshold(column, _, _): require(column, kind: .numeric, "factor \(factor.id)")
            case .priorOffences:
                if offences == nil {
                    problems.append(RiskInputError(file: file, message: "factor \(factor.id) counts prior offences: give the offence records (risk_factors.offences)"))
                }
                if case let .column(name)? = catalogue.offences?.reference { require(name, kind: .categorical, "the reference date, risk_factors.offences.reference") }
            case let .spatial(rule):
                guard let hotspots else {
                    problems.append(RiskInputError(file: file, message: "factor \(factor.id) reads home locations against hotspot layers: give risk_factors.hotspots in the study, or --hotspots"))
                    continue
                }
                for type in rule.crimeTypes where !hotspots.types.contains(type) {
                    problems.append(RiskInputError(file: file, message: "factor \(factor.id) names crime type '\(type)', which the hotspot layers do not have (they have: \(hotspots.types.joined(separator: ", ")))"))
                }
            }
        }
        let home = catalogue.home ?? HomeLocationColumns()
        if catalogue.needsHotspots {
            require(home.easting, kind: .numeric, "home eastings, risk_factors.home.easting")
            require(home.northing, kind: .numeric, "home northings, risk_factors.home.northing")
        }
        // A column named twice (for two factors) is reported once.
        var seen = Set<String>()
        problems = problems.filter { seen.insert($0.description).inserted }
        guard problems.isEmpty else { throw RiskInputErrors(errors: problems) }

        ids = try Self.identifiers(cohort, column: catalogue.idColumn, file: file)
        if catalogue.needsHotspots {
            homes = try HomeLocations(cohort: cohort, columns: home, file: file)
        } else {
            homes = nil
        }
    }

    /// The identifier column as labels, every one present and distinct.
    static func identifiers(_ cohort: DataTable, column name: String, file: String) throws -> CategoricalColumn {
        let number = cohort.columnIndex(named: name)! + 1
        let ids: CategoricalColumn
        switch try cohort.column(name) {
        case let .categorical(column): ids = column
        case let .numeric(column): ids = CategoricalColumn(column.values.map { $0.isNaN ? nil : RiskNumberFormat.short($0) })
        }
        var firstRow = [Int](repeating: -1, count: ids.levels.count)
        for (row, code) in ids.codes.enumerated() {
            guard code >= 0 else {
                throw RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (number, name), message: "the identifier is missing")
            }
            if firstRow[Int(code)] >= 0 {
                throw RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (number, name),
                                     message: "identifier '\(ids.levels[Int(code)])' is also on line \(RiskInputError.line(ofRow: firstRow[Int(code)]))")
            }
            firstRow[Int(code)] = row
        }
        return ids
    }

    /// A yes/no factor's readings.
    func flag(for index: Int) throws -> [FactorReading] {
        let factor = catalogue.factors[index]
        guard case let .flag(name) = factor.rule else { preconditionFailure("not a flag factor") }
        let number = cohort.columnIndex(named: name)! + 1
        func bad(_ row: Int, _ text: String) -> RiskInputError {
            RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (number, name),
                           message: "\"\(text)\" is not yes or no (factor \(factor.id))")
        }
        switch try cohort.column(name) {
        case let .numeric(column):
            return try column.values.enumerated().map { row, value in
                if value.isNaN { return .notAssessed }
                if value == 1 { return .present }
                if value == 0 { return .absent }
                throw bad(row, RiskNumberFormat.short(value))
            }
        case let .categorical(column):
            let levelReadings = column.levels.map(Self.flagReading)
            return try column.codes.enumerated().map { row, code in
                guard code >= 0 else { return .notAssessed }
                guard let reading = levelReadings[Int(code)] else { throw bad(row, column.levels[Int(code)]) }
                return reading
            }
        }
    }

    static func flagReading(_ text: String) -> FactorReading? {
        switch text.lowercased() {
        case "yes", "y", "true", "1": .present
        case "no", "n", "false", "0": .absent
        default: nil
        }
    }

    /// A prior-offences factor's readings.
    func priorOffences(withinDays days: Int, atLeast: Int, records: OffenceRecords) throws -> [FactorReading] {
        guard let settings = catalogue.offences else { preconditionFailure("offence settings checked on load") }
        switch settings.reference {
        case let .fixed(day):
            return (0 ..< cohort.rowCount).map { row in
                records.count(for: ids[row]!, before: day, withinDays: days) >= atLeast ? .present : .absent
            }
        case let .column(name):
            let dates = try cohort.categorical(name)
            let number = cohort.columnIndex(named: name)! + 1
            let referenceDays = dates.levels.map { CalendarDate($0) }
            return try (0 ..< cohort.rowCount).map { row in
                let code = dates.codes[row]
                guard code >= 0 else { return .notAssessed }
                guard let reference = referenceDays[Int(code)] else {
                    throw RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (number, name),
                                         message: "\"\(dates.levels[Int(code)])\" is not a date in the form YYYY-MM-DD")
                }
                return records.count(for: ids[row]!, before: reference, withinDays: days) >= atLeast ? .present : .absent
            }
        }
    }
}
