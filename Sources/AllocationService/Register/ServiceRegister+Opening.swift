import EnrolmentRegister
import Foundation
import RegisterPostgreSQL

extension ServiceRegister {
    /// Opens the register named by `--db` (an SQLite file or a `postgres://` URL) with its study
    /// file and secret.
    ///
    /// - Parameters:
    ///   - location: the register's file or connection URL.
    ///   - keyFile: the study secret's key file, or `nil` for `PREVENT_STUDY_SECRET` or (for a
    ///     file) the default key file beside the register.
    ///   - study: the study file the register was created with.
    /// - Throws: ``RegisterError`` or `StudySecretError` (messages name the file or the URL
    ///   without its password).
    public static func open(location: String, keyFile: String?, study: StudyFile) async throws -> ServiceRegister {
        let registry = try await EnrolmentRegistries.open(try RegisterLocation(parsing: location), keyFile: keyFile, study: study)
        return ServiceRegister(registry: registry, study: study)
    }
}

/// Records account changes made outside the service (by `prevent users`) in a register's audit
/// trail. Open it before changing the accounts file, so that a register that cannot be opened
/// (a wrong secret, say) stops the change before anything is written.
public struct AccountChangeRecorder: Sendable {
    let registry: any EnrolmentRegistry

    /// Opens the register named by `--db` with its secret (no study file is needed).
    ///
    /// - Throws: ``RegisterError`` or `StudySecretError`.
    public static func open(location: String, keyFile: String?) async throws -> AccountChangeRecorder {
        AccountChangeRecorder(
            registry: try await EnrolmentRegistries.open(try RegisterLocation(parsing: location), keyFile: keyFile, study: nil))
    }

    /// Records one change as an `account` entry and closes the register.
    ///
    /// - Parameters:
    ///   - actor: who made the change.
    ///   - detail: what changed (never a password).
    /// - Returns: the entry's reference.
    public func record(actor: String, detail: [String: String]) async throws -> AuditReference {
        let reference = try await registry.recordEvent(.accountChange, actor: actor, detail: detail)
        try await registry.close()
        return reference
    }
}
