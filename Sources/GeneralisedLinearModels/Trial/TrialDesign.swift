import LinearAlgebra

/// The regression design of a ratio estimand, in R's column order for
/// `y ~ block + arm + x1 + x2 ...`: intercept, block indicators (all blocks but the first),
/// arm indicators, covariates. Names are R's (`armpolice`); labels describe each column to a
/// user in errors (`arm 'police'`).
struct TrialDesign {
    let matrix: Matrix
    let columnNames: [String]
    let labels: [String]
    let armColumns: [Int]

    init(sample: TrialSample, armColumn: String, blockColumn: String?, covariateNames: [String]) {
        let n = sample.count
        var columns: [[Double]] = [[Double](repeating: 1, count: n)]
        var names = ["(Intercept)"]
        var labels = ["the intercept"]
        if let blocks = sample.blocks, let blockColumn {
            for b in sample.blockLevels.indices.dropFirst() {
                columns.append(blocks.map { $0 == b ? 1 : 0 })
                names.append(blockColumn + sample.blockLevels[b])
                labels.append("block '\(sample.blockLevels[b])' of '\(blockColumn)'")
            }
        }
        let firstArm = columns.count
        for (a, name) in sample.interventionArms.enumerated() {
            columns.append(sample.arm.map { $0 == a + 1 ? 1 : 0 })
            names.append(armColumn + name)
            labels.append("arm '\(name)'")
        }
        columns += sample.covariates
        names += covariateNames
        labels += covariateNames.map { "covariate '\($0)'" }
        matrix = Matrix(columns: columns)
        columnNames = names
        self.labels = labels
        armColumns = Array(firstArm ..< firstArm + sample.interventionArms.count)
    }
}
