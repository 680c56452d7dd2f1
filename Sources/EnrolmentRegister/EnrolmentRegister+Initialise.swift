import Foundation

extension EnrolmentRegister {
    /// Creates a register and its study secret in one step, as `prevent register init` does.
    ///
    /// The secret is a new one written to `keyFile` (or, when none is named and
    /// `PREVENT_STUDY_SECRET` is unset, to the default key file `REGISTER.key`), or the one in
    /// `PREVENT_STUDY_SECRET`. If the register cannot be created, a key file made for it is
    /// removed again, so a failure leaves nothing behind.
    ///
    /// - Parameters:
    ///   - path: the register file to create; it must not exist.
    ///   - study: the study file.
    ///   - keyFile: where to create the key file, if named; it must not exist.
    ///   - environment: the process environment, for `PREVENT_STUDY_SECRET`.
    ///   - date: the creation time recorded.
    /// - Returns: the open register and where its secret lives.
    /// - Throws: ``StudySecretError``, ``RegisterError`` or the study's errors.
    public static func initialise(
        at path: String, study: StudyFile, keyFile: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment, date: Date = Date()
    ) throws -> (register: EnrolmentRegister, secretSource: StudySecretSource) {
        if FileManager.default.fileExists(atPath: path) { throw RegisterError.alreadyExists(path) }
        let (secret, source, createdKeyFile) = try StudySecret.prepareForNewRegister(
            keyFile: keyFile, registerPath: path, environment: environment)
        do {
            return (try create(at: path, study: study, secret: secret, source: source, date: date), source)
        } catch {
            if createdKeyFile, case .keyFile(let keyPath) = source { unlink(keyPath) }
            throw error
        }
    }

    /// Opens an existing register with the secret found by
    /// ``StudySecret/locate(keyFile:registerPath:environment:)``.
    ///
    /// - Parameters:
    ///   - path: the register file.
    ///   - keyFile: the key file, if named.
    ///   - study: the study file, needed to enrol and to replay allocations.
    ///   - environment: the process environment, for `PREVENT_STUDY_SECRET`.
    /// - Throws: ``RegisterError`` (checked first, so that a file that is not a register is
    ///   reported as such whatever the secret) or ``StudySecretError``.
    public convenience init(
        opening path: String, keyFile: String?, study: StudyFile? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        try Self.checkIsRegister(path)
        let (secret, source) = try StudySecret.locate(keyFile: keyFile, registerPath: path, environment: environment)
        try self.init(opening: path, secret: secret, source: source, study: study)
    }
}
