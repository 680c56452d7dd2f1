import Foundation
import LinearAlgebra

/// A generalised linear model fitted by iteratively reweighted least squares (IRLS), as R's
/// `glm` fits it.
///
/// The fit follows R's `glm.fit`: R's starting values (`mustart`), the convergence rule
/// |D − D_old| / (|D| + 0.1) < 1e-8 on the deviance D with at most 25 iterations, step halving
/// when a step gives a non-finite deviance, and aliased columns dropped as R drops them (pivoted
/// QR with R's limited pivoting, tolerance 1e-11; their coefficients are NaN, R's `NA`). Each
/// weighted least-squares step solves the normal equations by Cholesky, accumulating XᵀWX a
/// block of rows at a time, and switches to the QR of W^½X when a Cholesky pivot shows a column
/// nearly dependent on the others (``solver`` says which was used). Coefficients, the
/// model-based covariance, deviance, null deviance and AIC agree with R's `glm` (and
/// `summary.glm`) to about 1e-8 relative on well-conditioned designs.
///
/// For ``Family/binomial``, separation is detected instead of reporting diverging estimates: an
/// indicator column (an arm, a block or a 0/1 covariate) within whose rows, or outside whose
/// rows, the outcome is constant, or (for continuous covariates) fitted probabilities
/// numerically 0 or 1 with coefficients still growing at the last iteration. Either throws
/// ``GLMError/separation(kind:culprits:detail:)`` naming the columns responsible.
public struct GeneralisedLinearModel: Sendable {
    /// The family and link.
    public let family: Family
    /// The design columns' names, one per column of the design.
    public let columnNames: [String]
    /// One coefficient per design column, NaN for dropped (aliased) columns.
    public let coefficients: Vector
    /// The design columns kept, in increasing order; ``covariance`` follows this order.
    public let keptColumns: [Int]
    /// The model-based covariance φ (XᵀWX)⁻¹ over the kept columns, with W the working weights of
    /// the last iteration, as `vcov(glm)`.
    public let covariance: Matrix
    /// The model-based standard errors, one per design column, NaN for dropped columns.
    public let standardErrors: Vector
    /// The residual deviance.
    public let deviance: Double
    /// The deviance of the model with the intercept (and offset) alone, as R's `null.deviance`.
    public let nullDeviance: Double
    /// Akaike's information criterion as R's `AIC(glm)`.
    public let aic: Double
    /// The dispersion φ used for the model-based covariance: 1 for these families.
    public let dispersion: Double
    /// The Pearson statistic Σ wᵢ(yᵢ − μᵢ)² / V(μᵢ) divided by the residual degrees of freedom:
    /// well above 1 for counts, it signals overdispersion.
    public let pearsonDispersion: Double
    /// N − rank.
    public let residualDegreesOfFreedom: Int
    /// N − 1 with an intercept, N without.
    public let nullDegreesOfFreedom: Int
    /// N, the number of rows.
    public let observationCount: Int
    /// The deviance after each iteration.
    public let devianceHistory: [Double]
    /// How the weighted least-squares steps were solved.
    public let solver: IRLSSolver
    /// μ̂, the fitted means.
    public let fittedValues: Vector
    /// η̂ = Xβ̂ + offset.
    public let linearPredictor: Vector
    /// The working weights of the last iteration (prior weights included), R's
    /// `weights(fit, "working")`.
    public let workingWeights: Vector
    /// The working residuals (yᵢ − μᵢ) / μ'(ηᵢ), R's `residuals(fit, "working")`.
    public let workingResiduals: Vector

    /// The design, kept for the sandwich covariances.
    let design: Matrix

