import DataTables

extension RiskSummary.Grouping {
    /// People's arms from an allocation file (`prevent allocate`'s output: an identifier column
    /// and an `arm` column), matched to the scored cohort by identifier.
    ///
    /// People of the cohort the allocation does not list are in no arm (left out of the by-arm
    /// tables); ``ungroupedCount`` counts them.
    ///
    /// - Parameters:
    ///   - allocation: the allocation table.
    ///   - file: the name errors give it.
    ///   - ids: the scored cohort's identifiers.
    ///   - arms: the study's arm names, in the order tables list them.
    ///   - idColumn: the allocation's identifier column; default `id`.
    ///   - armColumn: its arm column; default `arm`.
    /// - Throws: ``RiskInputError`` for a missing column, an arm the study does not have, or an
    ///   identifier that is missing, listed twice or not in the cohort, naming line and column.
    public init(allocation: DataTable, file: String, ids: CategoricalColumn, arms: [String],
                idColumn: String = "id", armColumn: String = "arm") throws {
        func labels(_ name: String) throws -> (CategoricalColumn, Int) {
            guard let index = allocation.columnIndex(named: name) else {
                throw RiskInputError(file: file, message: "\(DataTableError.columnNotFound(name: name, available: allocation.columnNames))")
            }
            switch allocation.columns[index] {
            case let .categorical(column): return (column, index + 1)
            case let .numeric(column): return (CategoricalColumn(column.values.map { $0.isNaN ? nil : RiskNumberFormat.short($0) }), index + 1)
            }
        }
        let (allocated, idNumber) = try labels(idColumn)
        let (armLabels, armNumber) = try labels(armColumn)
        var cohortRow: [String: Int] = [:]
        for row in 0 ..< ids.count { cohortRow[ids[row]!] = row }
        var codes = [Int32](repeating: -1, count: ids.count)
        var seen = Set<String>()
        for row in 0 ..< allocation.rowCount {
            let line = RiskInputError.line(ofRow: row)
            guard let id = allocated[row] else {
                throw RiskInputError(file: file, line: line, column: (idNumber, idColumn), message: "the identifier is missing")
            }
            guard seen.insert(id).inserted else {
                throw RiskInputError(file: file, line: line, column: (idNumber, idColumn), message: "identifier '\(id)' is allocated twice")
            }
            guard let person = cohortRow[id] else {
                throw RiskInputError(file: file, line: line, column: (idNumber, idColumn), message: "identifier '\(id)' is not in the cohort")
            }
            guard let arm = armLabels[row] else {
                throw RiskInputError(file: file, line: line, column: (armNumber, armColumn), message: "the arm is missing")
            }
            guard let code = arms.firstIndex(of: arm) else {
                throw RiskInputError(file: file, line: line, column: (armNumber, armColumn),
                                     message: "'\(arm)' is not an arm of the study (\(arms.joined(separator: ", ")))")
            }
            codes[person] = Int32(code)
        }
        self.init(name: "arm", labels: arms, codes: codes)
    }

    /// People's areas from a categorical cohort column; a blank cell is in no area.
    ///
    /// - Throws: ``RiskInputError`` when the column is missing.
    public init(areaColumn name: String, cohort: DataTable, file: String) throws {
        guard let column = cohort[name] else {
            throw RiskInputError(file: file, message: "\(DataTableError.columnNotFound(name: name, available: cohort.columnNames)) (--area)")
        }
        let labels: CategoricalColumn
        switch column {
        case let .categorical(values): labels = values
        case let .numeric(values): labels = CategoricalColumn(values.values.map { $0.isNaN ? nil : RiskNumberFormat.short($0) })
        }
        self.init(name: "area", labels: labels.levels, codes: labels.codes)
    }

    /// The number of people in no group.
    public var ungroupedCount: Int { codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }
}
