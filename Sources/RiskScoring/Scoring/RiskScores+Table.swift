import DataTables

extension RiskScores {
    /// The scores as a table ready to write: one row per person, no field of the cohort but the
    /// pseudonymous identifier.
    ///
    /// Columns: `id` (the catalogue's identifier column name), one `score_<domain>` per domain,
    /// `score`, `band`, `confidence`, then, with a model, `probability` and `yardstick` (the
    /// phrase, or `between A and B` for a probability in a gap; both missing for a person with a
    /// factor not assessed); then `factors_present` and
    /// `factors_not_assessed`, factor identifiers separated by `;` (empty when none).
    ///
    /// - Parameter yardstick: the yardstick for the phrases; `nil` for the catalogue's.
    /// - Complexity: O(n × f).
    public func table(yardstick: ProbabilityYardstick? = nil) -> DataTable {
        var columns: [(name: String, column: Column)] = [(catalogue.idColumn, .categorical(ids))]
        for (d, domain) in catalogue.domains.enumerated() {
            columns.append(("score_\(domain.rawValue)", .numeric(NumericColumn(domainScores[d]))))
        }
        columns.append(("score", .numeric(NumericColumn(scores))))
        let bandCodes = bandIndices.map { Int32($0) }
        columns.append(("band", .categorical(Self.coded(catalogue.bands.names, bandCodes))))
        let confidenceCodes = (0 ..< count).map { Int32(confidence(for: $0).rawValue) }
        columns.append(("confidence", .categorical(Self.coded(AnalyticalConfidence.allCases.map(\.description), confidenceCodes))))
        if let probabilities {
            columns.append(("probability", .numeric(NumericColumn(probabilities))))
            let chosen = yardstick ?? catalogue.yardstick
            columns.append(("yardstick", .categorical(CategoricalColumn(probabilities.map { $0.isNaN ? nil : chosen.reading(for: $0).phrase }))))
        }
        columns.append(("factors_present", .categorical(factorLists(.present))))
        columns.append(("factors_not_assessed", .categorical(factorLists(.notAssessed))))
        return DataTable(columns)
    }

    /// A column from codes into distinct labels, kept in their own order.
    private static func coded(_ labels: [String], _ codes: [Int32]) -> CategoricalColumn {
        CategoricalColumn(levels: labels, codes: codes)
    }

    /// Each person's factors with one reading, `;`-separated, coded by the pattern of factors so
    /// that a million people need only as many strings as there are distinct patterns.
    private func factorLists(_ wanted: FactorReading) -> CategoricalColumn {
        var patternCodes: [[Bool]: Int32] = [:]
        var labels: [String] = []
        var codes = [Int32](repeating: 0, count: count)
        var pattern = [Bool](repeating: false, count: readings.count)
        for person in 0 ..< count {
            for f in readings.indices { pattern[f] = readings[f][person] == wanted }
            if let code = patternCodes[pattern] {
                codes[person] = code
            } else {
                let code = Int32(labels.count)
                patternCodes[pattern] = code
                labels.append(catalogue.factors.indices.filter { pattern[$0] }.map { catalogue.factors[$0].id }.joined(separator: ";"))
                codes[person] = code
            }
        }
        return Self.coded(labels, codes)
    }
}