    /// The number of IRLS iterations, R's `iter`.
    public var iterations: Int { devianceHistory.count }
    /// The rank of the design: the number of kept columns.
    public var rank: Int { keptColumns.count }
    /// The dropped (aliased) columns, in increasing order.
    public var droppedColumns: [Int] { (0 ..< columnNames.count).filter { !keptColumns.contains($0) } }
    /// The names of the dropped (aliased) columns.
    public var droppedColumnNames: [String] { droppedColumns.map { columnNames[$0] } }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: The N × K design matrix (include a column of ones for an intercept: a column
    ///     of ones is taken as the intercept for the null deviance).
    ///   - response: N outcomes: proportions in [0, 1] for binomial (0/1 for binary outcomes),
    ///     non-negative counts otherwise. A mismatch in length traps.
    ///   - columnNames: K names, used for dropped columns and in errors; default `x1`, `x2`...
    ///   - family: The family and link.
    ///   - weights: N positive prior weights (for binomial proportions: the numbers of trials),
    ///     or `nil` for ones.
    ///   - offset: N known terms added to the linear predictor (log exposure for rates), or
    ///     `nil`.
    ///   - control: The convergence settings; default R's.
    /// - Throws: ``GLMError/invalidOutcome(column:row:value:requirement:)`` for an outcome the
    ///   family cannot take or a non-finite value; ``GLMError/separation(kind:culprits:detail:)``
    ///   (binomial); ``GLMError/notConverged(iterations:devianceHistory:)`` with the deviance of
    ///   every iteration; `LinearAlgebraError` if a factorisation fails.
    /// - Complexity: O(N K²) per iteration, in one pass over the design.
    public init(design: Matrix, response: [Double], columnNames: [String]? = nil, family: Family,
                weights: [Double]? = nil, offset: [Double]? = nil, control: IRLSControl = IRLSControl()) throws {
        let names = columnNames ?? (0 ..< design.columns).map { "x\($0 + 1)" }
        try self.init(design: design, response: response, columnNames: names,
                      columnLabels: names.map { "column '\($0)'" }, outcomeName: "response", family: family,
                      weights: weights, offset: offset, control: control, etaStart: nil)
    }

    /// The fit behind the public initialiser, with labels for errors and an optional start.
    init(design: Matrix, response: [Double], columnNames: [String], columnLabels: [String], outcomeName: String,
         family: Family, weights: [Double]?, offset: [Double]?, control: IRLSControl, etaStart: [Double]?) throws {
        let n = design.rows
        precondition(response.count == n, "GeneralisedLinearModel: \(response.count) outcomes for \(n) design rows")
        precondition(columnNames.count == design.columns, "GeneralisedLinearModel: \(columnNames.count) names for \(design.columns) columns")
        precondition(weights == nil || weights!.count == n, "GeneralisedLinearModel: weights of the wrong length")
        precondition(offset == nil || offset!.count == n, "GeneralisedLinearModel: offset of the wrong length")
        try Self.validate(response: response, family: family, outcomeName: outcomeName)
        let priorWeights = weights ?? [Double](repeating: 1, count: n)
        if family == .binomial {
            if let separation = indicatorSeparation(design: design, response: response, weights: priorWeights,
                                                    labels: columnLabels) {
                throw separation
            }
        }
        let result: IRLSResult
        switch family {
        case .binomial:
            result = try IRLSFitter(kernel: BinomialLogitKernel(), x: design, y: response, weights: priorWeights,
                                    offset: offset, control: control).fit(etaStart: etaStart)
        case .poisson:
            result = try IRLSFitter(kernel: PoissonLogKernel(), x: design, y: response, weights: priorWeights,
                                    offset: offset, control: control).fit(etaStart: etaStart)
        case .negativeBinomial(let theta):
            precondition(theta > 0 && theta.isFinite, "GeneralisedLinearModel: theta \(theta) is not positive and finite")
            result = try IRLSFitter(kernel: NegativeBinomialLogKernel(theta: theta), x: design, y: response,
                                    weights: priorWeights, offset: offset, control: control).fit(etaStart: etaStart)
        }
        if family == .binomial,
           let separation = fittedSeparation(result, design: design, labels: columnLabels) {
            throw separation
        }
        guard result.converged else {
            throw GLMError.notConverged(iterations: result.devianceHistory.count, devianceHistory: result.devianceHistory)
        }

        self.family = family
        self.columnNames = columnNames
        self.design = design
        keptColumns = result.keptColumns
        coefficients = Vector(result.coefficients)
        dispersion = 1
        covariance = dispersion * result.unscaledCovariance
        var se = [Double](repeating: .nan, count: design.columns)
        for (position, column) in result.keptColumns.enumerated() {
            se[column] = covariance[position, position].squareRoot()
        }
        standardErrors = Vector(se)
        deviance = result.deviance
        devianceHistory = result.devianceHistory
        solver = result.solver
        observationCount = n
        fittedValues = Vector(result.mu)
        linearPredictor = Vector(result.eta)
        workingWeights = Vector(result.workingWeights)
        workingResiduals = Vector(result.workingResiduals)
        residualDegreesOfFreedom = n - result.keptColumns.count

        let intercept = design.withUnsafeBufferPointer { values in
            (0 ..< design.columns).first { j in values[(j * n) ..< ((j + 1) * n)].allSatisfy { $0 == 1 } }
        }
        nullDegreesOfFreedom = n - (intercept == nil ? 0 : 1)
        nullDeviance = try Self.nullDeviance(family: family, response: response, weights: priorWeights,
                                             offset: offset, hasIntercept: intercept != nil, control: control)
        aic = family.aicTerm(response: response, fitted: result.mu, weights: priorWeights) + 2 * Double(result.keptColumns.count)
        pearsonDispersion = result.pearsonChiSquared / Double(residualDegreesOfFreedom)
    }

    private static func validate(response: [Double], family: Family, outcomeName: String) throws {
        for (row, value) in response.enumerated() {
            guard value.isFinite else {
                throw GLMError.invalidOutcome(column: outcomeName, row: row, value: value,
                                              requirement: "outcomes must be finite numbers")
            }
            switch family {
            case .binomial where value < 0 || value > 1:
                throw GLMError.invalidOutcome(column: outcomeName, row: row, value: value,
                                              requirement: "a binary outcome must be 0 or 1 (or a proportion between 0 and 1)")
            case .poisson where value < 0, .negativeBinomial where value < 0:
                throw GLMError.invalidOutcome(column: outcomeName, row: row, value: value,
                                              requirement: "a count must not be negative")
            default:
                continue
            }
        }
    }

    private static func nullDeviance(family: Family, response: [Double], weights: [Double], offset: [Double]?,
                                     hasIntercept: Bool, control: IRLSControl) throws -> Double {
        let n = response.count
        if hasIntercept, let offset {
            // As R's glm: refit the intercept alone with the offset.
            let ones = Matrix(rows: n, columns: 1, repeating: 1)
            let fit: IRLSResult
            switch family {
            case .binomial:
                fit = try IRLSFitter(kernel: BinomialLogitKernel(), x: ones, y: response, weights: weights,
                                     offset: offset, control: control).fit()
            case .poisson:
                fit = try IRLSFitter(kernel: PoissonLogKernel(), x: ones, y: response, weights: weights,
                                     offset: offset, control: control).fit()
            case .negativeBinomial(let theta):
                fit = try IRLSFitter(kernel: NegativeBinomialLogKernel(theta: theta), x: ones, y: response,
                                     weights: weights, offset: offset, control: control).fit()
            }
            return fit.deviance
        }
        let totalWeight = weights.reduce(0, +)
        let weightedMean = zip(response, weights).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
        return ParallelRows.sum(count: n) { rows in
            rows.reduce(0.0) { sum, i in
                let mu = hasIntercept ? weightedMean : family.mean(offset?[i] ?? 0)
                return sum + family.unitDeviance(response[i], mu, weights[i])
            }
        }
    }
}

extension Family {
    /// The family's kernel functions, for the few places outside the IRLS loops that need them.
    private var kernel: any FamilyKernel {
        switch self {
        case .binomial: BinomialLogitKernel()
        case .poisson: PoissonLogKernel()
        case .negativeBinomial(let theta): NegativeBinomialLogKernel(theta: theta)
        }
    }

