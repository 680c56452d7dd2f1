import ArgumentParser
import DataTables
import Foundation
import Reporting
import TrialAnalysis

extension ArmEffects.Format: ExpressibleByArgument {}
extension VarianceEstimator: ExpressibleByArgument {}

extension Prevent {
    /// `prevent analyse`: each intervention arm's effect on an outcome against control.
    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimate each intervention arm's effect on an outcome against control.",
            discussion: """
                OLS of the outcome on arm indicators, as R estimatr's lm_robust (lm_lin with \
                Lin adjustment), with robust or cluster-robust standard errors (default HC2, or \
                CR2 with --cluster), Holm-adjusted p-values and a joint F test that every arm \
                equals control. Rows with a missing outcome, arm, cluster, block, weight or \
                covariate are dropped and counted. --plot writes an SVG forest plot (replacing \
                any file of that name) once the analysis has succeeded.
                """
        )

        /// How covariates enter the regression.
        enum Adjustment: String, ExpressibleByArgument, CaseIterable {
            /// Lin's interacted adjustment (the default with covariates).
            case lin
            /// Covariates added with one slope each.
            case additive

            var covariateAdjustment: CovariateAdjustment {
                switch self {
                case .lin: .lin
                case .additive: .additive
                }
            }
        }

        @Option(help: "The trial's CSV file, one row per person.") var data: String
        @Option(help: "The outcome column (numeric).") var outcome: String
        @Option(help: "The arm column (names or numbers).") var arm: String
        @Option(help: "The control arm's value in the arm column.") var control: String
        @Option(help: "Baseline covariate columns, separated by commas.") var covariates: String?
        @Option(help: "Covariate adjustment: \(Adjustment.allCases.map(\.rawValue).joined(separator: ", ")) (default lin; needs --covariates).")
        var adjust: Adjustment?
        @Option(help: "The cluster column, for cluster-randomised trials.") var cluster: String?
        @Option(help: "The block (stratum) column, for block fixed effects.") var blocks: String?
        @Option(help: "A column of positive weights.") var weights: String?
        @Option(help: "Standard errors: \(VarianceEstimator.allCases.map(\.rawValue).joined(separator: ", ")) (default HC2, or CR2 with --cluster).")
        var se: VarianceEstimator?
        @Option(help: "Confidence level of the intervals, between 0 and 1.") var level = 0.95
        @Option(help: "Output format: \(ArmEffects.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ArmEffects.Format = .text
        @Option(help: "Write an SVG forest plot to this file.") var plot: String?

        @OptionGroup var global: GlobalOptions

        /// The covariate names given, without blanks.
        var covariateNames: [String] {
            (covariates ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        func validate() throws {
            guard level > 0 && level < 1 else {
                throw ValidationError("--level must lie strictly between 0 and 1, not \(level).")
            }
            if adjust != nil && covariateNames.isEmpty {
                throw ValidationError("--adjust needs --covariates.")
            }
        }

        func run() throws {
            global.apply()
            let table = try DataTable(csvFile: data)
            let model = ArmEffectModel(outcome: outcome, arm: arm, control: control, covariates: covariateNames,
                                       adjustment: (adjust ?? .lin).covariateAdjustment, cluster: cluster,
                                       blocks: blocks, weights: weights, variance: se, confidenceLevel: level)
            let effects: ArmEffects
            do {
                effects = try model.fit(table)
            } catch let error as TrialAnalysisError {
                throw FileContextError(file: data, underlying: error)
            }
            let text = effects.rendered(as: format)
            if let plot {
                try Self.forestPlot(effects).document().render().write(toFile: plot, atomically: true, encoding: .utf8)
            }
            print(text, terminator: "")
        }

        /// Each intervention arm's estimate and confidence interval.
        static func forestPlot(_ effects: ArmEffects) -> ForestPlot {
            let percent = effects.specification.confidenceLevel * 100
            let level = percent == percent.rounded() ? "\(Int(percent))" : "\(percent)"
            return ForestPlot(
                title: "Effect on \(effects.specification.outcome) against \(effects.control)",
                rows: effects.effects.map { ForestPlot.Row(label: $0.arm, estimate: $0.estimate, lower: $0.lowerBound, upper: $0.upperBound) },
                axisLabel: "Difference in \(effects.specification.outcome) (\(level)% CI, \(effects.estimator) SE)")
        }
    }
}
