import ArgumentParser
import DataTables
import Foundation
import GeneralisedLinearModels
import Reporting
import SurvivalAnalysis
import TrialAnalysis

extension ArmEffects.Format: ExpressibleByArgument {}
extension RandomisationStatistic: ExpressibleByArgument {}
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

                --ri DRAWS --study S adds randomisation inference: DRAWS assignments redrawn \
                from the study's own design (its strata, blocks, clusters or minimisation), \
                each arm's p-value and a joint one for the sharp null of no effect. The rows \
                are matched to the design's people by --id-column; the design's fields are read \
                from the data file, or from --cohort (the cohort file the allocation was made \
                from). The draws come from the sub-stream 'randomisation-inference' of the \
                study's seed (or --ri-seed), so a run can be repeated exactly. The statistic is \
                the studentised one by default (each arm's t statistic with the analysis's \
                standard errors recomputed under every draw; with CR2, stata's CR1 instead), \
                which also behaves well when effects vary from person to person; --ri-statistic \
                estimate compares the raw estimates. --ri-ci adds intervals by inverting the \
                test under a constant effect for each arm. A progress bar is drawn on standard \
                error when it is a terminal.

                --family chooses the estimator for other outcomes. binomial: the risk \
                difference (linear probability model, HC2 or CR2) by default, or --estimand \
                odds-ratio (logistic regression) or risk-ratio (modified Poisson); poisson and \
                negbin: rate ratios, with --exposure for time at risk; harm: mean differences in \
                harm and in log(1 + harm) and the share with any harm; survival: Kaplan-Meier \
                curves, log-rank tests and Cox hazard ratios from --outcome (time) and --event, \
                or from --start-date, --event (date), --end-date and --lost-date. With \
                survival, --blocks are strata and --plot draws the Kaplan-Meier curves; \
                --weights weight the Cox model (robust variance by default) and --entry gives \
                delayed entry into follow-up.
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
        @Option(help: "The outcome column (numeric; with --family survival, the follow-up time unless --start-date is given).")
        var outcome: String
        @Option(help: "The kind of outcome: \(Family.allCases.map(\.rawValue).joined(separator: ", ")) (default gaussian).")
        var family: Family = .gaussian
        @Option(help: "For binomial, poisson and negbin: \(OutcomeEstimand.allCases.map(\.rawValue).joined(separator: ", ")) (default risk-difference for binomial, rate-ratio for counts).")
        var estimand: OutcomeEstimand?
        @Option(help: "For counts: a column of time at risk, entering as a log offset.") var exposure: String?
        @Option(help: "For survival: the event column (1 event, 0 censored), or with --start-date the event date column.")
        var event: String?
        @Option(name: .customLong("start-date"), help: "For survival from dates: the allocation date column (YYYY-MM-DD).")
        var startDate: String?
        @Option(name: .customLong("end-date"), help: "For survival from dates: the end-of-follow-up date column, or one date YYYY-MM-DD for everyone.")
        var endDate: String?
        @Option(name: .customLong("lost-date"), help: "For survival from dates: the column of dates lost to follow-up (empty when not lost).")
        var lostDate: String?
        @Option(help: "For survival with delayed entry: the column of entry into follow-up, a time on the follow-up's scale or, with --start-date, a date (YYYY-MM-DD); each person is at risk only after entry.")
        var entry: String?
        @Option(help: "For survival: Cox ties, \(TieMethod.allCases.map(\.rawValue).joined(separator: " or ")) (default efron).")
        var ties: TieMethod?
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
        @Option(name: .customLong("ri"), help: ArgumentHelp("Randomisation inference with this many draws from the study's design (needs --study).", valueName: "draws"))
        var randomisationDraws: Int?
        @Option(help: "The study's YAML file, whose design --ri redraws.") var study: String?
        @Option(help: "The cohort CSV file the allocation was made from (default: the data file holds the design's fields).")
        var cohort: String?
        @Option(name: .customLong("id-column"), help: "The column of pseudonymous ids matching rows to the design's people.")
        var idColumn = "id"
        @Option(name: .customLong("ri-statistic"), help: "The randomisation statistic: studentised (default) or estimate.")
        var randomisationStatistic: RandomisationStatistic = .studentised
        @Flag(name: .customLong("ri-ci"), help: "Add randomisation confidence intervals at --level by test inversion.")
        var randomisationInterval = false
        @Option(name: .customLong("ri-seed"), help: "The seed of the draws (default: randomisation.seed in the study file).")
        var randomisationSeed: UInt64?

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
            try validateFamilyOptions()
            if let randomisationDraws {
                guard randomisationDraws > 0 else {
                    throw ValidationError("--ri must be a positive number of draws, not \(randomisationDraws).")
                }
                guard study != nil else { throw ValidationError("--ri needs --study, the study whose design is redrawn.") }
                if weights != nil {
                    throw ValidationError("--ri cannot be used with --weights: weights that follow the assignment change with every draw.")
                }
            } else if study != nil || cohort != nil || randomisationSeed != nil || randomisationInterval {
                throw ValidationError("--study, --cohort, --ri-seed and --ri-ci belong to randomisation inference; give --ri DRAWS too.")
            }
        }

        func run() throws {
            global.apply()
            let console = global.console
            let table = try console.readTable(data) { try DataTable(csvFile: data) }
            guard family == .gaussian else {
                print(try console.step("Analysed \(outcome) (\(family.rawValue))") { try runFamily(table) }, terminator: "")
                return
            }
            let model = ArmEffectModel(outcome: outcome, arm: arm, control: control, covariates: covariateNames,
                                       adjustment: (adjust ?? .lin).covariateAdjustment, cluster: cluster,
                                       blocks: blocks, weights: weights, variance: se, confidenceLevel: level)
            let effects: ArmEffects
            do {
                effects = try console.step("Fitted the regression of \(outcome) on the arms") { try model.fit(table) }
            } catch let error as TrialAnalysisError {
                throw FileContextError(file: data, underlying: error)
            }
            var text = effects.rendered(as: format)
            if let randomisationDraws, let study {
                let test = AnalyseRandomisation(
                    studyPath: study, dataPath: data, cohortPath: cohort, idColumn: idColumn, draws: randomisationDraws,
                    seed: randomisationSeed, statistic: randomisationStatistic,
                    intervalLevel: randomisationInterval ? level : nil)
                let bar = global.console.progressBar(label: "draws", total: randomisationDraws)
                let report = try console.step("Randomisation inference with \(randomisationDraws) draws") {
                    defer { bar?.finish() }
                    return try test.run(effects, table: table, progress: bar.map { bar in { bar.update($0) } })
                }
                text = effects.rendered(as: format, randomisation: report)
            }
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
