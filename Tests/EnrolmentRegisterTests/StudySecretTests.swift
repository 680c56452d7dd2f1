@testable import EnrolmentRegister
import Foundation
import Testing

@Test func aSecretRoundTripsThroughItsHexadecimalText() throws {
    let secret = StudySecret.generate()
    #expect(secret.hexadecimal.count == 64)
    let again = try StudySecret(hexadecimal: " \(secret.hexadecimal.uppercased())\n", source: .environment)
    #expect(again.hexadecimal == secret.hexadecimal)
    #expect(StudySecret.generate().hexadecimal != secret.hexadecimal)
}

struct MalformedSecretCase: Sendable, CustomStringConvertible {
    let description: String
    let text: String
}

@Test(arguments: [
    MalformedSecretCase(description: "too short", text: String(repeating: "a", count: 63)),
    MalformedSecretCase(description: "too long", text: String(repeating: "a", count: 66)),
    MalformedSecretCase(description: "not hexadecimal", text: String(repeating: "g", count: 64)),
    MalformedSecretCase(description: "empty", text: ""),
])
func aMalformedSecretIsRefusedWithoutRepeatingIt(_ badCase: MalformedSecretCase) {
    #expect(throws: StudySecretError.malformed(source: .environment)) {
        try StudySecret(hexadecimal: badCase.text, source: .environment)
    }
    let message = StudySecretError.malformed(source: .environment).description
    #expect(badCase.text.isEmpty || !message.contains(badCase.text))
}

@Test func aKeyFileIsCreatedForItsOwnerAloneAndNeverOverwritten() throws {
    let path = temporaryFolder() + "/study.key"
    let secret = StudySecret.generate()
    try secret.writeKeyFile(to: path)
    let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    #expect(mode == 0o600)
    #expect(try StudySecret(keyFile: path).hexadecimal == secret.hexadecimal)
    #expect(throws: StudySecretError.keyFileExists(path)) { try StudySecret.generate().writeKeyFile(to: path) }
    #expect(try StudySecret(keyFile: path).hexadecimal == secret.hexadecimal)
}

@Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o666])
func aKeyFileOthersCanReadIsRefused(mode: Int) throws {
    let path = temporaryFolder() + "/study.key"
    try StudySecret.generate().writeKeyFile(to: path)
    chmod(path, mode_t(mode))
    #expect(throws: StudySecretError.keyFileExposed(path, mode: UInt32(mode))) { try StudySecret(keyFile: path) }
}

@Test func theSecretIsFoundInTheNamedFileThenTheEnvironmentThenBesideTheRegister() throws {
    let folder = temporaryFolder()
    let register = folder + "/r.sqlite"
    let named = StudySecret.generate(), inEnvironment = StudySecret.generate(), beside = StudySecret.generate()
    try named.writeKeyFile(to: folder + "/named.key")
    try beside.writeKeyFile(to: register + ".key")
    let environment = [StudySecret.environmentVariable: inEnvironment.hexadecimal]
    let fromNamed = try StudySecret.locate(keyFile: folder + "/named.key", registerPath: register, environment: environment)
    #expect(fromNamed.secret.hexadecimal == named.hexadecimal && fromNamed.source == .keyFile(folder + "/named.key"))
    let fromEnvironment = try StudySecret.locate(keyFile: nil, registerPath: register, environment: environment)
    #expect(fromEnvironment.secret.hexadecimal == inEnvironment.hexadecimal && fromEnvironment.source == .environment)
    let fromDefault = try StudySecret.locate(keyFile: nil, registerPath: register, environment: [:])
    #expect(fromDefault.secret.hexadecimal == beside.hexadecimal && fromDefault.source == .keyFile(register + ".key"))
    #expect(throws: StudySecretError.keyFileMissing(folder + "/other.sqlite.key")) {
        try StudySecret.locate(keyFile: nil, registerPath: folder + "/other.sqlite", environment: [:])
    }
}

@Test func derivedValuesAreDistinctStableAndKeyed() throws {
    let keys = testSecret.derived
    let other = StudySecret.generate().derived
    #expect(keys.pseudonym(of: "AB123") == testSecret.derived.pseudonym(of: "AB123"))
    #expect(keys.pseudonym(of: "AB123") != keys.pseudonym(of: "AB124"))
    #expect(keys.pseudonym(of: "AB123") != other.pseudonym(of: "AB123"))
    #expect(keys.pseudonym(of: "AB123").count == 64)
    #expect(keys.allocationSeed != other.allocationSeed)
    #expect(keys.keyCheck != keys.pseudonym(of: "PreventKit key check v1"))
    #expect(!keys.keyCheck.contains(testSecret.hexadecimal))
}

/// Derivations pinned against Python's hmac module, for the secret bytes 0, 1, ..., 31:
/// ```python
/// k = bytes(range(32))
/// hmac.new(k, b"PreventKit key check v1", sha256).hexdigest()
/// hmac.new(hmac.new(k, b"PreventKit pseudonym v1", sha256).digest(), b"AB123", sha256).hexdigest()
/// int.from_bytes(hmac.new(k, b"PreventKit allocation seed v1", sha256).digest()[:8], "big")
/// ```
@Test func derivationsMatchPythonsHMAC() throws {
    let keys = testSecret.derived
    #expect(keys.keyCheck == "1d80e5d97e6b16808915651dc441147272c6fe3705dccab523e1d02e8244368e")
    #expect(keys.pseudonym(of: "AB123") == "5b4dc3a1b3da4ef9deb12f71cbc6be3f36f14889c22353d571b92088daf17a0c")
    #expect(keys.allocationSeed == 13_923_532_629_827_412_068)
}
