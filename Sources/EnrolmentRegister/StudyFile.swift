import Crypto
import Foundation
import StudyProtocol

/// A study file as a register uses it: the validated protocol and the SHA-256 of the file's bytes.
///
/// The register records the fingerprint when it is created and refuses to enrol under a study
/// file with another, because a protocol that changed during enrolment (another arm, block size
/// or eligibility rule) would silently change the allocation sequence.
public struct StudyFile: Sendable {
    /// The study's protocol.
    public var `protocol`: StudyProtocol
    /// SHA-256 of the file's bytes, 64 hexadecimal digits.
    public var fingerprint: String

    /// Reads and validates a study file.
    ///
    /// - Parameter path: the YAML study file.
    /// - Throws: `StudyProtocolError` for a file that cannot be read or is not a valid study.
    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudyProtocolError(file: path, problems: [.init(keyPath: "", message: "cannot read the study file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudyProtocolError(file: path, problems: [.init(keyPath: "", message: "the study file is not UTF-8 text")])
        }
        try self.init(yaml: text, file: path)
    }

    /// Parses and validates a study file's text.
    ///
    /// - Parameters:
    ///   - yaml: the file's contents; the fingerprint is the SHA-256 of its UTF-8 bytes.
    ///   - file: the name errors give the file.
    /// - Throws: `StudyProtocolError` listing every problem.
    public init(yaml: String, file: String = "study.yaml") throws {
        self.protocol = try StudyProtocol(yaml: yaml, file: file)
        self.fingerprint = Hex.string(SHA256.hash(data: Array(yaml.utf8)))
    }
}
