import ArgumentParser
import Foundation
import StudySimulation

extension Prevent {
    /// `prevent simulate`: a complete synthetic study folder from a seed.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a complete Jigsaw-style study, with its true effects, into a new folder.",
            discussion: """
                Writes a study folder: the protocol (study.yaml), a made-up force area \
                (areas.geojson), a year of recorded crime (crimes.csv), a population of nominals \
                with pathway risk factors (population.csv, prior-offences.csv), the highest-risk \
                cohort identified by the study's own scoring and enrolled over nine months \
                (cohort.csv), its allocation (allocation.csv), offence records over follow-up \
                (offences.csv), the harm weights (harm-weights.csv), the true arm effects \
                (truth.json) and a README.md. No real person's data. The same seed and sizes give \
                the same files. The folder is written whole or not at all, and an existing one is \
                replaced only with --force.
                """
        )

        @Option(help: "The study folder to write.") var out: String
        @Option(help: "The seed of every random draw; also the study's randomisation seed.") var seed: UInt64 = SimulationSettings.defaultSeed
        @Option(help: "The number of nominals in the population.") var people = 4_000
        @Option(help: "The number of highest-risk people identified for the trial.") var cohort = 800
        @Flag(help: "Replace the folder if it exists.") var force = false
        @OptionGroup var messages: MessageOptions

        var settings: SimulationSettings { SimulationSettings(seed: seed, people: people, cohort: cohort) }

        func validate() throws {
            do {
                try settings.validate()
            } catch let error as SimulationError {
                throw ValidationError("\(error).")
            }
        }

        func run() throws {
            let console = messages.console
            let summary: SimulationSummary = try console.step("Simulated the study and wrote \(out)", summary: { _ in "\(StudySimulator.fileNames.count) files" }) {
                try StudySimulator(settings: settings).write(to: out, replacing: force)
            }
            let counts = summary.counts
            print("Simulated study written to \(summary.folder) (seed \(seed))")
            print("Population: \(counts.people) nominals with \(counts.priorOffences) prior offences; \(counts.crimes) recorded crimes")
            print("Cohort: \(counts.cohort) identified; \(counts.ineligible) not eligible (\(counts.refusedConsent) refused consent); \(counts.allocated) allocated; \(counts.lostToFollowUp) lost to follow-up")
            print("Offence records of the cohort: \(counts.offenceRecords)")
            print("True effects against \(summary.truth.control): \(summary.folder)/truth.json")
        }
    }
}
