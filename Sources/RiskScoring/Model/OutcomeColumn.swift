import DataTables

/// An observed binary outcome read from a cohort column: 1 and 0, or yes and no (true/false,
/// y/n, any case); a blank cell is not observed (NaN).
public enum OutcomeColumn {
    /// Reads the outcome column.
    ///
    /// - Throws: ``RiskInputError`` for a missing column, or a cell that is neither, naming its
    ///   line and column.
    public static func values(_ name: String, cohort: DataTable, file: String) throws -> [Double] {
        guard let index = cohort.columnIndex(named: name) else {
            throw RiskInputError(file: file, message: "\(DataTableError.columnNotFound(name: name, available: cohort.columnNames)) (--outcome)")
        }
        func bad(_ row: Int, _ text: String) -> RiskInputError {
            RiskInputError(file: file, line: RiskInputError.line(ofRow: row), column: (index + 1, name),
                           message: "\"\(text)\" is not an outcome of 1 or 0 (yes or no)")
        }
        switch cohort.columns[index] {
        case let .numeric(column):
            return try column.values.enumerated().map { row, value in
                guard value.isNaN || value == 0 || value == 1 else { throw bad(row, RiskNumberFormat.short(value)) }
                return value
            }
        case let .categorical(column):
            let levelValues = column.levels.map { level -> Double? in
                switch CohortInputs.flagReading(level) {
                case .present?: 1
                case .absent?: 0
                default: nil
                }
            }
            return try column.codes.enumerated().map { row, code in
                guard code >= 0 else { return .nan }
                guard let value = levelValues[Int(code)] else { throw bad(row, column.levels[Int(code)]) }
                return value
            }
        }
    }
}
