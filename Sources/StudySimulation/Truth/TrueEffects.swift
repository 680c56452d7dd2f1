import Foundation

/// The true effects of each arm against control on the outcomes the analyses estimate, for a
/// given set of analysed people: the targets that the confidence intervals of `prevent analyse`
/// should cover at their nominal rate.
///
/// Every value is the one the estimator tends to when the same people are allocated again and
/// again with the arms' shares and their offending is drawn afresh each time (the people, their
/// latent propensity and frailty and their follow-up windows held fixed):
/// - risk difference: the average over the people of the difference in their true probabilities
///   of any counted offence within their follow-up (the limit of the difference in proportions
///   that a linear probability model estimates);
/// - rate ratio: the ratio of expected counted offences, which equals the model's rate ratio
///   because every arm multiplies each person's rate by the same factor;
/// - harm mean difference: the average over the people of the difference in their expected harm;
/// - hazard ratio: the limit of the Cox estimate on arm indicators, the root of the expected
///   partial-likelihood score with continuous event times (each person's hazard is constant,
///   so the people's mix changes over time and the marginal hazards are not quite proportional).
///
/// All four are computed from the generating model: the first three in closed form, the hazard
/// ratio by Gauss-Legendre quadrature of the expected score and Newton's method.
public struct TrueEffects: Sendable, Hashable {
    /// One arm's true effects against control.
    public struct ArmEffects: Sendable, Hashable {
        /// The arm.
        public var arm: String
        /// The generating rate ratio (and each person's hazard ratio).
        public var generatingRateRatio: Double
        /// The risk difference in any counted offence within follow-up.
        public var riskDifference: Double
        /// The rate ratio of counted offences.
        public var rateRatio: Double
        /// The difference in mean harm, in days.
        public var harmMeanDifference: Double
        /// The hazard ratio of the first counted offence that a Cox model on arm indicators estimates.
        public var hazardRatio: Double
        /// The average true probability of any counted offence under this arm.
        public var risk: Double
    }

    /// The control arm's name.
    public var control: String
    /// The average true probability of any counted offence under control.
    public var controlRisk: Double
    /// The expected number of counted offences per person under control.
    public var controlMeanCount: Double
    /// The expected harm per person under control, in days.
    public var controlMeanHarm: Double
    /// The number of analysed people.
    public var people: Int
    /// Each intervention arm's effects, in protocol order.
    public var arms: [ArmEffects]

    /// Computes the true effects.
    ///
    /// - Parameters:
    ///   - countedRates: each analysed person's daily rate of counted offences under control.
    ///   - followUpDays: each person's follow-up in whole days (the window, or the days to loss).
    ///   - armNames: the arms, control first.
    ///   - armShares: the allocation share of each arm (summing to 1), in the same order.
    ///   - rateRatios: each arm's rate ratio against control, in the same order (control's is 1).
    ///   - meanCountedHarm: the expected harm of one counted offence, in days.
    /// - Precondition: equal counts, positive rates, windows and shares.
    public init(countedRates: [Double], followUpDays: [Int], armNames: [String], armShares: [Double], rateRatios: [Double],
                meanCountedHarm: Double) {
        precondition(countedRates.count == followUpDays.count && !countedRates.isEmpty, "one rate and window per person")
        precondition(armNames.count == armShares.count && armNames.count == rateRatios.count && armNames.count >= 2, "one share and ratio per arm")
        let n = Double(countedRates.count)
        func risk(_ ratio: Double) -> Double {
            zip(countedRates, followUpDays).reduce(0) { $0 + -Foundation.expm1(-$1.0 * ratio * Double($1.1)) } / n
        }
        let exposure = zip(countedRates, followUpDays).reduce(0) { $0 + $1.0 * Double($1.1) } / n
        let hazardRatios = CoxLimit(rates: countedRates, windows: followUpDays, shares: armShares, rateRatios: rateRatios).hazardRatios()
        control = armNames[0]
        controlRisk = risk(rateRatios[0])
        controlMeanCount = exposure * rateRatios[0]
        controlMeanHarm = exposure * rateRatios[0] * meanCountedHarm
        people = countedRates.count
        var arms: [ArmEffects] = []
        for a in 1 ..< armNames.count {
            let armRisk = risk(rateRatios[a])
            arms.append(ArmEffects(arm: armNames[a], generatingRateRatio: rateRatios[a] / rateRatios[0],
                                   riskDifference: armRisk - controlRisk, rateRatio: rateRatios[a] / rateRatios[0],
                                   harmMeanDifference: (rateRatios[a] - rateRatios[0]) * exposure * meanCountedHarm,
                                   hazardRatio: hazardRatios[a - 1], risk: armRisk))
        }
        self.arms = arms
    }

    /// The effects of one arm, or `nil` for an arm that is not an intervention arm.
    public func effects(of arm: String) -> ArmEffects? { arms.first { $0.arm == arm } }
}
