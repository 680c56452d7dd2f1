import Foundation
import Testing
@testable import StudySimulation

/// The same seed and sizes give the same bytes; another seed gives other data.
@Suite struct DeterminismTests {
    static func files(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in StudySimulator.fileNames {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return files
    }

    @Test func sameSeedGivesTheSameBytes() throws {
        let root = try SimulatedStudies.scratchFolder()
        let settings = SimulationSettings(seed: 7, people: 1_000, cohort: 200)
        _ = try StudySimulator(settings: settings).write(to: root.appendingPathComponent("first").path)
        _ = try StudySimulator(settings: settings).write(to: root.appendingPathComponent("second").path)
        let first = try Self.files(root.appendingPathComponent("first").path)
        let second = try Self.files(root.appendingPathComponent("second").path)
        #expect(first.keys.sorted() == StudySimulator.fileNames.sorted())
        for name in StudySimulator.fileNames {
            #expect(first[name] == second[name], "\(name) differs between two runs with the same seed")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["first", "second"],
                "no temporary folder is left behind")
    }

    @Test func otherSeedGivesOtherData() throws {
        let root = try SimulatedStudies.scratchFolder()
        _ = try StudySimulator(settings: SimulationSettings(seed: 7, people: 1_000, cohort: 200)).write(to: root.appendingPathComponent("a").path)
        _ = try StudySimulator(settings: SimulationSettings(seed: 8, people: 1_000, cohort: 200)).write(to: root.appendingPathComponent("b").path)
        let a = try Self.files(root.appendingPathComponent("a").path)
        let b = try Self.files(root.appendingPathComponent("b").path)
        for name in StudySimulator.fileNames where name != "harm-weights.csv" {
            #expect(a[name] != b[name], "\(name) is the same for seeds 7 and 8")
        }
        #expect(a["harm-weights.csv"] == b["harm-weights.csv"])
    }

    @Test func aLargerPopulationKeepsItsFirstPeople() throws {
        let settings = SimulationSettings(seed: 11, people: 300, cohort: 50)
        let simulator = StudySimulator(settings: settings)
        let small = simulator.population.people(count: 300, idPrefix: "JT", area: simulator.area, offences: simulator.offences,
                                                referralYear: StudySimulator.referralYear, seed: 11, stream: "population")
        let large = simulator.population.people(count: 600, idPrefix: "JT", area: simulator.area, offences: simulator.offences,
                                                referralYear: StudySimulator.referralYear, seed: 11, stream: "population")
        #expect(Array(large.prefix(300)) == small)
    }

    @Test func rejectsBadSizes() {
        #expect(throws: SimulationError.notPositive(setting: "people", value: 0)) { try SimulationSettings(people: 0, cohort: 1).validate() }
        #expect(throws: SimulationError.notPositive(setting: "cohort", value: -3)) { try SimulationSettings(people: 10, cohort: -3).validate() }
        #expect(throws: SimulationError.cohortLargerThanPopulation(cohort: 20, people: 10)) { try SimulationSettings(people: 10, cohort: 20).validate() }
    }

    @Test func refusesAnExistingFolderAndLeavesItAlone() throws {
        let root = try SimulatedStudies.scratchFolder()
        let folder = root.appendingPathComponent("study").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try "mine\n".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let settings = SimulationSettings(seed: 3, people: 200, cohort: 40)
        #expect(throws: SimulationError.folderExists(path: folder)) { try StudySimulator(settings: settings).write(to: folder) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
        _ = try StudySimulator(settings: settings).write(to: folder, replacing: true)
        #expect(!FileManager.default.fileExists(atPath: folder + "/notes.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["study"])
    }

    @Test func missingParentFolderIsAnError() throws {
        let folder = try SimulatedStudies.scratchFolder().appendingPathComponent("no/such/study").path
        #expect(throws: SimulationError.noParentFolder(path: folder)) {
            try StudySimulator(settings: SimulationSettings(seed: 3, people: 200, cohort: 40)).write(to: folder)
        }
    }
}

/// Small and degenerate studies.
@Suite struct EdgeCaseTests {
    @Test func aCohortWithNobodyEligibleIsAnErrorAndWritesNothing() throws {
        var simulator = StudySimulator(settings: SimulationSettings(seed: 4, people: 50, cohort: 10))
        simulator.enrolment.consentRefusedShare = 1
        let root = try SimulatedStudies.scratchFolder()
        #expect(throws: SimulationError.nobodyEligible(cohort: 10)) { try simulator.write(to: root.appendingPathComponent("trial").path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func aTinyCohortStillMakesAWholeStudy() throws {
        let root = try SimulatedStudies.scratchFolder()
        let summary = try StudySimulator(settings: SimulationSettings(seed: 12, people: 3, cohort: 3)).write(to: root.appendingPathComponent("trial").path)
        #expect(summary.counts.cohort == 3)
        #expect(summary.counts.allocated >= 1)
        #expect(summary.truth.arms.allSatisfy { $0.hazardRatio.isFinite && $0.riskDifference.isFinite })
    }
}
