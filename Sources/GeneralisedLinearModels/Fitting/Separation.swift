import Foundation
import LinearAlgebra

// Separation in logistic regression: when a combination of columns predicts some outcomes
// perfectly, the likelihood keeps increasing as coefficients grow, so the maximum-likelihood
// estimates are infinite and IRLS reports huge coefficients with huge standard errors.

/// The common case in trials, found exactly before fitting: a 0/1 column (an arm, a block or a
/// binary covariate) within whose rows, or outside whose rows, every outcome is the same.
func indicatorSeparation(design: Matrix, response: [Double], weights: [Double], labels: [String]) -> GLMError? {
    let n = design.rows
    var culprits: [String] = []
    var details: [String] = []
    var complete = false
    for j in 0 ..< design.columns {
        // Read the column in place: most columns are not indicators and fail at their first row.
        guard let counts = design.withUnsafeBufferPointer({ values -> IndicatorCounts? in
            IndicatorCounts(column: UnsafeBufferPointer(rebasing: values[(j * n) ..< ((j + 1) * n)]),
                            response: response, weights: weights)
        }) else { continue }
        let (inEvents, inNonEvents, outEvents, outNonEvents, inCount) =
            (counts.inEvents, counts.inNonEvents, counts.outEvents, counts.outNonEvents, counts.inCount)
        let insideConstant = !inEvents || !inNonEvents
        let outsideConstant = !outEvents || !outNonEvents
        guard insideConstant || outsideConstant else { continue }
        culprits.append(labels[j])
        if insideConstant {
            details.append("the outcome is \(inEvents ? 1 : 0) in all \(inCount) rows of \(labels[j])")
        } else {
            details.append("the outcome is \(outEvents ? 1 : 0) in all \(n - inCount) rows outside \(labels[j])")
        }
        if insideConstant && outsideConstant && inEvents != outEvents { complete = true }
    }
    guard !culprits.isEmpty else { return nil }
    return .separation(kind: complete ? .complete : .quasiComplete, culprits: culprits,
                       detail: details.joined(separator: "; "))
}

/// Events and non-events inside (x = 1) and outside (x = 0) a 0/1 column, over the rows with
/// positive weight; `nil` if the column is not a 0/1 indicator taking both values.
private struct IndicatorCounts {
    var inEvents = false, inNonEvents = false, outEvents = false, outNonEvents = false
    var inCount = 0

    init?(column: UnsafeBufferPointer<Double>, response: [Double], weights: [Double]) {
        var zeros = false, ones = false
        for value in column {
            if value == 0 { zeros = true } else if value == 1 { ones = true } else { return nil }
        }
        guard zeros && ones else { return nil }
        for i in column.indices where weights[i] > 0 {
            let y = response[i]
            if column[i] == 1 {
                inCount += 1
                if y > 0 { inEvents = true }
                if y < 1 { inNonEvents = true }
            } else {
                if y > 0 { outEvents = true }
                if y < 1 { outNonEvents = true }
            }
        }
    }
}

/// The general case, found after fitting: fitted probabilities numerically 0 or 1 (R's test,
/// within 10 ε) while some coefficients were still growing at the last iteration, which does
/// not happen when the estimates exist (IRLS then converges quadratically). The last step
/// β̂ₖ − β̂ₖ₋₁ points along the separating direction; the culprits are the non-constant columns
/// whose share of that step, per standard deviation of the column, is at least a quarter of the
/// largest. The separation is complete when the deviance has gone to zero (every outcome is
/// predicted perfectly in the limit), quasi-complete otherwise.
func fittedSeparation(_ fit: IRLSResult, design: Matrix, labels: [String]) -> GLMError? {
    let epsilon = 10 * Double.ulpOfOne
    let extreme = fit.mu.filter { $0 < epsilon || $0 > 1 - epsilon }.count
    guard extreme > 0, fit.coefficientHistory.count >= 2 else { return nil }
    let last = fit.coefficientHistory[fit.coefficientHistory.count - 1]
    let before = fit.coefficientHistory[fit.coefficientHistory.count - 2]
    let n = Double(design.rows)
    var changes: [(column: Int, change: Double, varies: Bool)] = []
    for j in fit.keptColumns {
        let column = design.column(j)
        let mean = column.reduce(0, +) / n
        let spread = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        changes.append((j, abs(last[j] - before[j]) * (spread > 0 ? spread : 1), spread > 0))
    }
    let largest = changes.map(\.change).max() ?? 0
    guard largest > 0.01 || !fit.converged else { return nil }
    let culprits = changes.filter { $0.varies && $0.change >= 0.25 * largest }.map { labels[$0.column] }
    let kind: GLMError.SeparationKind = fit.deviance < 1e-6 ? .complete : .quasiComplete
    return .separation(kind: kind, culprits: culprits,
                       detail: "\(extreme) of \(fit.mu.count) fitted probabilities are numerically 0 or 1 and the coefficients keep growing")
}
