import DataTables
import DisclosureControl
import Foundation
import OffenceOutcomes
import Randomisation
import RiskScoring
import Spatial
import StudyProtocol

/// The whole workflow on a study folder, by the toolkit's libraries: hotspots, risk scores,
/// eligibility and allocation (or the recorded register), baseline balance, the CONSORT flow,
/// per-person outcomes, every outcome analysis and the power achieved, gathered into a
/// ``StudyReportModel`` that the HTML and notebook renderers share.
///
/// ```swift
/// let model = try StudyPipeline(folder: "Studies/jigsaw-trial").run()
/// let html = HTMLReport(model: model).render()
/// ```
public struct StudyPipeline: Sendable {
    /// The study folder, as named.
    public let folder: String
    /// The report's choices.
    public let options: StudyReportOptions

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - folder: the study folder (see ``StudyFolder``).
    ///   - options: the report's choices; default ``StudyReportOptions/init(registerFile:keyFile:disclosure:commandStudyPath:version:)``.
    public init(folder: String, options: StudyReportOptions = StudyReportOptions()) {
        self.folder = folder
        self.options = options
    }

    /// Runs every step.
    ///
    /// - Parameter observer: called after each step with the step and the seconds it took (for
    ///   `--verbose`); default none.
    /// - Returns: the report's model. The same folder and options give the same model.
    /// - Throws: ``StudyReportError`` and the libraries' errors, each naming the file, line,
    ///   column or setting at fault.
    public func run(observer: (PipelineStep, Double) -> Void = { _, _ in }) throws -> StudyReportModel {
        let clock = ContinuousClock()
        func timed<T>(_ step: PipelineStep, _ work: () throws -> T) rethrows -> T {
            let start = clock.now
            let result = try work()
            let elapsed = clock.now - start
            observer(step, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            return result
        }

        let (study, design, cohort) = try timed(.study) { () throws -> (StudyFolder, AllocationDesign, DataTable) in
            let study = try StudyFolder(path: folder)
            let design: AllocationDesign
            do {
                design = try AllocationDesign(protocol: study.studyProtocol)
            } catch {
                throw StudyReportError(file: study.studyFile, message: "\(error)")
            }
            let header = try CSVHeader.names(study.cohortFile)
            let cohort = try DataTable(csvFile: study.cohortFile, options: design.csvReadOptions(header: header, idColumn: "id"))
            guard cohort["id"] != nil else {
                throw StudyReportError(file: study.cohortFile, message: "there is no column 'id' (the pseudonymous identifiers)")
            }
            return (study, design, cohort)
        }
        let (risk, hotspotMap) = try timed(.hotspots) { () throws -> (StudyRiskInputs, HotspotMap?) in
            let risk = try StudyRiskInputs(studyFile: study.studyFile)
            return (risk, try risk.hotspots ?? risk.catalogue.hotspots.map { try $0.hotspotMap() })
        }
        let areas = try study.areasFile.map(AreaOutlines.read) ?? []
        let (riskTable, scores) = try timed(.scores) { () throws -> (DataTable, RiskScores) in
            let file = study.populationFile ?? study.cohortFile
            let table = try risk.readCohort(file)
            return (table, try risk.scorer.score(table, file: file))
        }
        let (screen, allocation) = try timed(.allocation) { () throws -> (EligibilityScreen, TrialAllocation) in
            let screen = try EligibilityScreen(cohort: cohort, design: design, file: study.cohortFile)
            if let register = options.registerFile {
                return (screen, try TrialAllocation(register: register, keyFile: options.keyFile, table: cohort, idColumn: "id",
                                                    arms: design.armNames))
            }
            return (screen, try TrialAllocation(batch: cohort, eligibleRows: screen.eligibleRows, design: design,
                                                file: study.cohortFile, idColumn: "id"))
        }
        let allocationTable = try Self.allocationTable(cohort: cohort, allocation: allocation)
        let balance = try timed(.balance) { () throws -> BalanceReport in
            do {
                return try BalanceReport(protocol: study.studyProtocol, cohort: cohort, allocation: allocationTable)
            } catch {
                throw StudyReportError(file: study.cohortFile, message: "baseline balance: \(error)")
            }
        }
        let outcomes = try timed(.outcomes) { () throws -> OffenceOutcomes in
            var settings = FollowUpSettings(followUpDays: study.outcomes.followUpDays, unknownPeople: .ignore)
            settings.allocationDateColumn = study.outcomes.allocationDateColumn
            settings.lostDateColumn = study.outcomes.lostToFollowUpColumn
            let weights = try HarmWeights(csvFile: study.outcomes.harmWeightsFile)
            let outcomes = try OffenceOutcomes(offencesFile: study.outcomes.offencesFile, cohortFile: study.cohortFile,
                                               harmWeights: weights, harmWeightsFile: study.outcomes.harmWeightsFile, settings: settings)
            let ids = try cohort.categorical("id")
            guard outcomes.people.count == cohort.rowCount, outcomes.people.indices.allSatisfy({ outcomes.people[$0].id == ids[$0] }) else {
                throw StudyReportError(file: study.cohortFile, message: "the outcomes do not line up with the cohort's rows")
            }
            return outcomes
        }
        let strata = try Self.strata(cohort: cohort, protocol: study.studyProtocol)
        let trial = TrialTable(allocation: allocation, outcomes: outcomes, strata: strata)
        let analyses = timed(.analyses) {
            OutcomeAnalyses(table: trial.table, control: study.studyProtocol.control.name,
                            adjustment: StrataAdjustment(blockColumn: strata == nil ? nil : "stratum"))
        }
        let power = timed(.power) { AchievedPower(trial: trial, arms: allocation.arms, control: study.studyProtocol.controlIndex) }
        return try timed(.assemble) {
            try ReportAssembler(
                study: study, options: options, catalogue: risk.catalogue, hotspotMap: hotspotMap, areas: areas,
                riskTable: riskTable, scores: scores, cohort: cohort, screen: screen, allocation: allocation,
                allocationTable: allocationTable, balance: balance, outcomes: outcomes, trial: trial, analyses: analyses,
                power: power
            ).model()
        }
    }

    /// The allocation as `id`, `arm` for the balance and the risk summaries.
    static func allocationTable(cohort: DataTable, allocation: TrialAllocation) throws -> DataTable {
        let ids = try cohort.categorical("id")
        let rows = allocation.allocatedRows
        return DataTable([
            (name: "id", column: .categorical(CategoricalColumn(rows.map { ids[$0] }))),
            (name: "arm", column: .categorical(CategoricalColumn(levels: allocation.arms, codes: rows.map { Int32(allocation.armOfRow[$0]!) }))),
        ])
    }

    /// Each cohort row's stratum label (the stratification fields joined by ` / `), or `nil` when
    /// the design has no strata.
    static func strata(cohort: DataTable, protocol studyProtocol: StudyProtocol) throws -> [String]? {
        let fields = studyProtocol.randomisation.strata.filter { cohort[$0] != nil }
        guard !fields.isEmpty else { return nil }
        let columns: [[String?]] = try fields.map { name in
            switch try cohort.column(name) {
            case let .categorical(labels): return labels.values
            case let .numeric(numbers): return numbers.values.map { $0.isNaN ? nil : NumberText.fixed($0, $0 == $0.rounded() ? 0 : 3) }
            }
        }
        return (0 ..< cohort.rowCount).map { row in columns.map { $0[row] ?? "NA" }.joined(separator: " / ") }
    }
}
