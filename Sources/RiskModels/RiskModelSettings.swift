/// How a risk model is fitted and validated.
public struct RiskModelSettings: Hashable, Sendable {
    /// Plain, ridge, lasso or elastic net. Defaults to the lasso.
    public var kind: RiskModelKind
    /// The number of cross-validation folds, at least 3. Defaults to 10.
    public var folds: Int
    /// The seed of the random fold assignment. Defaults to 1.
    public var seed: UInt64
    /// A fold per person (1 to K), replacing the random assignment; `nil` by default.
    public var foldAssignment: [Int]?
    /// The cross-validated λ used. Defaults to `lambda.min`.
    public var lambdaChoice: LambdaChoice
    /// The penalised path's settings; glmnet's defaults by default.
    public var path: PathSettings
    /// The confidence level of the AUC's interval. Defaults to 0.95.
    public var confidenceLevel: Double
    /// The number of quantile groups in the calibration table. Defaults to 10 (deciles).
    public var calibrationGroups: Int
    /// Whether folds are fitted in parallel on every core. Defaults to `true`.
    public var concurrentFolds: Bool

    /// Creates settings; every argument has the default documented on its property.
    public init(kind: RiskModelKind = .lasso, folds: Int = 10, seed: UInt64 = 1, foldAssignment: [Int]? = nil,
                lambdaChoice: LambdaChoice = .minimum, path: PathSettings = PathSettings(),
                confidenceLevel: Double = 0.95, calibrationGroups: Int = 10, concurrentFolds: Bool = true) {
        self.kind = kind
        self.folds = folds
        self.seed = seed
        self.foldAssignment = foldAssignment
        self.lambdaChoice = lambdaChoice
        self.path = path
        self.confidenceLevel = confidenceLevel
        self.calibrationGroups = calibrationGroups
        self.concurrentFolds = concurrentFolds
    }
}
