/// Which logistic regression a fitted risk model is.
public enum RiskModelKind: Hashable, Sendable {
    /// Plain maximum-likelihood logistic regression.
    case plain
    /// A penalised logistic regression (ridge, lasso or elastic net), λ chosen by
    /// cross-validation.
    case penalised(Penalty)

    /// Ridge regression.
    public static let ridge = RiskModelKind.penalised(.ridge)
    /// The lasso.
    public static let lasso = RiskModelKind.penalised(.lasso)

    /// The kind's name in study settings and reports: `plain`, `ridge`, `lasso` or
    /// `elastic_net(alpha)`.
    public var name: String {
        switch self {
        case .plain: return "plain"
        case .penalised(.ridge): return "ridge"
        case .penalised(.lasso): return "lasso"
        case .penalised(.elasticNet(let alpha)): return "elastic_net(\(alpha))"
        }
    }
}

/// Which cross-validated λ a penalised risk model uses.
public enum LambdaChoice: String, Hashable, Sendable, CaseIterable {
    /// The λ with the smallest cross-validated deviance (glmnet's `lambda.min`).
    case minimum = "lambda.min"
    /// The largest λ within one standard error of it: a sparser, more cautious model
    /// (glmnet's `lambda.1se`).
    case oneStandardError = "lambda.1se"
}
