import DataTables

/// Recorded offences read from a CSV file, one row per offence: who (a pseudonymous
/// identifier matching the cohort's) and when.
public struct OffenceRecords: Sendable {
    /// The file, as named by the caller.
    public let file: String
    /// Each identifier's offence days, ascending.
    public let daysByPerson: [String: [Int]]

    /// Reads offence records.
    ///
    /// - Parameters:
    ///   - path: the CSV file.
    ///   - settings: its identifier and date columns.
    /// - Throws: `CSVError` for a file that cannot be read or parsed; ``RiskInputError`` for a
    ///   missing column, or a missing identifier or a date that is not `YYYY-MM-DD`, naming the
    ///   line and column.
    /// - Complexity: O(n log n) for n offences.
    public init(csvFile path: String, settings: OffenceRecordSettings) throws {
        let table = try DataTable(csvFile: path, options: CSVReadOptions(columnTypes: [:]))
        try self.init(table: table, file: path, settings: settings)
    }

    /// Takes offence records from a table already read.
    public init(table: DataTable, file: String, settings: OffenceRecordSettings) throws {
        func categorical(_ name: String) throws -> (CategoricalColumn, Int) {
            guard let index = table.columnIndex(named: name) else {
                throw RiskInputError(file: file, message: "\(DataTableError.columnNotFound(name: name, available: table.columnNames)) (risk_factors.offences)")
            }
            switch table.columns[index] {
            case let .categorical(column): return (column, index + 1)
            case let .numeric(column):
                // Identifiers that happen to be numbers.
                return (CategoricalColumn(column.values.map { $0.isNaN ? nil : RiskNumberFormat.short($0) }), index + 1)
            }
        }
        let (ids, idNumber) = try categorical(settings.idColumn)
        let (dates, dateNumber) = try categorical(settings.dateColumn)
        let levelDays = dates.levels.map { CalendarDate($0)?.dayNumber }
        var byPerson: [String: [Int]] = [:]
        for row in 0 ..< table.rowCount {
            guard let id = ids[row] else {
                throw RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (idNumber, settings.idColumn),
                                     message: "the identifier is missing")
            }
            let code = dates.codes[row]
            guard code >= 0 else {
                throw RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (dateNumber, settings.dateColumn),
                                     message: "the offence date is missing")
            }
            guard let day = levelDays[Int(code)] else {
                throw RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (dateNumber, settings.dateColumn),
                                     message: "\"\(dates.levels[Int(code)])\" is not a date in the form YYYY-MM-DD")
            }
            byPerson[id, default: []].append(day)
        }
        self.file = file
        daysByPerson = byPerson.mapValues { $0.sorted() }
    }

    /// The number of offences a person has in the `days` days before `reference`: on or after
    /// `reference - days` and before `reference`.
    ///
    /// - Complexity: O(log k) for k offences of the person.
    public func count(for id: String, before reference: CalendarDate, withinDays days: Int) -> Int {
        guard let list = daysByPerson[id] else { return 0 }
        return Self.lowerBound(list, reference.dayNumber) - Self.lowerBound(list, reference.dayNumber - days)
    }

    private static func lowerBound(_ list: [Int], _ value: Int) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
