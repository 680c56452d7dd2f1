import Foundation

/// The logistic function 1 / (1 + e^(−η)): log odds to a probability.
@inline(__always)
func logistic(_ eta: Double) -> Double {
    1 / (1 + exp(-eta))
}

/// The logit log(p / (1 − p)): a probability to log odds.
@inline(__always)
func logit(_ probability: Double) -> Double {
    log(probability / (1 - probability))
}
