import EnrolmentRegister
import Foundation

/// Opens a register on whichever backend its location names: an SQLite file or a PostgreSQL
/// database.
public enum EnrolmentRegistries {
    /// Opens an existing register with the given secret.
    ///
    /// - Parameters:
    ///   - location: the register's file or connection URL (see ``RegisterLocation/init(parsing:)``).
    ///   - secret: the study secret.
    ///   - source: where the secret came from, for messages.
    ///   - study: the study file, needed to enrol (not to look up, export or verify).
    /// - Returns: the open register, safe to use from many tasks at once.
    /// - Throws: ``RegisterError`` (`missing`, `notARegister`, `wrongSecret`, `studyMismatch`, a
    ///   connection failure naming the URL without its password).
    public static func open(
        _ location: RegisterLocation, secret: StudySecret, source: StudySecretSource, study: StudyFile?
    ) async throws -> any EnrolmentRegistry {
        switch location {
        case .file(let path):
            return try SQLiteEnrolmentRegistry(opening: path, secret: secret, source: source, study: study)
        case .postgreSQL(let url):
            return try await PostgreSQLEnrolmentRegistry(opening: url, secret: secret, source: source, study: study)
        }
    }

    /// Creates a register at a new location: an SQLite file that must not exist, or a PostgreSQL
    /// database that holds no register.
    ///
    /// - Parameters:
    ///   - location: the new register's file or connection URL.
    ///   - study: the study file; its fingerprint is recorded.
    ///   - secret: the study secret.
    ///   - source: where the secret lives, for messages.
    ///   - date: the creation time recorded.
    /// - Returns: the new register, open, with `study` attached for enrolment.
    /// - Throws: ``RegisterError`` (`alreadyExists` and connection failures), or the study's
    ///   errors; a failure leaves nothing behind.
    public static func create(
        _ location: RegisterLocation, study: StudyFile, secret: StudySecret, source: StudySecretSource,
        date: Date = Date()
    ) async throws -> any EnrolmentRegistry {
        switch location {
        case .file(let path):
            return SQLiteEnrolmentRegistry(
                try EnrolmentRegister.create(at: path, study: study, secret: secret, source: source, date: date))
        case .postgreSQL(let url):
            return try await PostgreSQLEnrolmentRegistry.create(
                at: url, study: study, secret: secret, source: source, date: date)
        }
    }

    /// Opens an existing register, finding its secret as the command line does: the key file
    /// named, else `PREVENT_STUDY_SECRET`, else (for a file) the default key file beside it. A
    /// PostgreSQL register has no default key file.
    ///
    /// - Throws: as ``open(_:secret:source:study:)``, and ``StudySecretError``.
    public static func open(
        _ location: RegisterLocation, keyFile: String?, study: StudyFile?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> any EnrolmentRegistry {
        switch location {
        case .file(let path):
            return try SQLiteEnrolmentRegistry(opening: path, keyFile: keyFile, study: study, environment: environment)
        case .postgreSQL:
            let (secret, source) = try StudySecret.locate(keyFile: keyFile, location: location, environment: environment)
            return try await open(location, secret: secret, source: source, study: study)
        }
    }
}
