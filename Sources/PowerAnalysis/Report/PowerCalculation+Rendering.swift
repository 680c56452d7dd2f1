import Foundation

extension PowerCalculation {
    /// The calculation in `format`, ending with a newline.
    ///
    /// - Parameter format: The output format.
    /// - Returns: The text to print or save.
    public func rendered(as format: PowerReportFormat) -> String {
        switch format {
        case .text: return settingsLines.joined(separator: "\n") + "\n" + ReportText.aligned(resultRows.map { [$0.0, $0.1] })
        case .markdown:
            return settingsLines.map { "- " + $0 }.joined(separator: "\n") + "\n\n"
                + ReportText.markdownTable([["result", "value"]] + resultRows.map { [$0.0, $0.1] })
        case .csv:
            let fields = csvFields
            return ReportText.csv([fields.map(\.0), fields.map(\.1)])
        case .json:
            var object: [String: Any] = [:]
            for (key, value) in csvFields {
                if let number = Double(value), !["outcome", "multiplicity", "solved_for"].contains(key) {
                    object[key] = number
                } else {
                    object[key] = value == "NA" ? NSNull() : value
                }
            }
            object["strict"] = design.strict
            return ReportText.json(object)
        }
    }

    /// The outcome's own settings in words.
    private var outcomeText: String {
        switch design.outcome {
        case let .means(sd): return "difference in means (standard deviation \(ReportText.number(sd)))"
        case let .proportions(p0): return "difference in proportions (control proportion \(ReportText.number(p0)))"
        case let .rates(rate, time): return "rate ratio (control rate \(ReportText.number(rate)) per unit time, follow-up \(ReportText.number(time)))"
        }
    }

    private var settingsLines: [String] {
        let k = design.interventionArms
        return [
            "Solved for: \(solvedFor == .sampleSize ? "sample size" : solvedFor == .effect ? "minimum detectable effect" : "power")",
            "Outcome: \(outcomeText)",
            "Arms: \(k) intervention arm\(k == 1 ? "" : "s") each against control; allocation control : each arm = \(ReportText.number(design.controlRatio)) : 1",
            "Significance level: \(ReportText.number(design.significanceLevel)) two-sided\(design.strict ? " (both rejection regions)" : ""); multiplicity: \(multiplicityText)",
            "Design effect: \(ReportText.number(design.designEffect)) (intracluster correlation \(ReportText.number(design.intraclusterCorrelation)), cluster size \(ReportText.number(design.clusterSize))); covariate R-squared: \(ReportText.number(design.covariateRSquared)) with \(design.covariateCount) covariate\(design.covariateCount == 1 ? "" : "s")",
        ]
    }

    private var multiplicityText: String {
        switch design.multipleComparisons {
        case .none: return "none"
        case .bonferroni: return "Bonferroni"
        case .holm: return "Holm (power of its first step, a lower bound)"
        case .dunnett: return "Dunnett single-step"
        }
    }

    private var resultRows: [(String, String)] {
        let recruit = recruitment
        var rows: [(String, String)] = [
            ("Total sample size", ReportText.number(totalSize, digits: 6)),
            ("People in control", ReportText.number(controlSize, digits: 6)),
            ("People in each intervention arm", ReportText.number(armSize, digits: 6)),
            ("To recruit (whole people\(design.clusterSize > 1 ? " in whole clusters" : ""))",
             "\(recruit.total) = \(recruit.control) + \(design.interventionArms) x \(recruit.arm)"),
        ]
        if design.clusterSize > 1 {
            rows.append(("Clusters to recruit", "\(Int((Double(recruit.total) / design.clusterSize).rounded(.up)))"))
        }
        rows += [
            ("Effect per arm (\(design.outcome.name))", ReportText.number(effect, digits: 6)),
            ("Power per arm", ReportText.number(power, digits: 6)),
            ("Standard error per comparison\(isRate ? " (log scale)" : "")", ReportText.number(standardError, digits: 6)),
            ("Reference distribution", degreesOfFreedom.map { "Student t, \(ReportText.number($0, digits: 6)) df" } ?? "normal"),
            ("Critical value", ReportText.number(criticalValue, digits: 6)),
        ]
        return rows
    }

    private var isRate: Bool {
        if case .rates = design.outcome { return true }
        return false
    }

    private var csvFields: [(String, String)] {
        var outcomeSetting: (Double, Double?) {
            switch design.outcome {
            case let .means(sd): return (sd, nil)
            case let .proportions(p0): return (p0, nil)
            case let .rates(rate, time): return (rate, time)
            }
        }
        let outcomeName: String
        switch design.outcome {
        case .means: outcomeName = "means"
        case .proportions: outcomeName = "proportions"
        case .rates: outcomeName = "rates"
        }
        let recruit = recruitment
        return [
            ("solved_for", solvedFor.rawValue), ("outcome", outcomeName),
            ("outcome_setting", ReportText.csvNumber(outcomeSetting.0)),
            ("follow_up", outcomeSetting.1.map(ReportText.csvNumber) ?? "NA"),
            ("intervention_arms", "\(design.interventionArms)"), ("control_ratio", ReportText.csvNumber(design.controlRatio)),
            ("alpha", ReportText.csvNumber(design.significanceLevel)), ("multiplicity", design.multipleComparisons.rawValue),
            ("icc", ReportText.csvNumber(design.intraclusterCorrelation)), ("cluster_size", ReportText.csvNumber(design.clusterSize)),
            ("r_squared", ReportText.csvNumber(design.covariateRSquared)), ("covariates", "\(design.covariateCount)"),
            ("total_size", ReportText.csvNumber(totalSize)), ("control_size", ReportText.csvNumber(controlSize)),
            ("arm_size", ReportText.csvNumber(armSize)), ("recruit_total", "\(recruit.total)"),
            ("effect", ReportText.csvNumber(effect)), ("power", ReportText.csvNumber(power)),
            ("std_error", ReportText.csvNumber(standardError)), ("df", degreesOfFreedom.map(ReportText.csvNumber) ?? "NA"),
            ("critical_value", ReportText.csvNumber(criticalValue)),
        ]
    }
}
