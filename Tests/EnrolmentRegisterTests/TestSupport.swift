import EnrolmentRegister
import Foundation

/// The reference design: four arms, stratified permuted blocks of 4 or 8, baseline fields with
/// eligibility rules.
let jigsawStudyText = """
    study: jigsaw-demo
    arms:
      - {name: control, ratio: 1}
      - {name: police, ratio: 1}
      - {name: partner, ratio: 1}
      - {name: social_media, ratio: 1}
    randomisation:
      scheme: stratified-blocks
      strata: [risk_band, area]
      block_sizes: [4, 8]
      seed: 20151203
    baseline:
      - {name: age, type: numeric, required: true}
      - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
      - {name: area, type: categorical, required: true}
      - {name: consent, type: categorical, levels: ["yes", "no"]}
    eligibility:
      - {field: age, min: 10, max: 25}
      - {field: consent, equals: yes}
    """

/// A fixed secret, so that failures reproduce.
let testSecret = try! StudySecret(
    hexadecimal: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", source: .environment)

/// A new, empty folder under the system's temporary folder.
func temporaryFolder() -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enrolment-register-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// A study file written to `folder`.
func writeStudy(_ text: String = jigsawStudyText, in folder: String, name: String = "study.yaml") -> String {
    let path = folder + "/" + name
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A new register of the reference design in a fresh folder, with the test secret.
func makeRegister() throws -> (register: EnrolmentRegister, path: String, folder: String) {
    let folder = temporaryFolder()
    let path = folder + "/register.sqlite"
    let register = try EnrolmentRegister.create(
        at: path, study: try StudyFile(yaml: jigsawStudyText), secret: testSecret, source: .environment,
        date: Date(timeIntervalSince1970: 1_763_740_800))
    return (register, path, folder)
}

/// Eligible baseline fields for person `index`, spread over a few strata.
func eligibleFields(_ index: Int) -> [String: String] {
    ["age": String(12 + index % 10), "risk_band": ["low", "medium", "high"][index % 3],
     "area": ["north", "south"][index / 3 % 2], "consent": "yes"]
}

/// Every file of a register (database, WAL, shared memory) with its bytes, to show that a failed
/// command changed nothing.
func snapshot(_ path: String) -> [String: Data] {
    var files: [String: Data] = [:]
    for suffix in ["", "-wal"] {
        if let data = FileManager.default.contents(atPath: path + suffix) { files[suffix] = data }
    }
    return files
}
