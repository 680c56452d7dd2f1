import LinearAlgebra

/// The regression design of an ``ArmEffectModel``, built a whole column at a time in estimatr's
/// column order: intercept, block indicators (all blocks but the first: fixed effects, placed
/// first so that an arm confounded with the blocks is the column found aliased, as when
/// estimatr absorbs them), arm indicators, covariates (centred for Lin), then for Lin the
/// interactions grouped by covariate (`arm1:x_c`, `arm2:x_c`, `arm1:z_c`, ...).
struct DesignMatrix {
    let matrix: Matrix
    let columnNames: [String]
    /// The design column of each intervention arm's indicator.
    let armColumns: [Int]

    init(sample: AnalysisSample, armColumn: String, blockColumn: String?, covariateNames: [String],
         adjustment: CovariateAdjustment) {
        let n = sample.count
        let arms = sample.interventionArms.count
        var columns: [[Double]] = [[Double](repeating: 1, count: n)]
        var names = ["(Intercept)"]
        if let blocks = sample.blocks, let blockColumn {
            for b in sample.blockLevels.indices.dropFirst() {
                columns.append(blocks.map { $0 == b ? 1 : 0 })
                names.append(blockColumn + sample.blockLevels[b])
            }
        }
        let firstArm = columns.count
        var indicators: [[Double]] = []
        for a in 1 ... arms {
            indicators.append(sample.arm.map { $0 == a ? 1 : 0 })
            names.append(armColumn + sample.interventionArms[a - 1])
        }
        columns += indicators
        switch adjustment {
        case .none:
            break
        case .additive:
            columns += sample.covariates
            names += covariateNames
        case .lin:
            // Centred at the (weighted) sample means, as lm_lin does.
            let centred = sample.covariates.map { column in
                let mean: Double
                if let weights = sample.weights {
                    mean = zip(column, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
                } else {
                    mean = column.reduce(0, +) / Double(n)
                }
                return column.map { $0 - mean }
            }
            let centredNames = covariateNames.map { $0 + "_c" }
            columns += centred
            names += centredNames
            for (c, covariate) in centred.enumerated() {
                for a in 0 ..< arms {
                    columns.append(zip(indicators[a], covariate).map { $0 * $1 })
                    names.append(names[firstArm + a] + ":" + centredNames[c])
                }
            }
        }
        matrix = Matrix(columns: columns)
        columnNames = names
        armColumns = Array(firstArm ..< firstArm + arms)
    }
}
