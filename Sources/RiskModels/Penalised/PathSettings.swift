/// How a penalised logistic regression path is fitted: glmnet's settings, with glmnet's defaults.
public struct PathSettings: Hashable, Sendable {
    /// The number of λ values when the sequence is generated. Defaults to 100; at least 1.
    public var lambdaCount: Int
    /// The smallest generated λ as a fraction of λ_max, or `nil` for glmnet's default: 0.01 when
    /// there are fewer people than factors, 1e-4 otherwise. In (0, 1).
    public var lambdaMinRatio: Double?
    /// An explicit decreasing sequence of positive λ values, replacing the generated one. With
    /// it, every λ is fitted (no early stop), as glmnet does for a user-supplied `lambda`.
    public var lambdas: [Double]?
    /// The convergence threshold: coordinate descent and the reweighting stop when every
    /// coefficient's change, squared and weighted by its curvature, is below `threshold` times
    /// the null deviance per person. Defaults to glmnet's 1e-7; positive.
    public var threshold: Double
    /// The most passes over the coefficients, over the whole path. Defaults to glmnet's 100,000.
    public var maximumPasses: Int

    /// Creates path settings; every argument defaults to glmnet's default.
    public init(lambdaCount: Int = 100, lambdaMinRatio: Double? = nil, lambdas: [Double]? = nil,
                threshold: Double = 1e-7, maximumPasses: Int = 100_000) {
        self.lambdaCount = lambdaCount
        self.lambdaMinRatio = lambdaMinRatio
        self.lambdas = lambdas
        self.threshold = threshold
        self.maximumPasses = maximumPasses
    }

    /// Checks every setting's range.
    ///
    /// - Throws: ``RiskModelError/invalidSetting(setting:value:reason:)`` naming the setting.
    func validate() throws {
        guard lambdaCount >= 1 else {
            throw RiskModelError.invalidSetting(setting: "lambda_count", value: "\(lambdaCount)", reason: "it must be at least 1")
        }
        if let ratio = lambdaMinRatio, !(ratio > 0 && ratio < 1) {
            throw RiskModelError.invalidSetting(setting: "lambda_min_ratio", value: "\(ratio)", reason: "it must lie strictly between 0 and 1")
        }
        if let lambdas {
            guard !lambdas.isEmpty, lambdas.allSatisfy({ $0 >= 0 && $0.isFinite }),
                  zip(lambdas, lambdas.dropFirst()).allSatisfy({ $0 > $1 }) else {
                throw RiskModelError.invalidSetting(setting: "lambda", value: "\(lambdas)",
                                                    reason: "it must be a non-empty, strictly decreasing list of finite values of at least 0")
            }
        }
        guard threshold > 0 && threshold.isFinite else {
            throw RiskModelError.invalidSetting(setting: "threshold", value: "\(threshold)", reason: "it must be a positive number")
        }
        guard maximumPasses >= 1 else {
            throw RiskModelError.invalidSetting(setting: "maximum_passes", value: "\(maximumPasses)", reason: "it must be at least 1")
        }
    }
}
