import DataTables
import Foundation
import Randomisation
import StudyProtocol
import TrialAnalysis

/// Randomisation inference for `prevent analyse`: the study's design replayed for the analysed
/// rows, and the randomisation test of the analysis against those draws.
///
/// The draws come from the study seed's sub-stream `randomisation-inference`: the replay seeds
/// are `CohortDesign.replaySeeds(count: DRAWS, seed: Xoshiro256StarStar.streamSeed(seed: SEED,
/// stream: "randomisation-inference"))`, so the same study file, seed, cohort and DRAWS give the
/// same p-values on every machine, and the draws never coincide with the allocation's own streams.
struct AnalyseRandomisation {
    /// The label of the sub-stream the draws come from.
    static let stream = "randomisation-inference"

    let studyPath: String
    let dataPath: String
    /// The cohort the allocation was made from, or `nil` when the data file holds the design's fields.
    let cohortPath: String?
    let idColumn: String
    let draws: Int
    let seed: UInt64?
    let statistic: RandomisationStatistic
    let intervalLevel: Double?

    /// Runs the test.
    ///
    /// - Parameters:
    ///   - effects: The fitted analysis.
    ///   - table: The data it was fitted to.
    ///   - progress: Called with the fraction done, or `nil`.
    func run(_ effects: ArmEffects, table: DataTable, progress: ((Double) -> Void)?) throws -> RandomisationReport {
        let design = try StudyInputs.design(study: studyPath)
        let seed = try studySeed(design)
        let inputs: ArmRandomisationInputs
        do {
            inputs = try effects.randomisationInputs(table: table)
        } catch let error as RandomisationInferenceError {
            throw FileContextError(file: dataPath, underlying: error)
        } catch let error as TrialAnalysisError {
            throw FileContextError(file: dataPath, underlying: error)
        }
        let assignmentDraws = try redraw(rows: inputs.rows, armNames: inputs.armNames, armColumn: effects.specification.arm,
                                         table: table, design: design, seed: seed)

        var variance = effects.estimator
        var substituted: VarianceEstimator? = nil
        if statistic == .studentised && variance == .cr2 {
            substituted = .cr2
            variance = .stata
        }
        do {
            let result = try inputs.inference.test(assignmentDraws, statistic: statistic, variance: variance,
                                                   intervalLevel: intervalLevel, progress: progress)
            return RandomisationReport(result: result, seed: seed, stream: Self.stream, scheme: design.scheme.rawValue,
                                       substitutedVariance: substituted)
        } catch let error as TrialAnalysisError {
            throw FileContextError(file: dataPath, underlying: error)
        }
    }

    /// The study's seed for the draws: `--ri-seed`, or `randomisation.seed` in the study file.
    func studySeed(_ design: AllocationDesign) throws -> UInt64 {
        guard let seed = seed ?? design.studyProtocol.randomisation.seed else {
            throw FileContextError(file: studyPath, underlying: MissingSeed())
        }
        return seed
    }

    /// The design's redraws of the analysed rows, coded like `armNames`: the rows are matched to
    /// the design's people by id, their strata checked, and the design replayed from the seed's
    /// `randomisation-inference` sub-stream.
    ///
    /// - Parameters:
    ///   - rows: The analysed table rows, numbered from 0.
    ///   - armNames: The analysis's arm coding (control first); it must hold exactly the study's arms.
    ///   - armColumn: The arm column's name, for errors.
    ///   - table: The analysed table.
    ///   - design: The study's allocation design.
    ///   - seed: The study seed.
    func redraw(rows: [Int], armNames: [String], armColumn: String, table: DataTable, design: AllocationDesign,
                seed: UInt64) throws -> AssignmentDraws {
        try checkArms(armNames, study: design.armNames, armColumn: armColumn)

        let cohortFile = cohortPath ?? dataPath
        let cohortTable = try StudyInputs.cohort(cohortFile, design: design, idColumn: idColumn)
        let cohort: CohortDesign
        do {
            cohort = try design.cohortDesign(table: cohortTable, idColumn: idColumn)
        } catch let error as AllocationError {
            if cohortPath == nil, case .missingColumn = error.reason {
                throw AnalyseInputError("\(dataPath): \(error); the study design needs it to redraw the assignment: "
                                        + "give --cohort with the cohort file the allocation was made from")
            }
            throw StudyInputs.cohortError(error, file: cohortFile)
        }
        let dataIDs = cohortPath == nil ? cohortTable
            : try DataTable(csvFile: dataPath, options: CSVReadOptions(columnTypes: [idColumn: .categorical]))
        let units = try unitsOfRows(rows, ids: dataIDs, cohort: cohort, cohortFile: cohortFile)
        try checkStrata(rows, units: units, table: table, cohort: cohort)

        let replays: ReplayMatrix
        do {
            let replaySeed = Xoshiro256StarStar.streamSeed(seed: seed, stream: StreamLabel(Self.stream))
            replays = try cohort.replay(count: draws, seed: replaySeed)
        } catch {
            throw AnalyseInputError("\(studyPath): the design cannot be replayed to redraw the assignment: \(error)")
        }
        let toAnalysis = design.armNames.map { armNames.firstIndex(of: $0)! }
        let n = units.count, cohortSize = cohort.count
        var indices = [Int32](repeating: 0, count: n * draws)
        replays.armIndices.withUnsafeBufferPointer { source in
            for r in 0 ..< draws {
                for (i, unit) in units.enumerated() {
                    indices[r * n + i] = Int32(toAnalysis[Int(source[r * cohortSize + unit])])
                }
            }
        }
        return AssignmentDraws(units: n, count: draws, armCount: armNames.count, armIndices: indices)
    }

