extension TrueEffects {
    /// The truth as JSON text with a fixed key order, for `truth.json`.
    func jsonText(seed: UInt64, generatorVersion: String, followUpDays: Int, arms armSettings: [(name: String, rateRatio: Double)]) -> String {
        func number(_ value: Double) -> String { "\(value)" }
        var lines: [String] = []
        lines.append("{")
        lines.append("  \"seed\": \(seed),")
        lines.append("  \"generator\": \"PreventKit StudySimulation\",")
        lines.append("  \"generator_version\": \"\(generatorVersion)\",")
        lines.append("  \"follow_up_days\": \(followUpDays),")
        lines.append("  \"analysed_people\": \(people),")
        lines.append("  \"estimand\": \"The effects on the analysed people (everyone allocated), as each estimator tends to when the same people are allocated again with the protocol's arm shares and their offending is drawn afresh: risk_difference is the average over them of the difference in their true probabilities of any counted offence within their follow-up; rate_ratio is the ratio of expected counted offences; harm_mean_difference is the difference in expected harm per person in days; hazard_ratio is the limit of a Cox model on arm indicators with continuous event times. Counted offences are those within follow-up not found by proactive policing.\",")
        lines.append("  \"method\": \"Computed from the generating model: risk difference, rate ratio and harm mean difference in closed form; hazard ratio by Gauss-Legendre quadrature of the expected Cox score and Newton's method.\",")
        lines.append("  \"generating_rate_ratios\": {" + armSettings.map { "\"\($0.name)\": \(number($0.rateRatio))" }.joined(separator: ", ") + "},")
        lines.append("  \"control\": {\"arm\": \"\(control)\", \"risk\": \(number(controlRisk)), \"mean_count\": \(number(controlMeanCount)), \"mean_harm\": \(number(controlMeanHarm))},")
        lines.append("  \"effects\": [")
        for (index, arm) in arms.enumerated() {
            let comma = index == arms.count - 1 ? "" : ","
            lines.append("    {\"arm\": \"\(arm.arm)\", \"against\": \"\(control)\", \"risk\": \(number(arm.risk)), \"risk_difference\": \(number(arm.riskDifference)), \"rate_ratio\": \(number(arm.rateRatio)), \"harm_mean_difference\": \(number(arm.harmMeanDifference)), \"hazard_ratio\": \(number(arm.hazardRatio))}\(comma)")
        }
        lines.append("  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
