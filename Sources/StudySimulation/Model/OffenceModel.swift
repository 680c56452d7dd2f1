import Foundation

/// How the simulated people offend: a Poisson process for each person whose yearly rate is a
/// base rate times e^(β z) for the person's propensity z, times a gamma frailty of mean 1 that
/// the person keeps for life, times the rate ratio of the arm they were allocated to during
/// follow-up. Each offence has a code drawn from fixed shares and is found by proactive policing
/// with a probability that depends on its code.
///
/// Because every arm multiplies each person's whole offending rate by the same ratio, the ratio
/// is at once the true rate ratio of counted offences and each person's true hazard ratio for
/// the first counted offence.
public struct OffenceModel: Sendable, Hashable {
    /// One offence code of the harm table: how often offences carry it and how often they are
    /// found by proactive policing.
    public struct Code: Sendable, Hashable {
        /// The code, as in the harm-weights table.
        public var code: String
        /// The relative frequency of offences with this code.
        public var share: Double
        /// The probability that an offence with this code was found by proactive policing (and so
        /// is excluded from the outcomes).
        public var proactiveShare: Double
    }

    /// The offence codes.
    public var codes: [Code]
    /// The yearly offending rate of a person with propensity 0 and frailty 1, before follow-up.
    public var baseYearlyRate: Double
    /// β: the log rate ratio per unit of propensity.
    public var propensityEffect: Double
    /// The shape k of the gamma frailty (mean 1, variance 1/k).
    public var frailtyShape: Double
    /// The years before referral over which prior offences are recorded.
    public var priorYears: Int
    /// The factor applied to each person's rate during follow-up, before the arm's rate ratio:
    /// offending falls with age and with being noticed.
    public var followUpRateFactor: Double
    /// The rate ratio of each intervention arm against control, by arm name; control is 1.
    public var armRateRatios: [String: Double]

    /// The bundled study's model: about 0.35 offences a year at propensity 0 (β = 0.9, frailty
    /// shape 2), three years of prior records, 0.6 of the prior rate during follow-up, and true
    /// rate ratios 0.65 (police), 0.8 (partner) and 0.95 (social media) against control.
    public static let standard = OffenceModel(
        codes: [
            Code(code: "HOM", share: 0.0002, proactiveShare: 0),
            Code(code: "GBH", share: 0.01, proactiveShare: 0),
            Code(code: "ROB", share: 0.05, proactiveShare: 0),
            Code(code: "DRUG_SUPPLY", share: 0.08, proactiveShare: 0.4),
            Code(code: "KNIFE", share: 0.08, proactiveShare: 0.5),
            Code(code: "BURG_RES", share: 0.06, proactiveShare: 0),
            Code(code: "ABH", share: 0.12, proactiveShare: 0),
            Code(code: "VEH_THEFT", share: 0.06, proactiveShare: 0),
            Code(code: "CRIM_DAMAGE", share: 0.12, proactiveShare: 0),
            Code(code: "HARASS", share: 0.08, proactiveShare: 0),
            Code(code: "SHOP", share: 0.2, proactiveShare: 0),
            Code(code: "DRUG_POSS_B", share: 0.1498, proactiveShare: 0.6),
        ],
        baseYearlyRate: 0.35, propensityEffect: 0.9, frailtyShape: 2, priorYears: 3, followUpRateFactor: 0.6,
        armRateRatios: ["police": 0.65, "partner": 0.8, "social_media": 0.95]
    )

    /// The rate ratio of an arm against control (1 for control and any arm not listed).
    public func rateRatio(arm: String) -> Double { armRateRatios[arm] ?? 1 }

    /// The share of all offences that count: not found by proactive policing.
    public var countedShare: Double {
        let total = codes.reduce(0) { $0 + $1.share }
        return codes.reduce(0) { $0 + $1.share * (1 - $1.proactiveShare) } / total
    }

    /// The expected harm in days of one counted offence under `weights`.
    public func meanCountedHarm(weights: [String: Double]) -> Double {
        let counted = codes.reduce(0) { $0 + $1.share * (1 - $1.proactiveShare) }
        return codes.reduce(0) { $0 + $1.share * (1 - $1.proactiveShare) * (weights[$1.code] ?? 0) } / counted
    }

    /// A person's daily rate of all offences (counted or not) before follow-up.
    public func priorDailyRate(propensity: Double, frailty: Double) -> Double {
        baseYearlyRate / 365 * Foundation.exp(propensityEffect * propensity) * frailty
    }

    /// A person's daily rate of counted offences during follow-up under control.
    public func countedFollowUpDailyRate(propensity: Double, frailty: Double) -> Double {
        priorDailyRate(propensity: propensity, frailty: frailty) * followUpRateFactor * countedShare
    }
}
