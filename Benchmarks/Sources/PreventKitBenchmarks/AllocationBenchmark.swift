import ArgumentParser
import DataTables
import Foundation
import Randomisation
import StudyProtocol

/// The stratified design both allocation benchmarks use: four arms 1:1:1:1, permuted blocks of 4
/// or 8 within strata of risk band x area (12 strata), as in the jigsaw-demo study.
let benchmarkStudyYAML = """
    study: benchmark
    arms: [{name: control}, {name: police}, {name: partner}, {name: social_media}]
    randomisation: {scheme: stratified-blocks, strata: [risk_band, area], block_sizes: [4, 8], seed: 20151203}
    baseline:
      - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
      - {name: area, type: categorical, levels: [central, north, east, west], required: true}
    """

/// A synthetic cohort of `people` with pseudonymous ids and the two stratification columns,
/// drawn with PreventKit's generator so every run uses the same table.
func benchmarkCohort(people: Int) -> DataTable {
    var generator = Xoshiro256StarStar(seed: 1)
    let ids = (0 ..< people).map { "P\($0)" }
    let bands = (0 ..< people).map { _ in Int32(generator.uniform(below: 3)) }
    let areas = (0 ..< people).map { _ in Int32(generator.uniform(below: 4)) }
    return DataTable([
        (name: "id", column: .categorical(CategoricalColumn(levels: ids, codes: (0 ..< Int32(people)).map { $0 }))),
        (name: "risk_band", column: .categorical(CategoricalColumn(levels: ["low", "medium", "high"], codes: bands))),
        (name: "area", column: .categorical(CategoricalColumn(levels: ["central", "north", "east", "west"], codes: areas))),
    ])
}

/// Times allocating a whole cohort in stratified permuted blocks from a table in memory: checking
/// the ids (unique, present) and the stratum values against the declared levels, then drawing
/// every block and recording each person's arm, stratum, block, slot and probabilities.
///
/// Each result is checked: every stratum's arm counts differ by at most 8 (one block).
///
/// - Returns: the seconds each timed allocation took (one warm-up run first).
public func runAllocationBenchmark(people: Int, repetitions: Int) throws -> [Double] {
    let design = try AllocationDesign(protocol: StudyProtocol(yaml: benchmarkStudyYAML))
    let table = benchmarkCohort(people: people)
    var seconds: [Double] = []
    for repetition in 0 ... repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        let allocation = try design.allocate(table: table, seed: 20_151_203 &+ UInt64(repetition))
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var counts = [[Int]](repeating: [0, 0, 0, 0], count: allocation.design.strata.count)
        for unit in 0 ..< allocation.count {
            counts[Int(allocation.design.stratumOfUnit[unit])][Int(allocation.armIndices[unit])] += 1
        }
        guard allocation.count == people, counts.allSatisfy({ $0.max()! - $0.min()! <= 8 }) else {
            throw AllocationBenchmarkError.unbalanced
        }
        if repetition > 0 { seconds.append(elapsed) }
    }
    return seconds
}

/// Times `replays` redraws of an 800-person, four-arm stratified block design (the jigsaw-demo
/// shape) with ``CohortDesign/replay(seeds:)``, on every core. Each result is checked: every
/// column is a valid assignment whose stratum counts differ by at most 8.
///
/// - Returns: the seconds each timed set of replays took (one warm-up run first).
public func runReplayBenchmark(people: Int, replays: Int, repetitions: Int) throws -> [Double] {
    let design = try AllocationDesign(protocol: StudyProtocol(yaml: benchmarkStudyYAML))
    let cohort = try design.cohortDesign(table: benchmarkCohort(people: people))
    var seconds: [Double] = []
    for repetition in 0 ... repetitions {
        let seeds = CohortDesign.replaySeeds(count: replays, seed: UInt64(repetition))
        let start = DispatchTime.now().uptimeNanoseconds
        let matrix = try cohort.replay(seeds: seeds)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        for replay in stride(from: 0, to: replays, by: max(1, replays / 50)) {
            var counts = [[Int]](repeating: [0, 0, 0, 0], count: cohort.strata.count)
            for unit in 0 ..< people { counts[Int(cohort.stratumOfUnit[unit])][matrix[unit, replay]] += 1 }
            guard counts.allSatisfy({ $0.max()! - $0.min()! <= 8 }) else { throw AllocationBenchmarkError.unbalanced }
        }
        if repetition > 0 { seconds.append(elapsed) }
    }
    return seconds
}

/// A benchmark allocation that broke the block structure.
public enum AllocationBenchmarkError: Error, CustomStringConvertible {
    /// A stratum's arm counts differ by more than one block allows.
    case unbalanced

    /// A sentence for the terminal.
    public var description: String { "a stratum's arm counts differ by more than one block of 8" }
}

extension PreventKitBench {
    struct Allocate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allocate", abstract: "Allocate a cohort in stratified permuted blocks.")

        @Option(help: "People in the cohort.") var people = 1_000_000
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            for seconds in try runAllocationBenchmark(people: people, repetitions: repetitions) {
                print("preventkit \(String(format: "%.6f", seconds))")
            }
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay", abstract: "Redraw a stratified block design many times (randomisation inference).")

        @Option(help: "People in the cohort.") var people = 800
        @Option(help: "Redraws per timed run.") var replays = 10_000
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            for seconds in try runReplayBenchmark(people: people, replays: replays, repetitions: repetitions) {
                print("preventkit \(String(format: "%.6f", seconds))")
            }
        }
    }
}
