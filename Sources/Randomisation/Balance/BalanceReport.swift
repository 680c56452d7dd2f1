import DataTables
import Statistics
import StudyProtocol

/// Baseline balance of an allocated cohort: each intervention arm against the control arm,
/// covariate by covariate, with an omnibus test of arm on each covariate and the counts per arm
/// and stratum.
///
/// - Numeric covariates: the standardised mean difference (arm mean - control mean) /
///   sqrt((s²_arm + s²_control) / 2), with sample variances (divisor n - 1), which is cobalt's
///   "pooled" standard deviation for a two-group comparison, and the variance ratio s²_arm /
///   s²_control.
/// - Binary covariates (a categorical field with two levels, or a numeric field of 0s and 1s):
///   the raw difference in proportions of the second level (or of 1); no variance ratio.
/// - Categorical covariates with more levels: one binary row per level.
/// - Omnibus test, one per covariate, of whether the covariate differs across all arms: for a
///   numeric covariate the one-way analysis-of-variance F test (R: `anova(lm(x ~ arm))`), for a
///   categorical one Pearson's chi-square test of independence of arm and level without
///   continuity correction (R: `chisq.test(table(arm, x), correct = FALSE)`). Levels no one has
///   are left out. These were checked against R 4.2 (see the balance tests).
///
/// Missing values are left out covariate by covariate.
public struct BalanceReport: Sendable {
    /// One covariate (or one level of a categorical covariate) in one arm against control.
    public struct Comparison: Sendable, Equatable {
        /// The covariate's name.
        public var covariate: String
        /// For a categorical covariate, the level whose proportion is compared.
        public var level: String?
        /// The intervention arm.
        public var arm: String
        /// Units with a value in the arm.
        public var count: Int
        /// Units with a value in control.
        public var controlCount: Int
        /// Mean in the arm (a proportion for a binary row).
        public var mean: Double
        /// Mean in control (a proportion for a binary row).
        public var controlMean: Double
        /// Standardised mean difference (numeric) or raw difference in proportions (binary).
        public var difference: Double
        /// Variance ratio arm / control (numeric rows only).
        public var varianceRatio: Double?
        /// Whether the row is binary (a difference in proportions).
        public var isBinary: Bool

        /// The row's label: the covariate, with `: level` for a level of a categorical covariate.
        public var label: String { level.map { "\(covariate): \($0)" } ?? covariate }
    }

    /// An omnibus test of arm on one covariate.
    public struct OmnibusTest: Sendable, Equatable {
        /// The test used.
        public enum Kind: String, Sendable {
            /// One-way analysis of variance F test.
            case anovaF = "F"
            /// Pearson chi-square test of independence, no continuity correction.
            case chiSquare = "chi-square"
        }

        /// The covariate tested.
        public var covariate: String
        /// The test.
        public var kind: Kind
        /// The test statistic (F or chi-square).
        public var statistic: Double
        /// Degrees of freedom (for F: numerator and denominator).
        public var degreesOfFreedom: [Double]
        /// The upper-tail p-value.
        public var pValue: Double
    }

    /// The arms, control first.
    public let arms: [String]
    /// The control arm.
    public let control: String
    /// Units per arm, in ``arms`` order.
    public let armCounts: [Int]
    /// Per stratum (label `value|value`), units per arm in ``arms`` order; empty when unstratified.
    public let strata: [(stratum: String, counts: [Int])]
    /// Arm against control, covariate by covariate.
    public let comparisons: [Comparison]
    /// One omnibus test per covariate.
    public let tests: [OmnibusTest]

