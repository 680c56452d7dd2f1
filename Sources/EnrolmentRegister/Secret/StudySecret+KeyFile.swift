import Foundation

extension StudySecret {
    /// Writes the secret to a new key file that only its owner can read or write (mode 0600).
    ///
    /// The file is created exclusively, so an existing file is never overwritten, and it is
    /// flushed to disk, with its folder, before this returns.
    ///
    /// - Parameter path: where to create the key file; its folder must exist.
    /// - Throws: ``StudySecretError/keyFileExists(_:)`` or ``StudySecretError/cannotWrite(_:reason:)``.
    public func writeKeyFile(to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw StudySecretError.keyFileExists(path) }
            throw StudySecretError.cannotWrite(path, reason: Self.errnoText())
        }
        let bytes = Array((hexadecimal + "\n").utf8)
        var failure: String?
        // fchmod as well as the creation mode: a umask can only remove bits, but be explicit.
        if fchmod(descriptor, 0o600) != 0 { failure = Self.errnoText() }
        if failure == nil {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress!, $0.count) }
            if written != bytes.count { failure = Self.errnoText() }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = Self.errnoText() }
        close(descriptor)
        if let failure {
            unlink(path)
            throw StudySecretError.cannotWrite(path, reason: failure)
        }
        Self.syncFolder(of: path)
    }

    /// Reads the secret from a key file, refusing a file that anyone but its owner could read or
    /// write.
    ///
    /// - Parameter path: the key file, as ``writeKeyFile(to:)`` made it.
    /// - Throws: ``StudySecretError/keyFileMissing(_:)``, ``StudySecretError/keyFileExposed(_:mode:)``
    ///   (group or other permission bits set: `chmod 600` it), ``StudySecretError/cannotRead(_:reason:)``
    ///   or ``StudySecretError/malformed(source:)``.
    public init(keyFile path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { throw StudySecretError.keyFileMissing(path) }
            throw StudySecretError.cannotRead(path, reason: Self.errnoText())
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw StudySecretError.cannotRead(path, reason: "not a regular file")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else { throw StudySecretError.keyFileExposed(path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudySecretError.cannotRead(path, reason: Self.errnoText())
        }
        try self.init(hexadecimal: String(decoding: data, as: UTF8.self), source: .keyFile(path))
    }

    /// Reads the secret from `PREVENT_STUDY_SECRET`, if that variable is set.
    ///
    /// - Parameter environment: the process environment (by default, this process's).
    /// - Returns: the secret, or `nil` when the variable is unset or empty.
    /// - Throws: ``StudySecretError/malformed(source:)`` if it is set but not 64 hexadecimal digits.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StudySecret? {
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        return try StudySecret(hexadecimal: text, source: .environment)
    }

    /// The key file used when none is named and `PREVENT_STUDY_SECRET` is unset: the register's
    /// path with `.key` appended.
    public static func defaultKeyFile(forRegister registerPath: String) -> String {
        registerPath + ".key"
    }

    /// Finds the secret of an existing register: the key file named, else `PREVENT_STUDY_SECRET`,
    /// else the default key file beside the register.
    ///
    /// - Parameters:
    ///   - keyFile: a key file given by the user, if any.
    ///   - registerPath: the register, for the default key file.
    ///   - environment: the process environment.
    /// - Returns: the secret and where it came from.
    /// - Throws: the errors of ``init(keyFile:)`` and ``fromEnvironment(_:)``.
    public static func locate(
        keyFile: String?, registerPath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (secret: StudySecret, source: StudySecretSource) {
        if let keyFile { return (try StudySecret(keyFile: keyFile), .keyFile(keyFile)) }
        if let secret = try fromEnvironment(environment) { return (secret, .environment) }
        let path = defaultKeyFile(forRegister: registerPath)
        return (try StudySecret(keyFile: path), .keyFile(path))
    }

    /// The secret for a new register: a new one written to the key file named (or, when none
    /// is named and `PREVENT_STUDY_SECRET` is unset, to the default key file), or the one in
    /// `PREVENT_STUDY_SECRET`.
    ///
    /// - Parameters:
    ///   - keyFile: a key file given by the user, if any; it must not exist yet.
    ///   - registerPath: the new register, for the default key file.
    ///   - environment: the process environment.
    /// - Returns: the secret, where it lives, and whether a key file was created (so that a
    ///   caller whose next step fails can remove it again).
    /// - Throws: the errors of ``writeKeyFile(to:)`` and ``fromEnvironment(_:)``.
    public static func prepareForNewRegister(
        keyFile: String?, registerPath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (secret: StudySecret, source: StudySecretSource, createdKeyFile: Bool) {
        if keyFile == nil, let secret = try fromEnvironment(environment) {
            return (secret, .environment, false)
        }
        let path = keyFile ?? defaultKeyFile(forRegister: registerPath)
        let secret = StudySecret.generate()
        try secret.writeKeyFile(to: path)
        return (secret, .keyFile(path), true)
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    /// Flushes a folder's entry list, so that a newly created file survives a power cut.
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
