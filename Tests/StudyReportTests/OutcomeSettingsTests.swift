import Foundation
import StudyProtocol
import StudyReport
import Testing

@Suite struct OutcomeSettingsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let yaml: String
        let keyPath: String
        let words: String
        var testDescription: String { keyPath }
    }

    static let malformed: [Case] = [
        Case(yaml: "outcomes:\n  offences: offences.csv\n  harm_weights: harm-weights.csv\n  follow_up_days: a year\n",
             keyPath: "outcomes.follow_up_days", words: "not a whole number"),
        Case(yaml: "outcomes:\n  offences: offences.csv\n  harm_weights: harm-weights.csv\n  follow_up_days: 0\n",
             keyPath: "outcomes.follow_up_days", words: "at least 1"),
        Case(yaml: "outcomes:\n  harm_weights: harm-weights.csv\n  follow_up_days: 365\n", keyPath: "outcomes.offences", words: "is missing"),
        Case(yaml: "outcomes:\n  offences: offences.csv\n  harm_weights: harm-weights.csv\n  follow_up_days: 365\n  folow_up: 1\n",
             keyPath: "outcomes.folow_up", words: "unknown key"),
        Case(yaml: "outcomes:\n  offences: [a, b]\n  harm_weights: harm-weights.csv\n  follow_up_days: 365\n",
             keyPath: "outcomes.offences", words: "a single value"),
        Case(yaml: "outcomes: 365\n", keyPath: "outcomes", words: "mapping"),
        Case(yaml: "", keyPath: "outcomes", words: "no outcomes section"),
    ]

    /// The small study with its `outcomes:` section replaced.
    private func study(outcomes: String) throws -> String {
        try StudyFixtures.editedCopy { folder in
            let file = folder.appendingPathComponent("study.yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let head = text.components(separatedBy: "outcomes:\n")[0]
            try Data((head + outcomes).utf8).write(to: file)
        }.path
    }

    @Test(arguments: malformed)
    func malformedSectionNamesTheKey(_ example: Case) throws {
        let folder = try study(outcomes: example.yaml)
        do {
            _ = try StudyFolder(path: folder)
            Issue.record("the section was accepted")
        } catch let error as StudyProtocolError {
            #expect(error.file.hasSuffix("study.yaml"))
            #expect(error.problems.contains { $0.keyPath == example.keyPath && $0.message.contains(example.words) }, "\(error)")
            #expect(error.description.contains("study.yaml: \(example.keyPath)"))
        }
    }

    @Test func defaultsAndRelativeFiles() throws {
        let folder = try StudyFolder(path: StudyFixtures.smallTrial)
        #expect(folder.outcomes.followUpDays == 365)
        #expect(folder.outcomes.offencesFile == StudyFixtures.smallTrial + "/offences.csv")
        #expect(folder.outcomes.allocationDateColumn == "allocation_date")
        #expect(folder.outcomes.lostToFollowUpColumn == "lost_to_follow_up")
        #expect(folder.name == "small-trial")
        #expect(folder.populationFile != nil && folder.areasFile != nil && folder.truthFile != nil)
    }

    @Test func missingFolderAndFilesAreNamed() throws {
        #expect { try StudyFolder(path: "/no/such/study") } throws: { error in
            (error as? StudyReportError)?.description == "/no/such/study: there is no such study folder"
        }
        let noCohort = try StudyFixtures.editedCopy { try FileManager.default.removeItem(at: $0.appendingPathComponent("cohort.csv")) }
        #expect { try StudyFolder(path: noCohort.path) } throws: { error in
            (error as? StudyReportError)?.message.contains("no cohort.csv") == true
        }
        let noOffences = try StudyFixtures.editedCopy { try FileManager.default.removeItem(at: $0.appendingPathComponent("offences.csv")) }
        #expect { try StudyFolder(path: noOffences.path) } throws: { error in
            (error as? StudyReportError)?.message.contains("outcomes.offences: there is no file") == true
        }
    }
}
