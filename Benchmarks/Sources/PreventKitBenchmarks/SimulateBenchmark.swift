import ArgumentParser
import Foundation
import StudySimulation

extension PreventKitBench {
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Write a whole simulated study folder (the bundled study's seed and sizes by default).")

        @Option(help: "The seed.") var seed: UInt64 = SimulationSettings.defaultSeed
        @Option(help: "People in the population.") var people = 4_000
        @Option(help: "People in the cohort.") var cohort = 800
        @Option(help: "Timed repetitions after one warm-up.") var repetitions = 5

        func run() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("preventkit-simulate-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let simulator = StudySimulator(settings: SimulationSettings(seed: seed, people: people, cohort: cohort))
            for repetition in 0 ... repetitions {
                let folder = root.appendingPathComponent("study-\(repetition)").path
                let start = DispatchTime.now().uptimeNanoseconds
                let summary = try simulator.write(to: folder)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if repetition > 0 { print("preventkit \(String(format: "%.6f", elapsed))") }
                if repetition == 0 {
                    FileHandle.standardError.write(Data("simulate checksum allocated \(summary.counts.allocated) records \(summary.counts.offenceRecords)\n".utf8))
                }
            }
        }
    }
}
