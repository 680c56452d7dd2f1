/// The penalty of a penalised logistic regression, in glmnet's elastic-net parameterisation.
///
/// The penalty on the standardised coefficients β is
/// `λ Σⱼ ((1 − α)/2 βⱼ² + α |βⱼ|)`; the intercept is never penalised.
public enum Penalty: Hashable, Sendable {
    /// Ridge regression: α = 0, every factor kept, coefficients shrunk towards zero.
    case ridge
    /// The lasso: α = 1, coefficients shrunk and some set exactly to zero.
    case lasso
    /// The elastic net with mixing parameter `alpha` in [0, 1] (0 is ridge, 1 is the lasso).
    case elasticNet(alpha: Double)

    /// The mixing parameter α.
    public var alpha: Double {
        switch self {
        case .ridge: return 0
        case .lasso: return 1
        case .elasticNet(let alpha): return alpha
        }
    }

    /// Checks that α lies in [0, 1].
    ///
    /// - Throws: ``RiskModelError/invalidSetting(setting:value:reason:)`` naming `alpha`.
    func validate() throws {
        guard alpha >= 0 && alpha <= 1 else {
            throw RiskModelError.invalidSetting(setting: "alpha", value: "\(alpha)", reason: "it must lie between 0 (ridge) and 1 (lasso)")
        }
    }
}
