import Foundation

/// The gamma function, used only for starting values and for leading terms in logarithms, where
/// a few ulps of absolute error do not matter. Densities and tails go through ``SaddlePoint``.
enum GammaFunction {
    /// `log |Γ(x)|` from the C library.
    static func logGamma(_ x: Double) -> Double {
        let value: Double = Foundation.lgamma(x)
        return value
    }
}
