import Foundation

extension StudySecret {
    /// Finds the secret of an existing register at any location: for a file, as
    /// ``locate(keyFile:registerPath:environment:)``; for a PostgreSQL database, the key file
    /// named, else `PREVENT_STUDY_SECRET` (there is no default key file beside a database).
    ///
    /// - Throws: ``StudySecretError/noDefaultKeyFile(_:)`` for a database with neither, and the
    ///   errors of ``init(keyFile:)`` and ``fromEnvironment(_:)``.
    public static func locate(
        keyFile: String?, location: RegisterLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (secret: StudySecret, source: StudySecretSource) {
        switch location {
        case .file(let path):
            return try locate(keyFile: keyFile, registerPath: path, environment: environment)
        case .postgreSQL:
            if let keyFile { return (try StudySecret(keyFile: keyFile), .keyFile(keyFile)) }
            if let secret = try fromEnvironment(environment) { return (secret, .environment) }
            throw StudySecretError.noDefaultKeyFile(location.description)
        }
    }

    /// The secret for a new register at any location: for a file, as
    /// ``prepareForNewRegister(keyFile:registerPath:environment:)``; for a PostgreSQL database,
    /// `PREVENT_STUDY_SECRET` when no key file is named, else a new secret written to the key
    /// file named.
    ///
    /// - Throws: ``StudySecretError/noDefaultKeyFile(_:)`` for a database with neither, and the
    ///   errors of ``writeKeyFile(to:)`` and ``fromEnvironment(_:)``.
    public static func prepareForNewRegister(
        keyFile: String?, location: RegisterLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (secret: StudySecret, source: StudySecretSource, createdKeyFile: Bool) {
        switch location {
        case .file(let path):
            return try prepareForNewRegister(keyFile: keyFile, registerPath: path, environment: environment)
        case .postgreSQL:
            if keyFile == nil, let secret = try fromEnvironment(environment) { return (secret, .environment, false) }
            guard let keyFile else { throw StudySecretError.noDefaultKeyFile(location.description) }
            let secret = StudySecret.generate()
            try secret.writeKeyFile(to: keyFile)
            return (secret, .keyFile(keyFile), true)
        }
    }
}
