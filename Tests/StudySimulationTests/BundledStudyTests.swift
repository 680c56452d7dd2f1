import Foundation
import Testing
@testable import StudySimulation

/// `Studies/jigsaw-trial` is exactly what its documented command makes:
/// `prevent simulate --out Studies/jigsaw-trial --seed 20261121 --force`.
@Suite struct BundledStudyTests {
    @Test func bundledStudyIsCurrent() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let bundled = SimulatedStudies.repositoryRoot.appendingPathComponent("Studies/jigsaw-trial").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: bundled).sorted() == StudySimulator.fileNames.sorted())
        for name in StudySimulator.fileNames {
            let made = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            let committed = try Data(contentsOf: URL(fileURLWithPath: bundled + "/" + name))
            #expect(made == committed, "Studies/jigsaw-trial/\(name) is not what `prevent simulate --out Studies/jigsaw-trial --seed 20261121 --force` makes; run it again")
        }
    }
}
