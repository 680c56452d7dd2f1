import ArgumentParser
import DataTables
import Foundation
import GeneralisedLinearModels
import OffenceOutcomes
import TrialAnalysis

/// Randomisation inference for `prevent analyse --family binomial|poisson|negbin|harm`.
///
/// The draws are those of the gaussian test (the same sub-stream, id matching and checks); the
/// statistic follows the estimand: the linear model's for the risk difference and the harm mean
/// difference, the score statistic under the model without arms for odds, risk and rate ratios.
extension AnalyseRandomisation {
    /// Runs the test of a binary or count analysis.
    ///
    /// - Parameters:
    ///   - effects: The fitted analysis.
    ///   - table: The data it was fitted to.
    ///   - progress: Called with the fraction done, or `nil`.
    func run(_ effects: OutcomeEffects, table: DataTable, progress: ((Double) -> Void)?) throws -> OutcomeRandomisationReport {
        let design = try StudyInputs.design(study: studyPath)
        let seed = try studySeed(design)
        let inputs: OutcomeRandomisationInputs
        do {
            inputs = try effects.randomisationInputs(table: table)
        } catch let error as RandomisationInferenceError {
            throw FileContextError(file: dataPath, underlying: error)
        } catch let error as TrialAnalysisError {
            throw FileContextError(file: dataPath, underlying: error)
        } catch let error as GLMError {
            throw FileContextError(file: dataPath, underlying: error)
        }
        let draws = try redraw(rows: inputs.rows, armNames: inputs.armNames, armColumn: effects.specification.arm,
                               table: table, design: design, seed: seed)
        do {
            switch inputs.test {
            case .linear(let inference):
                var variance = effects.linearModel?.estimator ?? .hc2
                var substituted: VarianceEstimator? = nil
                if statistic == .studentised && variance == .cr2 {
                    substituted = .cr2
                    variance = .stata
                }
                let result = try inference.test(draws, statistic: statistic, variance: variance, intervalLevel: intervalLevel,
                                                progress: progress)
                return OutcomeRandomisationReport(RandomisationReport(
                    result: result, seed: seed, stream: Self.stream, scheme: design.scheme.rawValue, substitutedVariance: substituted))
            case .score(let inference):
                let result = try inference.test(draws, progress: progress)
                return OutcomeRandomisationReport(score: result, seed: seed, stream: Self.stream, scheme: design.scheme.rawValue)
            }
        } catch let error as TrialAnalysisError {
            throw FileContextError(file: dataPath, underlying: error)
        }
    }
}

extension Prevent.Analyse {
    /// The randomisation test the options ask for, or `nil` without `--ri`.
    var randomisationTest: AnalyseRandomisation? {
        guard let randomisationDraws, let study else { return nil }
        return AnalyseRandomisation(
            studyPath: study, dataPath: data, cohortPath: cohort, idColumn: idColumn, draws: randomisationDraws,
            seed: randomisationSeed, statistic: randomisationStatistic,
            intervalLevel: randomisationInterval ? level : nil)
    }

    /// Runs `body` with a progress bar on standard error when it is a terminal (and not `--quiet`).
    func withDrawProgress<Result>(_ body: (((Double) -> Void)?) throws -> Result) throws -> Result {
        let bar = global.console.progressBar(label: "draws", total: randomisationDraws ?? 0)
        let result = try body(bar.map { bar in { bar.update($0) } })
        bar?.finish()
        return result
    }

    /// Checks `--ri` against the family and estimand before anything is read.
    func validateFamilyRandomisation() throws {
        guard randomisationDraws != nil else { return }
        if family == .survival {
            throw ValidationError("--ri is not supported yet for --family survival: there is no randomisation statistic "
                                  + "for hazard ratios in PreventKit yet. Analyse the event with --family binomial --ri, "
                                  + "or run the survival analysis without --ri.")
        }
        if let outcomeFamily = family.outcomeFamily, (estimand ?? outcomeFamily.defaultEstimand).isRatio {
            let estimandName = (estimand ?? outcomeFamily.defaultEstimand).rawValue
            if randomisationStatistic == .estimate {
                throw ValidationError("--ri-statistic estimate does not apply to the \(estimandName): its randomisation test "
                                      + "uses the score statistic of the arms under the model without arms.")
            }
            if randomisationInterval {
                throw ValidationError("--ri-ci is available for differences (the risk difference and harm) only, "
                                      + "not for the \(estimandName).")
            }
        }
    }

    /// A harm analysis with the randomisation test of its mean difference in harm, in `format`:
    /// the analysis as ``OffenceOutcomes/HarmAnalysis`` renders it, with the test added where
    /// the harm difference is (JSON: `ri_p_value` in the `harm` estimates and an `ri` object in
    /// `harm`; CSV: the `ri_` columns, `NA` on the log-harm and any-harm rows; text and
    /// Markdown: the test's section after the analyses).
    static func harmRendered(_ analysis: HarmAnalysis, randomisation: RandomisationReport,
                             format: ArmEffects.Format) throws -> String {
        let base = analysis.rendered(as: format)
        switch format {
        case .text, .markdown:
            let plain = analysis.harm.rendered(as: format)
            let tested = analysis.harm.rendered(as: format, randomisation: randomisation)
            let section = tested.hasPrefix(plain) ? String(tested.dropFirst(plain.count)) : tested
            let heading = format == .text ? "Randomisation test of the mean difference in harm\n" : ""
            return base + "\n" + heading + section
        case .csv:
            let tested = analysis.harm.rendered(as: .csv, randomisation: randomisation)
                .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            let lines = base.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            let extraColumns = tested[0].split(separator: ",").count - lines[0].split(separator: ",").count
            let missing = String(repeating: ",NA", count: extraColumns)
            let harmRows = tested.count - 1
            return ([tested[0]] + tested.dropFirst() + lines.dropFirst(1 + harmRows).map { $0 + missing })
                .joined(separator: "\n") + "\n"
        case .json:
            var object = try JSONSerialization.jsonObject(with: Data(base.utf8)) as! [String: Any]
            object["harm"] = try JSONSerialization.jsonObject(with: Data(analysis.harm.rendered(as: .json, randomisation: randomisation).utf8))
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }
}
