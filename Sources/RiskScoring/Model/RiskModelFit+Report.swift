import DisclosureControl
import Foundation
import Reporting
import RiskModels

extension RiskModelFit {
    /// The model's validation table as text: what was fitted and to whom, the cross-validated
    /// AUC with its DeLong interval, the Brier score, calibration slope and intercept, the
    /// coefficients, and the calibration table by group of predicted probability.
    ///
    /// The counts of the calibration table (people and events per group) go through disclosure
    /// control like any other published table, with the rule printed under it.
    ///
    /// - Parameter rule: the disclosure control for the counts; `nil` prints the true counts.
    public func report(rule: DisclosureRule?) -> String {
        let settings = model.settings
        let validation = model.validation
        func number(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }
        func count(_ value: Int) -> String {
            guard let rule else { return String(value) }
            return rule.isSmall(value) ? DisclosureRule.suppressedMarker : String(rule.rounded(value))
        }
        var kind: String
        switch settings.kind {
        case .plain: kind = "Logistic regression (maximum likelihood)"
        case let .penalised(penalty):
            kind = penalty == .lasso ? "Lasso logistic regression" : penalty == .ridge ? "Ridge logistic regression"
                : "Elastic-net logistic regression (alpha \(number(penalty.alpha, 2)))"
            if let lambda = model.lambda {
                kind += ", lambda \(String(format: "%.6g", lambda)) (\(settings.lambdaChoice == .minimum ? "minimum" : "one standard error") cross-validated deviance)"
            }
        }
        let level = Int((validation.auc.confidenceLevel * 100).rounded())
        var lines = [
            "Risk model: \(kind)",
            "Fitted to \(count(fittedRows.count)) people (\(count(validation.events)) with the outcome); "
                + "validated on out-of-fold predictions of \(model.folds.foldCount)-fold cross-validation.",
        ]
        if incompleteCount > 0 { lines.append("Left out: \(count(incompleteCount)) people with a factor not assessed (no probability given).") }
        if unobservedCount > 0 { lines.append("Left out of the fit: \(count(unobservedCount)) people with no observed outcome (probability given).") }
        if !constantFactors.isEmpty { lines.append("Factors the same for everyone fitted, left out: \(constantFactors.joined(separator: ", ")).") }
        lines += [
            "Cross-validated AUC \(number(validation.auc.area)) (\(level)% CI \(number(validation.auc.lower)) to \(number(validation.auc.upper)), DeLong)",
            "Brier score \(number(validation.brierScore)); calibration slope \(number(validation.calibrationSlope)), intercept \(number(validation.calibrationIntercept))",
            "Confidence in its probabilities: \(confidence)",
            "",
        ]
        var header = ["factor", "coefficient", "odds ratio"]
        if model.plainFit != nil { header += ["std. error", "p"] }
        var rows = [["(intercept)", number(model.intercept), ""] + (model.plainFit != nil ? ["", ""] : [])]
        for (k, name) in model.factorNames.enumerated() {
            var row = [name, number(model.coefficients[k]), number(exp(model.coefficients[k]))]
            if let plain = model.plainFit { row += [number(plain.standardErrors[k]), String(format: "%.4g", plain.pValues[k])] }
            rows.append(row)
        }
        let calibration = validation.calibrationTable
        let counts = CountTable(title: "Calibration", rowLabels: calibration.indices.map { "\($0 + 1)" },
                                columnLabels: ["events", "no event"],
                                counts: calibration.map { [$0.events, $0.count - $0.events] })
        let published = rule.map { $0.protect(counts) } ?? PublishedTable(unprotected: counts)
        let calibrationRows = calibration.indices.map { g in
            ["\(g + 1)", "\(number(calibration[g].lowerBound, 3))-\(number(calibration[g].upperBound, 3))",
             number(calibration[g].meanPredicted, 3), published.rowTotals![g].description,
             published.cells[g][0].description]
        }
        return lines.joined(separator: "\n") + "\n"
            + "Coefficients\n" + TextTable(header: header, rows: rows).plainText() + "\n"
            + "Calibration by group of predicted probability\n"
            + TextTable(header: ["group", "predicted", "mean predicted", "people", "events"], rows: calibrationRows).plainText()
            + published.note + "\n"
    }
}
