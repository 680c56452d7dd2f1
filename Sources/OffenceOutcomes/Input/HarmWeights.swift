import DataTables

/// A crime harm index as a table: each offence code's weight in days, as the Cambridge Crime Harm
/// Index weighs an offence by the days of imprisonment at the sentencing-guideline starting
/// point for a first offender (fine-only offences converted to days of work at the minimum wage).
///
/// The user supplies the table; PreventKit ships only an illustrative example
/// (`Studies/harm-weights-example.csv`), not an official index.
public struct HarmWeights: Sendable, Hashable {
    /// The weight in days of each offence code.
    public let days: [String: Double]

    /// Creates weights from a dictionary.
    ///
    /// - Parameter days: Each code's weight: finite and not negative (a programmer error traps).
    public init(days: [String: Double]) {
        precondition(days.values.allSatisfy { $0.isFinite && $0 >= 0 }, "HarmWeights: weights must be finite and not negative")
        self.days = days
    }

    /// Reads a weights table: one row per offence code.
    ///
    /// - Parameters:
    ///   - file: The CSV file.
    ///   - codeColumn: The column of offence codes; default `offence_code`.
    ///   - weightColumn: The column of weights in days; default `harm_days`.
    /// - Throws: `CSVError` for a file that cannot be read or parsed, or a weight that is not a
    ///   number; ``OffenceOutcomesError`` naming the line and column of a missing column, a
    ///   missing code or weight, a negative or infinite weight, or a code listed twice.
    public init(csvFile file: String, codeColumn: String = "offence_code", weightColumn: String = "harm_days") throws {
        let input = try LocatedTable(file: file, textColumns: [codeColumn], numericColumns: [weightColumn],
                                     required: [codeColumn, weightColumn])
        let codes = try input.requiredText(codeColumn, what: "offence code")
        let weights = input.numbers(weightColumn)
        var days: [String: Double] = [:]
        var firstRow: [String: Int] = [:]
        for (row, code) in codes.enumerated() {
            let weight = weights[row]
            guard !weight.isNaN else {
                throw OffenceOutcomesError(input.location(row: row, column: weightColumn), "the harm weight of '\(code)' is missing")
            }
            guard weight.isFinite && weight >= 0 else {
                throw OffenceOutcomesError(input.location(row: row, column: weightColumn),
                                           "the harm weight of '\(code)' is \(weight); weights are days, finite and not negative")
            }
            if let first = firstRow[code] {
                let line = input.recordLines.line(ofRow: first).map { " (first on line \($0))" } ?? ""
                throw OffenceOutcomesError(input.location(row: row, column: codeColumn), "offence code '\(code)' is listed twice\(line)")
            }
            firstRow[code] = row
            days[code] = weight
        }
        self.days = days
    }

    /// The weight of a code, or `nil` if the table does not list it.
    public subscript(code: String) -> Double? { days[code] }
}
