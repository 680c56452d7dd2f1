import LinearAlgebra

/// The people a risk model is fitted on: one row per person, one column per risk factor, and
/// each person's observed binary outcome (1 = the event happened, for example any reoffending).
///
/// Creating one validates the data once, so every fit can rely on it: the outcome is 0/1 with
/// both classes present, and every factor is finite and takes more than one value.
public struct RiskModelData: Sendable {
    /// The factor matrix, people by factors (column-major).
    public let factors: Matrix
    /// The factors' names, in column order.
    public let factorNames: [String]
    /// The observed outcome, 0 or 1 for each person.
    public let outcome: [Double]

    /// The number of people.
    public var count: Int { factors.rows }
    /// The number of factors.
    public var factorCount: Int { factors.columns }
    /// The number of people with outcome 1.
    public var eventCount: Int { outcome.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } }

    /// Creates the data of a risk model from a factor matrix.
    ///
    /// - Parameters:
    ///   - factors: People by factors. Every element finite; no column constant.
    ///   - factorNames: One distinct name per column, used in errors and results.
    ///   - outcome: One value per row, each 0 or 1, with both present.
    /// - Throws: ``RiskModelError/sizeMismatch(factors:columns:rows:outcomes:)``,
    ///   ``RiskModelError/noPeople``, ``RiskModelError/duplicateFactorName(_:)``,
    ///   ``RiskModelError/outcomeNotBinary(row:value:)``,
    ///   ``RiskModelError/outcomeHasOneClass(value:)``,
    ///   ``RiskModelError/factorNotFinite(factor:row:value:)`` or
    ///   ``RiskModelError/factorConstant(factor:value:)``, checked in that order.
    /// - Complexity: O(people × factors).
    public init(factors: Matrix, factorNames: [String], outcome: [Double]) throws {
        guard factorNames.count == factors.columns, outcome.count == factors.rows else {
            throw RiskModelError.sizeMismatch(factors: factorNames.count, columns: factors.columns,
                                              rows: factors.rows, outcomes: outcome.count)
        }
        guard factors.rows > 0 else { throw RiskModelError.noPeople }
        var seen = Set<String>()
        for name in factorNames where !seen.insert(name).inserted {
            throw RiskModelError.duplicateFactorName(name)
        }
        if let row = outcome.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw RiskModelError.outcomeNotBinary(row: row, value: outcome[row])
        }
        if !outcome.contains(0) || !outcome.contains(1) {
            throw RiskModelError.outcomeHasOneClass(value: outcome[0])
        }
        let rows = factors.rows
        try factors.withUnsafeBufferPointer { elements in
            for column in 0 ..< factors.columns {
                let values = UnsafeBufferPointer(rebasing: elements[column * rows ..< (column + 1) * rows])
                if let row = values.firstIndex(where: { !$0.isFinite }) {
                    throw RiskModelError.factorNotFinite(factor: factorNames[column], row: row, value: values[row])
                }
                if !values.contains(where: { $0 != values[0] }) {
                    throw RiskModelError.factorConstant(factor: factorNames[column], value: values[0])
                }
            }
        }
        self.factors = factors
        self.factorNames = factorNames
        self.outcome = outcome
    }

    /// Creates the data of a risk model from factor columns.
    ///
    /// - Parameters:
    ///   - factorColumns: One array per factor, each with one value per person.
    ///   - factorNames: One distinct name per column.
    ///   - outcome: One value per person, each 0 or 1, with both present.
    /// - Throws: As ``init(factors:factorNames:outcome:)``; columns of different lengths throw
    ///   ``RiskModelError/sizeMismatch(factors:columns:rows:outcomes:)``.
    public init(factorColumns: [[Double]], factorNames: [String], outcome: [Double]) throws {
        if let ragged = factorColumns.first(where: { $0.count != outcome.count }) {
            throw RiskModelError.sizeMismatch(factors: factorNames.count, columns: factorColumns.count,
                                              rows: ragged.count, outcomes: outcome.count)
        }
        let matrix = factorColumns.isEmpty
            ? Matrix(rows: outcome.count, columns: 0)
            : Matrix(columns: factorColumns)
        try self.init(factors: matrix, factorNames: factorNames, outcome: outcome)
    }

    /// The same factors and outcome for the given people only, in the given order.
    ///
    /// The subset is not revalidated: a fold's training set may have a factor that is
    /// constant within it, which a penalised fit tolerates (its coefficient stays zero).
    internal func selectingPeople(_ rows: [Int]) -> RiskModelData {
        let p = factorCount, n = count
        var columns = [Double](repeating: 0, count: rows.count * p)
        factors.withUnsafeBufferPointer { source in
            for j in 0 ..< p {
                for (k, i) in rows.enumerated() { columns[j * rows.count + k] = source[j * n + i] }
            }
        }
        return RiskModelData(unchecked: Matrix(rows: rows.count, columns: p, columnMajor: columns),
                             factorNames: factorNames, outcome: rows.map { outcome[$0] })
    }

    private init(unchecked factors: Matrix, factorNames: [String], outcome: [Double]) {
        self.factors = factors
        self.factorNames = factorNames
        self.outcome = outcome
    }
}