    /// The analysis's arms must be exactly the study's arms.
    private func checkArms(_ arms: [String], study: [String], armColumn: String) throws {
        let unknown = arms.filter { !study.contains($0) }
        if !unknown.isEmpty {
            throw AnalyseInputError("\(dataPath): column '\(armColumn)' holds " + unknown.map { "'\($0)'" }.joined(separator: ", ")
                                    + ", not an arm of the study \(studyPath) (its arms are \(study.joined(separator: ", ")))")
        }
        let absent = study.filter { !arms.contains($0) }
        if !absent.isEmpty {
            throw AnalyseInputError("\(dataPath): the study's arm " + absent.map { "'\($0)'" }.joined(separator: ", ")
                                    + " has no analysed rows in column '\(armColumn)'; the design assigns people to every arm, "
                                    + "so the randomisation test needs them all")
        }
    }

    /// The design unit of each analysed row, matched by id.
    private func unitsOfRows(_ rows: [Int], ids table: DataTable, cohort: CohortDesign, cohortFile: String) throws -> [Int] {
        guard case let .categorical(ids)? = table[idColumn] else {
            throw AnalyseInputError("\(dataPath): there is no id column '\(idColumn)' to match the rows to the study design's people; give --id-column")
        }
        var unitOfID: [String: Int] = [:]
        unitOfID.reserveCapacity(cohort.count)
        for (unit, id) in cohort.ids.enumerated() { unitOfID[id] = unit }
        var seen = Set<Int>()
        var units: [Int] = []
        units.reserveCapacity(rows.count)
        for row in rows {
            guard let id = ids[row] else {
                throw AnalyseInputError("\(dataPath): row \(row + 1): the id is missing, so the row cannot be matched to the study design")
            }
            guard let unit = unitOfID[id] else {
                throw AnalyseInputError("\(dataPath): row \(row + 1): the id is not one of the \(cohort.count) people of the cohort "
                                        + "(\(cohortFile)) the design was allocated to")
            }
            guard seen.insert(unit).inserted else {
                throw AnalyseInputError("\(dataPath): row \(row + 1): the id appears on an earlier row; each person must have one row")
            }
            units.append(unit)
        }
        return units
    }

    /// A `stratum` column (as `prevent allocate` writes) must agree with the design's strata.
    private func checkStrata(_ rows: [Int], units: [Int], table: DataTable, cohort: CohortDesign) throws {
        guard case let .categorical(strata)? = table["stratum"], !cohort.strata.allSatisfy(\.isEmpty) else { return }
        for (row, unit) in zip(rows, units) {
            guard let label = strata[row] else { continue }
            let expected = cohort.strata[Int(cohort.stratumOfUnit[unit])].joined(separator: "|")
            if label != expected {
                throw AnalyseInputError("\(dataPath): row \(row + 1): column 'stratum' is '\(label)', but the study design "
                                        + "puts this person in stratum '\(expected)'")
            }
        }
    }
}

/// A problem with `prevent analyse`'s inputs, already phrased with the file and row at fault.
struct AnalyseInputError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