    func mean(_ eta: Double) -> Double { kernel.mean(eta) }
    func unitDeviance(_ y: Double, _ mu: Double, _ weight: Double) -> Double { kernel.deviance(y, mu, weight) }

    /// −2 log-likelihood as R's `family$aic` (before 2 × rank is added); for the negative
    /// binomial, with θ fixed (`MASS::glm.nb` adds 2 for θ itself).
    func aicTerm(response: [Double], fitted: [Double], weights: [Double]) -> Double {
        let total = ParallelRows.sum(count: response.count) { rows in
            var total = 0.0
            for i in rows {
                aicContribution(response[i], fitted[i], weights[i], into: &total)
            }
            return total
        }
        return -2 * total
    }

    /// Adds one row's log-likelihood to `total`.
    private func aicContribution(_ y: Double, _ mu: Double, _ w: Double, into total: inout Double) {
        switch self {
        case .binomial:
            let trials = w.rounded(), events = (w * y).rounded()
            // One trial (a 0/1 outcome) has a binomial coefficient of 1.
            let logChoose = trials == 1 ? 0 : lgamma(trials + 1) - lgamma(events + 1) - lgamma(trials - events + 1)
            total += logChoose + (events > 0 ? events * log(mu) : 0)
                + (trials - events > 0 ? (trials - events) * log(1 - mu) : 0)
        case .poisson:
            total += w * ((y > 0 ? y * log(mu) : 0) - mu - lgamma(y + 1))
        case .negativeBinomial(let theta):
            total += w * negativeBinomialLogDensity(y, mu: mu, theta: theta)
        }
    }
}

/// log P(Y = y) for NB2 with mean μ and shape θ, written as `MASS::glm.nb`'s log-likelihood.
func negativeBinomialLogDensity(_ y: Double, mu: Double, theta: Double) -> Double {
    lgamma(theta + y) - lgamma(theta) - lgamma(y + 1) + theta * log(theta)
        + y * log(mu + (y == 0 ? 1 : 0)) - (theta + y) * log(theta + mu)
}
