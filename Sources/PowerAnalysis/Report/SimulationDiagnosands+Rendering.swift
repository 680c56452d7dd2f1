import Foundation

extension SimulationDiagnosands {
    /// The diagnosands in `format`, ending with a newline. Text and Markdown show each value
    /// with its Monte Carlo standard error in brackets.
    ///
    /// - Parameter format: The output format.
    /// - Returns: The text to print or save.
    public func rendered(as format: PowerReportFormat) -> String {
        switch format {
        case .text:
            return settingsLines.joined(separator: "\n") + "\n" + ReportText.aligned(displayRows)
                + "Power to find at least one arm: \(pair(anyArmPower))\n"
        case .markdown:
            return settingsLines.map { "- " + $0 }.joined(separator: "\n") + "\n\n" + ReportText.markdownTable(displayRows)
                + "\nPower to find at least one arm: \(pair(anyArmPower))\n"
        case .csv:
            var rows = [["arm", "estimand"] + Self.diagnosandNames.flatMap { [$0, $0 + "_mc_se"] } + ["replicates", "seed"]]
            for arm in arms {
                rows.append([arm.arm, ReportText.csvNumber(arm.estimand)]
                            + Self.values(arm).flatMap { [ReportText.csvNumber($0.value), ReportText.csvNumber($0.monteCarloError)] }
                            + ["\(replicates)", "\(seed)"])
            }
            return ReportText.csv(rows)
        case .json:
            let armObjects: [[String: Any]] = arms.map { arm in
                var object: [String: Any] = ["arm": arm.arm, "estimand": ReportText.jsonNumber(arm.estimand)]
                for (name, value) in zip(Self.diagnosandNames, Self.values(arm)) {
                    object[name] = ["value": ReportText.jsonNumber(value.value), "mc_se": ReportText.jsonNumber(value.monteCarloError)]
                }
                return object
            }
            return ReportText.json([
                "replicates": replicates, "seed": "\(seed)", "n": simulation.allocation.count,
                "scheme": simulation.allocation.design.scheme.rawValue, "adjustment": simulation.adjustment.rawValue,
                "clusters": simulation.isClusterDesign ? simulation.allocation.clusters.count : 0,
                "icc": simulation.intraclusterCorrelation, "estimand_scale": simulation.outcome.isRatio ? "log rate ratio" : "difference",
                "se_type": simulation.estimator.rawValue, "alpha": simulation.significanceLevel,
                "multiplicity": simulation.multipleComparisons.rawValue, "level": simulation.confidenceLevel,
                "arms": armObjects,
                "any_arm_power": ["value": anyArmPower.value, "mc_se": anyArmPower.monteCarloError],
            ])
        }
    }

    static let diagnosandNames = ["mean_estimate", "bias", "sd_estimate", "rmse", "mean_se", "coverage", "power"]

    static func values(_ arm: ArmDiagnosands) -> [ArmDiagnosands.Value] {
        [arm.meanEstimate, arm.bias, arm.standardDeviation, arm.rootMeanSquaredError, arm.meanStandardError, arm.coverage, arm.power]
    }

    private func pair(_ value: ArmDiagnosands.Value) -> String {
        "\(ReportText.number(value.value)) (\(ReportText.number(value.monteCarloError, digits: 2)))"
    }

    private var displayRows: [[String]] {
        let percent = ReportText.number(simulation.confidenceLevel * 100)
        let header = ["arm", "estimand", "mean estimate", "bias", "SD of estimates", "RMSE", "mean SE", "\(percent)% coverage", "power"]
        return [header] + arms.map { arm in [arm.arm, ReportText.number(arm.estimand)] + Self.values(arm).map(pair) }
    }

    private var settingsLines: [String] {
        let design = simulation.allocation.design
        let outcome: String
        switch simulation.outcome {
        case let .normal(mean, sd): outcome = "normal, control mean \(ReportText.number(mean)), standard deviation \(ReportText.number(sd))"
        case let .binary(p0): outcome = "binary, control proportion \(ReportText.number(p0))"
        case let .counts(rate, time, dispersion):
            let family = dispersion.map { "negative binomial (dispersion \(ReportText.number($0)))" } ?? "Poisson"
            outcome = "\(family) counts, control rate \(ReportText.number(rate)) over follow-up \(ReportText.number(time)); estimands are log rate ratios"
        }
        let clusters = simulation.isClusterDesign
            ? "; \(simulation.allocation.clusters.count) clusters allocated whole, intracluster correlation \(ReportText.number(simulation.intraclusterCorrelation))"
            : ""
        let model = simulation.outcome.isRatio
            ? "rate-ratio (Poisson) model, \(simulation.estimator.rawValue) sandwich standard errors, Wald z tests"
            : "adjustment \(simulation.adjustment.rawValue), \(simulation.estimator.rawValue) standard errors"
        let q = simulation.covariateCount
        let multiplicity: String
        switch simulation.multipleComparisons {
        case .none: multiplicity = "none"
        case .bonferroni: multiplicity = "Bonferroni"
        case .holm: multiplicity = "Holm step-down"
        case .dunnett: multiplicity = "Dunnett single-step (expected arm sizes)"
        }
        return [
            "Replicate trials: \(replicates) (seed \(seed)); each of \(simulation.allocation.count) people allocated by \(design.scheme.rawValue) to \(design.armNames.joined(separator: ", "))\(clusters)",
            "Outcome: \(outcome); \(q) covariate\(q == 1 ? "" : "s") explaining R-squared \(ReportText.number(simulation.covariateRSquared))",
            "Analysis: \(model); significance level \(ReportText.number(simulation.significanceLevel)) two-sided, multiplicity \(multiplicity)",
            "Monte Carlo standard errors in brackets",
        ]
    }
}
