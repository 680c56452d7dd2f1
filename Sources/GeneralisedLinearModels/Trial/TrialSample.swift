import DataTables
import Foundation
import TrialAnalysis

/// The complete rows of a trial's data for a binary or count outcome, read into whole columns,
/// with the same rules as ``TrialAnalysis/ArmEffectModel``: rows with a missing outcome, arm,
/// covariate, cluster, block, weight or exposure are dropped and counted; an infinite value is
/// an error; arm and grouping columns are read as R's `factor` reads them.
struct TrialSample {
    let outcome: [Double]
    /// 0 for control, a + 1 for intervention arm a.
    let arm: [Int]
    let controlName: String
    let interventionArms: [String]
    let covariates: [[Double]]
    let clusters: [Int]?
    let weights: [Double]?
    /// log(exposure), or `nil` without an exposure column.
    let offset: [Double]?
    let blocks: [Int]?
    let blockLevels: [String]
    let droppedCount: Int
    /// Complete rows in control and in each intervention arm, control first.
    let armCounts: [Int]
    /// The data row (zero-based) of each complete row, for errors.
    let dataRows: [Int]

    var count: Int { outcome.count }

    init(table: DataTable, outcome outcomeName: String, arm armName: String, control: String,
         covariates covariateNames: [String], cluster clusterName: String?, blocks blockName: String?,
         weights weightName: String?, exposure exposureName: String?) throws {
        // The exposure is checked here, as the exposure, then read as one more column whose
        // missing values drop the row.
        if let exposureName {
            guard let column = table[exposureName] else {
                throw TrialAnalysisError.column(exposureName, problem: "there is no such column (it was given as the exposure)")
            }
            guard case .numeric(let values) = column else {
                throw TrialAnalysisError.column(exposureName, problem: "the exposure must be numeric, but the column holds text")
            }
            try AnalysisSample.requireNoInfinity(values.values, column: exposureName)
            if let row = values.values.firstIndex(where: { !$0.isNaN && $0 <= 0 }) {
                throw GLMError.nonPositiveExposure(column: exposureName, row: row, value: values.values[row])
            }
        }
        let sample = try AnalysisSample(
            table: table, outcome: outcomeName, arm: armName, control: control,
            covariates: covariateNames + (exposureName.map { [$0] } ?? []), cluster: clusterName, blocks: blockName,
            weights: weightName)
        outcome = sample.outcome
        arm = sample.arm
        controlName = sample.controlName
        interventionArms = sample.interventionArms
        covariates = Array(sample.covariates.prefix(covariateNames.count))
        offset = exposureName == nil ? nil : sample.covariates.last!.map { log($0) }
        clusters = sample.clusters
        weights = sample.weights
        blocks = sample.blocks
        blockLevels = sample.blockLevels
        droppedCount = sample.droppedCount
        armCounts = sample.armCounts
        dataRows = sample.dataRows
    }

    /// Throws unless every outcome is 0 or 1 (binary) or a whole number ≥ 0 (count).
    func requireOutcomes(binary: Bool, column: String) throws {
        for (i, value) in outcome.enumerated() {
            if binary && value != 0 && value != 1 {
                throw GLMError.invalidOutcome(column: column, row: dataRows[i], value: value,
                                              requirement: "a binary outcome must be 0 or 1")
            }
            if !binary && (value < 0 || value != value.rounded()) {
                throw GLMError.invalidOutcome(column: column, row: dataRows[i], value: value,
                                              requirement: "a count must be a whole number, 0 or more")
            }
        }
    }

    /// The sum of the outcome in control and in each intervention arm (events, or counts),
    /// unweighted.
    var outcomeTotals: [Double] {
        var totals = [Double](repeating: 0, count: armCounts.count)
        for (a, y) in zip(arm, outcome) { totals[a] += y }
        return totals
    }
}
