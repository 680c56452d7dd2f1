import LinearAlgebra

/// The regression design of an ``ArmEffectModel``, built a whole column at a time in estimatr's
/// column order: intercept, block indicators (all blocks but the first: fixed effects, placed
/// first so that an arm confounded with the blocks is the column found aliased, as when
/// estimatr absorbs them), arm indicators, covariates (centred for Lin), then for Lin the
/// interactions grouped by covariate (`arm1:x_c`, `arm2:x_c`, `arm1:z_c`, ...).
///
/// Each column is written once, straight into the matrix's storage: on a million rows the
/// design is the largest object of a fit, and building it as arrays first doubles its cost.
struct DesignMatrix {
    let matrix: Matrix
    let columnNames: [String]
    /// The design column of each intervention arm's indicator.
    let armColumns: [Int]

    /// What one design column holds.
    private enum Column {
        case intercept
        case block(Int)
        case arm(Int)
        case covariate(Int)
        /// Covariate c minus its (weighted) sample mean.
        case centred(Int)
        /// Arm a's indicator times centred covariate c.
        case interaction(arm: Int, covariate: Int)
    }

    init(sample: AnalysisSample, armColumn: String, blockColumn: String?, covariateNames: [String],
         adjustment: CovariateAdjustment) {
        let n = sample.count
        let arms = sample.interventionArms.count
        var columns: [Column] = [.intercept]
        var names = ["(Intercept)"]
        if sample.blocks != nil, let blockColumn {
            for b in sample.blockLevels.indices.dropFirst() {
                columns.append(.block(b))
                names.append(blockColumn + sample.blockLevels[b])
            }
        }
        let firstArm = columns.count
        for a in 1 ... arms {
            columns.append(.arm(a))
            names.append(armColumn + sample.interventionArms[a - 1])
        }
        var means: [Double] = []
        switch adjustment {
        case .none:
            break
        case .additive:
            columns += covariateNames.indices.map { .covariate($0) }
            names += covariateNames
        case .lin:
            // Centred at the (weighted) sample means, as lm_lin does.
            means = sample.covariates.map { column in
                if let weights = sample.weights {
                    return zip(column, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
                }
                return column.reduce(0, +) / Double(n)
            }
            let centredNames = covariateNames.map { $0 + "_c" }
            columns += covariateNames.indices.map { .centred($0) }
            names += centredNames
            for c in covariateNames.indices {
                for a in 1 ... arms {
                    columns.append(.interaction(arm: a, covariate: c))
                    names.append(names[firstArm + a - 1] + ":" + centredNames[c])
                }
            }
        }

        matrix = Matrix(rows: n, columns: columns.count) { j, values in
            switch columns[j] {
            case .intercept:
                values.update(repeating: 1)
            case .block(let b):
                for (i, block) in sample.blocks!.enumerated() where block == b { values[i] = 1 }
            case .arm(let a):
                for (i, arm) in sample.arm.enumerated() where arm == a { values[i] = 1 }
            case .covariate(let c):
                _ = values.update(from: sample.covariates[c])
            case .centred(let c):
                let (covariate, mean) = (sample.covariates[c], means[c])
                for i in 0 ..< n { values[i] = covariate[i] - mean }
            case .interaction(let a, let c):
                let (covariate, mean) = (sample.covariates[c], means[c])
                for (i, arm) in sample.arm.enumerated() where arm == a { values[i] = covariate[i] - mean }
            }
        }
        columnNames = names
        armColumns = Array(firstArm ..< firstArm + arms)
    }
}
