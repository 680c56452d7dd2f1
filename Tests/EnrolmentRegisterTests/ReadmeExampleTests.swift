import EnrolmentRegister
import Foundation
import Testing

/// The Swift example of the README's "Enrolling one person at a time", run as written (bar its
/// paths), against the bundled study, so that the README cannot drift from the API.
@Test func readmeRegisterExampleRuns() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let studyPath = root.appendingPathComponent("Studies/jigsaw-demo/study.yaml").path
    let folder = temporaryFolder()
    let registerPath = folder + "/jigsaw.register", keyPath = folder + "/jigsaw.key"
    _ = try EnrolmentRegister.initialise(at: registerPath, study: try StudyFile(contentsOfFile: studyPath),
                                         keyFile: keyPath, environment: [:])
    var printed: [String] = []
    func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

    // README example begins.
    let study = try StudyFile(contentsOfFile: studyPath)
    let register = try EnrolmentRegister(opening: registerPath, keyFile: keyPath, study: study)
    switch try register.enrol(identifier: "WM-2026-0042", fields: ["age": "14", "sex": "male", "risk_band": "high",
            "area": "north", "prior_offences": "2", "ocg_link": "yes", "consent": "yes"]) {
    case .allocated(let record): print(record.arm, record.audit)
    case .alreadyEnrolled(let record, _): print("already in", record.arm)
    case .ineligible(let reasons, _): print("not eligible:", reasons)
    }
    let verification = try register.verifyAudit()
    print(verification.isIntact, verification.problems.first?.description ?? "")
    // README example ends.

    #expect(printed.count == 2)
    #expect(printed[0].hasSuffix(" 2-" + (verification.head?.hash.prefix(16) ?? "")))
    #expect(["control", "police", "partner", "social_media"].contains(String(printed[0].split(separator: " ")[0])))
    #expect(printed[1] == "true ")
}
