import Dispatch
import EnrolmentRegister
import Foundation
import RegisterPostgreSQL

extension RegisterOptions {
    /// The register's location: an SQLite file, or a PostgreSQL database for a `postgres://` URL.
    var location: RegisterLocation {
        get throws { try RegisterLocation(parsing: register) }
    }

    /// The register as messages name it: the path, or the URL without its password.
    var displayName: String {
        (try? location.description) ?? RegisterLocation.redacting(register)
    }

    /// Opens the register on its backend, finding the secret as every register command does.
    func openRegistry(study: StudyFile? = nil) throws -> any EnrolmentRegistry {
        let location = try location, keyFile = keyFile
        return try waitFor { try await EnrolmentRegistries.open(location, keyFile: keyFile, study: study) }
    }

    /// Creates the register and its secret, as `register init` does: a new key file (or
    /// `PREVENT_STUDY_SECRET`), removed again if the register cannot be created.
    func createRegistry(study: StudyFile) throws -> (registry: any EnrolmentRegistry, secretSource: StudySecretSource) {
        switch try location {
        case .file(let path):
            let (register, source) = try EnrolmentRegister.initialise(at: path, study: study, keyFile: keyFile)
            return (SQLiteEnrolmentRegistry(register), source)
        case .postgreSQL(let url):
            let (secret, source, createdKeyFile) = try StudySecret.prepareForNewRegister(
                keyFile: keyFile, location: try location)
            do {
                let registry = try waitFor {
                    try await PostgreSQLEnrolmentRegistry.create(at: url, study: study, secret: secret, source: source)
                }
                return (registry, source)
            } catch {
                if createdKeyFile, case .keyFile(let keyPath) = source { unlink(keyPath) }
                throw error
            }
        }
    }
}

/// Closes a register before the command ends, so that its files are closed (and an SQLite
/// register's write-ahead log checkpointed) at the same point on every run.
func closeRegistry(_ registry: any EnrolmentRegistry) {
    try? waitFor { try await registry.close() }
}

/// Runs asynchronous register work from a synchronous command and waits for its result.
///
/// Commands run on the main thread, outside Swift's cooperative pool, so waiting here never
/// holds a thread the work needs.
func waitFor<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = AsyncOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { outcome.set(.success(try await work())) } catch { outcome.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try outcome.get()
}

/// The result of work handed from a task back to the waiting thread.
private final class AsyncOutcome<T: Sendable>: @unchecked Sendable {
    // Written once by the task before it signals, read once by the waiter after the signal.
    private var result: Result<T, any Error>?
    private let lock = NSLock()

    func set(_ result: Result<T, any Error>) {
        lock.withLock { self.result = result }
    }

    func get() throws -> T {
        try lock.withLock { result! }.get()
    }
}
