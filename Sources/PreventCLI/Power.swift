import ArgumentParser
import DataTables
import Foundation
import PowerAnalysis
import Randomisation
import StudyProtocol
import TrialAnalysis

extension PowerReportFormat: ExpressibleByArgument {}
extension MultipleComparisons: ExpressibleByArgument {}
extension EffectDirection: ExpressibleByArgument {}

extension Prevent {
    /// `prevent power`: power, sample size or minimum detectable effect of a multi-arm trial.
    struct Power: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Power, sample size or minimum detectable effect of a multi-arm trial.",
            discussion: """
                Give two of --n (total people), --effect and --power; the third is solved for. \
                Each intervention arm is compared with control; --ratio is control : each arm. \
                Analytic by default: a noncentral t test for means (R's power.t.test with one \
                arm), Wald z tests for proportions and rate ratios, with the design effect \
                1 + (cluster size - 1) ICC and variance times 1 - R-squared. --simulate R runs R \
                replicate trials of the actual design (the study's scheme with --study, else \
                complete randomisation) analysed with Lin adjustment and HC2 by default, and \
                reports bias, RMSE, coverage and power per arm with Monte Carlo errors; it needs \
                --effect and --n (or --cohort). A study whose scheme allocates clusters is \
                simulated with --icc, clusters of --cluster-size people (or the cohort's \
                clusters) and CR2; rates are simulated as Poisson counts (negative binomial with \
                --dispersion) and analysed by the rate-ratio model with sandwich errors (HC0, \
                or CR0 for clusters) on the log scale. A progress bar is drawn on standard error for \
                simulations when it is a terminal.
                """
        )

        /// The outcome scale.
        enum Outcome: String, ExpressibleByArgument, CaseIterable {
            case means, proportions, rates
        }

        /// Covariate adjustment in a simulation.
        enum Adjustment: String, ExpressibleByArgument, CaseIterable {
            case lin, additive, none

            var covariateAdjustment: CovariateAdjustment {
                switch self {
                case .lin: .lin
                case .additive: .additive
                case .none: .none
                }
            }
        }

        @Option(help: "The number of intervention arms, each compared with control (default: from --study, else 1).") var arms: Int?
        @Option(help: "The allocation ratio control : each arm (default: from --study, else 1).") var ratio: Double?
        @Option(help: "The outcome: \(Outcome.allCases.map(\.rawValue).joined(separator: ", ")).") var outcome: Outcome = .means
        @Option(help: "The outcome's standard deviation (means).") var sd: Double = 1
        @Option(name: .customLong("control-proportion"), help: "The control arm's proportion (proportions).") var controlProportion: Double?
        @Option(name: .customLong("control-rate"), help: "The control arm's rate of events per unit of time (rates).") var controlRate: Double?
        @Option(name: .customLong("follow-up"), help: "Each person's follow-up time, in the rate's unit (rates).") var followUp: Double = 1
        @Option(help: "A simulation's negative binomial dispersion k of the counts, variance mean + mean^2 / k (rates; default Poisson).")
        var dispersion: Double?
        @Option(help: "The total number of people.") var n: Double?
        @Option(parsing: .unconditional,
                help: "Each arm's effect: a difference in means or proportions, or a rate ratio (a negative value may follow directly). A simulation takes one value per arm, separated by commas.")
        var effect: String?
        @Option(help: "The power to reach, between 0 and 1.") var power: Double?
        @Option(help: "The direction of a minimum detectable effect: decrease or increase.") var direction: EffectDirection = .decrease
        @Option(help: "The two-sided significance level.") var alpha = 0.05
        @Option(help: "The intracluster correlation.") var icc = 0.0
        @Option(name: .customLong("cluster-size"), help: "People per cluster.") var clusterSize = 1.0
        @Option(name: .customLong("r-squared"), help: "The share of the outcome's variance explained by baseline covariates.") var rSquared = 0.0
        @Option(help: "The number of baseline covariates (default: 1 with --r-squared, else 0).") var covariates: Int?
        @Option(help: "Multiplicity across arms: \(MultipleComparisons.allCases.map(\.rawValue).joined(separator: ", ")).")
        var multiplicity: MultipleComparisons = .none
        @Flag(help: "Count both rejection regions of the two-sided test (R's strict = TRUE).") var strict = false
        @Option(help: "Simulate this many replicate trials instead of the analytic calculation.") var simulate: Int?
        @Option(help: "The simulation's seed.") var seed: UInt64?
        @Option(help: "The study's YAML file: arms, ratios and allocation scheme.") var study: String?
        @Option(help: "A cohort CSV file to allocate in each replicate (its size is the trial's size; needed for stratified designs).")
        var cohort: String?
        @Option(name: .customLong("id-column"), help: "The cohort's column of pseudonymous ids.") var idColumn = "id"
        @Option(help: "Covariate adjustment in a simulation: \(Adjustment.allCases.map(\.rawValue).joined(separator: ", ")).")
        var adjust: Adjustment = .lin
        @Option(help: "Standard errors in a simulation: HC0, HC1, HC2, HC3 or classical; CR2, CR0 or stata for a cluster design (default HC2, CR2 for clusters; HC0 or CR0 for rates).")
        var se: VarianceEstimator?
        @Option(help: "Output format: \(PowerReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: PowerReportFormat = .text
        @Flag(name: .customLong("no-progress"), help: "Draw no progress bar (as --quiet does; notes and warnings still appear).") var noProgress = false

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if simulate != nil && seed == nil { throw ValidationError("--simulate needs --seed, so that the run can be repeated.") }
            if simulate == nil && (seed != nil || cohort != nil) { throw ValidationError("--seed and --cohort are for --simulate.") }
            if simulate == nil && (dispersion != nil || se != nil) { throw ValidationError("--dispersion and --se are for --simulate.") }
            if let simulate, simulate < 2 { throw ValidationError("--simulate must be at least 2, not \(simulate).") }
        }

        func run() throws {
            global.apply()
            let design = try study.map { path in try global.console.step("Read the study \(path)") { try StudyInputs.design(study: path) } }
            if simulate != nil {
                try runSimulation(design: design)
            } else {
                try runAnalytic(design: design)
            }
        }

        /// The number of intervention arms and the control ratio, from the options or the study.
        func armsAndRatio(design: AllocationDesign?) throws -> (arms: Int, ratio: Double) {
            guard let design else { return (arms ?? 1, ratio ?? 1) }
            let control = design.studyProtocol.controlIndex
            let others = design.ratios.indices.filter { $0 != control }.map { design.ratios[$0] }
            if arms != nil || ratio != nil { throw ValidationError("--arms and --ratio come from --study; give one or the other.") }
            guard Set(others).count == 1 else {
                throw ValidationError("the intervention arms of \(study!) have different ratios (\(others.map(String.init).joined(separator: ", "))); the calculation needs one ratio for every arm")
            }
            return (others.count, Double(design.ratios[control]) / Double(others[0]))
        }

        func effects() throws -> [Double]? {
            guard let effect else { return nil }
            return try effect.split(separator: ",").map { part in
                guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                    throw ValidationError("--effect: \"\(part)\" is not a number.")
                }
                return value
            }
        }

        func runAnalytic(design: AllocationDesign?) throws {
            let (k, r) = try armsAndRatio(design: design)
            let measure: OutcomeMeasure
            switch outcome {
            case .means: measure = .means(standardDeviation: sd)
            case .proportions:
                guard let controlProportion else { throw ValidationError("--outcome proportions needs --control-proportion.") }
                measure = .proportions(control: controlProportion)
            case .rates:
                guard let controlRate else { throw ValidationError("--outcome rates needs --control-rate.") }
                measure = .rates(control: controlRate, followUp: followUp)
            }
            let values = try effects()
            if let values, values.count != 1 { throw ValidationError("--effect takes one value for an analytic calculation (every arm the same).") }
            let settings = TrialPowerDesign(interventionArms: k, controlRatio: r, outcome: measure, significanceLevel: alpha,
                                            intraclusterCorrelation: icc, clusterSize: clusterSize, covariateRSquared: rSquared,
                                            covariateCount: covariates ?? 0, multipleComparisons: multiplicity, strict: strict)
            let result = try global.console.step("Solved for the missing quantity") {
                try settings.solve(totalSize: n, effect: values?.first, power: power, direction: direction)
            }
            print(result.rendered(as: format), terminator: "")
        }

        func runSimulation(design: AllocationDesign?) throws {
            guard let replicates = simulate, let seed else { return }
            if power != nil { throw ValidationError("a simulation estimates the power; leave out --power.") }
            guard let values = try effects() else { throw ValidationError("--simulate needs --effect.") }
            let allocationDesign = try design ?? Self.completeDesign(arms: arms ?? 1, ratio: ratio ?? 1)
            let clusterField = allocationDesign.studyProtocol.randomisation.scheme == .cluster
                ? allocationDesign.studyProtocol.randomisation.clusterField : nil
            if clusterField == nil && (icc != 0 || clusterSize != 1) {
                throw ValidationError("--icc and --cluster-size need a study whose randomisation scheme allocates clusters (scheme: cluster); this simulation allocates people one by one.")
            }
            if clusterField != nil && cohort != nil && clusterSize != 1 {
                throw ValidationError("--cluster-size comes from the cohort's clusters with --cohort; leave it out.")
            }
            if outcome != .rates && dispersion != nil { throw ValidationError("--dispersion belongs to --outcome rates.") }
            if design != nil, arms != nil || ratio != nil { throw ValidationError("--arms and --ratio come from --study; give one or the other.") }
            let cohortDesign: CohortDesign
            if let cohort {
                let table = try global.console.readTable(cohort) { try StudyInputs.cohort(cohort, design: allocationDesign, idColumn: idColumn) }
                do {
                    cohortDesign = try allocationDesign.cohortDesign(table: table, idColumn: idColumn)
                } catch let error as AllocationError {
                    throw StudyInputs.cohortError(error, file: cohort)
                }
            } else {
                guard let n, n >= 1, n == n.rounded() else { throw ValidationError("--simulate needs --n (a whole number of people) or --cohort.") }
                let people = Int(n)
                if let clusterField {
                    guard clusterSize >= 1, clusterSize == clusterSize.rounded(), people % Int(clusterSize) == 0 else {
                        throw ValidationError("a cluster design needs --cluster-size, a whole number of people per cluster that divides --n (\(people)), not \(clusterSize).")
                    }
                }
                let perCluster = Int(clusterSize)
                do {
                    cohortDesign = try allocationDesign.cohortDesign(units: (0 ..< people).map { i in
                        EnrolmentUnit(id: "S\(i + 1)", fields: clusterField.map { [$0: "C\(i / perCluster + 1)"] } ?? [:])
                    })
                } catch let error as AllocationError {
                    throw ValidationError("the study's scheme needs baseline fields for every person (\(error)); give --cohort")
                }
            }
            let armCount = allocationDesign.armNames.count - 1
            let perArm = values.count == 1 ? Array(repeating: values[0], count: armCount) : values
            let simulated: SimulatedOutcome
            switch outcome {
            case .means: simulated = .normal(controlMean: 0, standardDeviation: sd)
            case .proportions:
                guard let controlProportion else { throw ValidationError("--outcome proportions needs --control-proportion.") }
                simulated = .binary(controlProportion: controlProportion)
            case .rates:
                guard let controlRate else { throw ValidationError("--outcome rates needs --control-rate.") }
                simulated = .counts(controlRate: controlRate, followUp: followUp, dispersion: dispersion)
            }
            let estimator = se ?? (clusterField == nil ? (outcome == .rates ? .hc0 : .hc2) : (outcome == .rates ? .cr0 : .cr2))
            let simulation = PowerSimulation(allocation: cohortDesign, outcome: simulated, effects: perArm,
                                             covariateCount: covariates ?? (rSquared > 0 ? 1 : 0), covariateRSquared: rSquared,
                                             adjustment: adjust.covariateAdjustment, estimator: estimator, significanceLevel: alpha,
                                             multipleComparisons: multiplicity, intraclusterCorrelation: icc)
            let bar = noProgress || replicates < 2000 ? nil : global.console.progressBar(label: "replicate trials", total: replicates)
            var report: (@Sendable (Int) -> Void)? = nil
            if let bar {
                let lock = NSLock()
                report = { done in
                    lock.lock()
                    bar.update(Double(done) / Double(replicates))
                    lock.unlock()
                }
            }
            let result = try global.console.step("Simulated \(replicates) replicate trials") {
                defer { bar?.finish() }
                return try simulation.run(replicates: replicates, seed: seed, progress: report)
            }
            print(result.rendered(as: format), terminator: "")
        }

        /// Complete randomisation of `arms` intervention arms and a control in the ratio r : 1.
        static func completeDesign(arms: Int, ratio: Double) throws -> AllocationDesign {
            guard arms >= 1 else { throw ValidationError("--arms must be at least 1, not \(arms).") }
            guard ratio >= 1, ratio == ratio.rounded() else {
                throw ValidationError("a simulation without --study needs a whole-number --ratio of at least 1, not \(ratio); write the design in a study file otherwise.")
            }
            let armList = [Arm(name: "control", ratio: Int(ratio))] + (1 ... arms).map { Arm(name: "arm\($0)") }
            return try AllocationDesign(protocol: StudyProtocol(study: "power", arms: armList,
                                                                randomisation: RandomisationSettings(scheme: .complete)))
        }
    }
}
