import DataTables

/// A fitted analysis prepared for randomisation inference: the rows it analysed, its arms and
/// the ``RandomisationInference`` of its specification on those rows.
public struct ArmRandomisationInputs: Sendable {
    /// The table rows analysed (complete rows), in table order, numbered from 0.
    public let rows: [Int]
    /// The arms' names in the coding of ``inference``: the control (index 0), then the
    /// intervention arms in the order of the analysis's rows.
    public let armNames: [String]
    /// Each analysed row's arm index into ``armNames``.
    public let assignment: [Int]
    /// The randomisation test, ready for draws of the analysed rows coded like ``armNames``.
    public let inference: RandomisationInference
}

extension ArmEffects {
    /// Prepares a randomisation test of this analysis on the table it was fitted to: the same
    /// complete rows, outcome, covariates, adjustment, blocks and (for a clustered variance)
    /// clusters.
    ///
    /// - Parameter table: The table given to ``ArmEffectModel/fit(_:)``.
    /// - Returns: The analysed rows, the arm coding and the prepared test.
    /// - Throws: ``RandomisationInferenceError/weights(_:)`` for a weighted analysis (weights
    ///   that follow the assignment cannot be redrawn), and the errors of
    ///   ``RandomisationInference/init(outcome:assignment:control:armCount:covariates:adjustment:blocks:clusters:)``.
    /// - Complexity: O(N (c + p²)) for N rows, c columns used and W of rank p.
    public func randomisationInputs(table: DataTable) throws -> ArmRandomisationInputs {
        let specification = self.specification
        if let weights = specification.weights { throw RandomisationInferenceError.weights(weights) }
        let n = table.rowCount
        var complete = [Bool](repeating: true, count: n)
        func numeric(_ name: String) throws -> [Double] {
            let values = try table.numeric(name).values
            for (i, value) in values.enumerated() where value.isNaN { complete[i] = false }
            return values
        }
        func labels(_ name: String) throws -> [String?] {
            let column = try table.column(name)
            let values: [String?]
            switch column {
            case let .categorical(labels): values = labels.values
            case let .numeric(numbers): values = numbers.values.map { $0.isNaN ? nil : Self.factorLabel($0) }
            }
            for (i, value) in values.enumerated() where value == nil { complete[i] = false }
            return values
        }
        let outcome = try numeric(specification.outcome)
        let covariates = try specification.covariates.map { try numeric($0) }
        let arms = try labels(specification.arm)
        let blocks = try specification.blocks.map { try labels($0) }
        let clusters = try specification.cluster.map { try labels($0) }
        let rows = (0 ..< n).filter { complete[$0] }

        let armNames = [control] + effects.map(\.arm)
        let armIndex = Dictionary(uniqueKeysWithValues: armNames.enumerated().map { ($1, $0) })
        let assignment = rows.map { armIndex[arms[$0]!]! }
        func codes(_ values: [String?]) -> [Int] {
            var code: [String: Int] = [:]
            return rows.map { row in
                let value = values[row]!
                if let existing = code[value] { return existing }
                code[value] = code.count
                return code.count - 1
            }
        }
        let inference = try RandomisationInference(
            outcome: rows.map { outcome[$0] }, assignment: assignment, control: 0, armCount: armNames.count,
            covariates: covariates.map { column in rows.map { column[$0] } }, adjustment: adjustment,
            blocks: blocks.map(codes), clusters: clusters.map(codes))
        return ArmRandomisationInputs(rows: rows, armNames: armNames, assignment: assignment, inference: inference)
    }

    /// A number as R prints a factor level made from it (as the analysis labels numeric arms).
    static func factorLabel(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