    /// Computes the balance of a cohort.
    ///
    /// - Parameters:
    ///   - cohort: one row per unit, with the covariates as columns (numeric or categorical).
    ///   - armIndices: each row's arm index into `arms`.
    ///   - arms: the arms' names.
    ///   - control: the index of the control arm.
    ///   - covariates: the columns to compare.
    ///   - strata: the stratification columns (categorical), for the counts per stratum.
    ///   - levelOrder: for categorical covariates, the order to list levels in (a study's declared
    ///     levels); levels not named follow in the table's order. A two-level covariate is shown by
    ///     its first level in this order (by default the second in the table's sorted order, so
    ///     `yes` of `no`/`yes`).
    /// - Throws: `DataTableError` for a missing column.
    public init(cohort: DataTable, armIndices: [Int], arms: [String], control: Int, covariates: [String], strata: [String] = [],
                levelOrder: [String: [String]] = [:]) throws {
        precondition(armIndices.count == cohort.rowCount, "one arm per row")
        let order = [control] + arms.indices.filter { $0 != control }
        self.arms = order.map { arms[$0] }
        self.control = arms[control]
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let group = armIndices.map { position[$0]! }
        let k = arms.count
        var counts = [Int](repeating: 0, count: k)
        for g in group { counts[g] += 1 }
        armCounts = counts

        var strataCounts: [(String, [Int])] = []
        if !strata.isEmpty {
            let columns = try strata.map { try cohort.categorical($0) }
            var index: [String: Int] = [:]
            for row in 0 ..< cohort.rowCount {
                let label = columns.map { $0[row] ?? "NA" }.joined(separator: "|")
                let slot = index[label] ?? {
                    index[label] = strataCounts.count
                    strataCounts.append((label, [Int](repeating: 0, count: k)))
                    return strataCounts.count - 1
                }()
                strataCounts[slot].1[group[row]] += 1
            }
            strataCounts.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        }
        self.strata = strataCounts

        var comparisons: [Comparison] = []
        var tests: [OmnibusTest] = []
        for name in covariates {
            switch try cohort.column(name) {
            case let .numeric(column):
                let values = column.values
                let isBinary = values.allSatisfy { $0.isNaN || $0 == 0 || $0 == 1 }
                let groups = (0 ..< k).map { g in values.indices.filter { group[$0] == g && !values[$0].isNaN }.map { values[$0] } }
                for g in 1 ..< k {
                    comparisons.append(Self.compare(name, level: nil, arm: self.arms[g], groups[g], groups[0], binary: isBinary))
                }
                if let test = Self.anova(name, groups) { tests.append(test) }
            case let .categorical(column):
                let used = Set(column.codes.filter { $0 != CategoricalColumn.missingCode })
                var levels = column.levels.indices.filter { used.contains(Int32($0)) }
                let order = levelOrder[name] ?? []
                if !order.isEmpty {
                    levels.sort { (order.firstIndex(of: column.levels[$0]) ?? order.count + $0) < (order.firstIndex(of: column.levels[$1]) ?? order.count + $1) }
                }
                let shown = levels.count == 2 ? [order.isEmpty ? levels[1] : levels[0]] : levels
                for level in shown {
                    let groups = (0 ..< k).map { g in
                        column.codes.indices.filter { group[$0] == g && column.codes[$0] != CategoricalColumn.missingCode }
                            .map { column.codes[$0] == Int32(level) ? 1.0 : 0.0 }
                    }
                    for g in 1 ..< k {
                        comparisons.append(Self.compare(name, level: column.levels[level], arm: self.arms[g], groups[g], groups[0], binary: true))
                    }
                }
                var table = [[Double]](repeating: [Double](repeating: 0, count: levels.count), count: k)
                for row in 0 ..< cohort.rowCount where column.codes[row] != CategoricalColumn.missingCode {
                    table[group[row]][levels.firstIndex(of: Int(column.codes[row]))!] += 1
                }
                if let test = Self.chiSquare(name, table) { tests.append(test) }
            }
        }
        self.comparisons = comparisons
        self.tests = tests
    }

    private static func meanAndVariance(_ values: [Double]) -> (Double, Double) {
        let n = Double(values.count)
        guard n > 0 else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / n
        guard n > 1 else { return (mean, .nan) }
        return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1))
    }

    private static func compare(_ name: String, level: String?, arm: String, _ treated: [Double], _ control: [Double], binary: Bool) -> Comparison {
        let (mean, variance) = meanAndVariance(treated)
        let (controlMean, controlVariance) = meanAndVariance(control)
        let difference = binary ? mean - controlMean : (mean - controlMean) / ((variance + controlVariance) / 2).squareRoot()
        return Comparison(covariate: name, level: level, arm: arm, count: treated.count, controlCount: control.count,
                          mean: mean, controlMean: controlMean, difference: difference,
                          varianceRatio: binary ? nil : variance / controlVariance, isBinary: binary)
    }

    private static func anova(_ name: String, _ groups: [[Double]]) -> OmnibusTest? {
        let present = groups.filter { !$0.isEmpty }
        let n = present.reduce(0) { $0 + $1.count }
        guard present.count >= 2, n > present.count else { return nil }
        let grand = present.reduce(0.0) { $0 + $1.reduce(0, +) } / Double(n)
        var between = 0.0, within = 0.0
        for values in present {
            let mean = values.reduce(0, +) / Double(values.count)
            between += Double(values.count) * (mean - grand) * (mean - grand)
            within += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
        let df1 = Double(present.count - 1), df2 = Double(n - present.count)
        let statistic = (between / df1) / (within / df2)
        let p = FDistribution(numeratorDegreesOfFreedom: df1, denominatorDegreesOfFreedom: df2).survival(statistic)
        return OmnibusTest(covariate: name, kind: .anovaF, statistic: statistic, degreesOfFreedom: [df1, df2], pValue: p)
    }

    private static func chiSquare(_ name: String, _ table: [[Double]]) -> OmnibusTest? {
        let rows = table.filter { $0.reduce(0, +) > 0 }
        guard rows.count >= 2, let width = rows.first?.count, width >= 2 else { return nil }
        let total = rows.reduce(0.0) { $0 + $1.reduce(0, +) }
        let rowSums = rows.map { $0.reduce(0, +) }
        let columnSums = (0 ..< width).map { j in rows.reduce(0.0) { $0 + $1[j] } }
        var statistic = 0.0
        for (i, row) in rows.enumerated() {
            for j in 0 ..< width {
                let expected = rowSums[i] * columnSums[j] / total
                statistic += (row[j] - expected) * (row[j] - expected) / expected
            }
        }
        let df = Double((rows.count - 1) * (width - 1))
        return OmnibusTest(covariate: name, kind: .chiSquare, statistic: statistic, degreesOfFreedom: [df],
                           pValue: ChiSquared(degreesOfFreedom: df).survival(statistic))
    }
}
