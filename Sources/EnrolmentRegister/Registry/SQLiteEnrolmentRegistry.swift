import Dispatch
import Foundation

/// An SQLite register that many tasks may use at once: an ``EnrolmentRegister`` whose every
/// operation runs, one at a time, on a serial dispatch queue of its own, so that SQLite's
/// blocking calls (each enrolment waits for its `fsync`) never hold a thread of Swift's
/// cooperative pool.
///
/// Enrolments stay serialised and durable exactly as ``EnrolmentRegister`` makes them; other
/// processes (the command line, another service) may use the same file at the same time.
///
/// ```swift
/// let registry = try SQLiteEnrolmentRegistry(opening: "trial.sqlite", keyFile: nil, study: study)
/// let outcome = try await registry.enrol(identifier: "P-0042", fields: ["age": "17"], actor: "j.smith")
/// ```
public final class SQLiteEnrolmentRegistry: EnrolmentRegistry, @unchecked Sendable {
    // Safe to share: `register` is touched only on `queue`, and the other stored properties
    // are immutable values.

    /// The register file.
    public let location: String

    /// What the register recorded about itself when it was created.
    public let metadata: RegisterMetadata

    private let keys: DerivedKeys
    private let queue: DispatchQueue
    private var register: EnrolmentRegister?

    /// Takes over an open register; it must not be used elsewhere afterwards.
    public init(_ register: sending EnrolmentRegister) {
        self.location = register.path
        self.metadata = register.metadata
        self.keys = register.keys
        self.queue = DispatchQueue(label: "EnrolmentRegister \(register.path)")
        self.register = register
    }

    /// Opens an existing register (see ``EnrolmentRegister/init(opening:secret:source:study:)``).
    public convenience init(opening path: String, secret: StudySecret, source: StudySecretSource, study: StudyFile?) throws {
        self.init(try EnrolmentRegister(opening: path, secret: secret, source: source, study: study))
    }

    /// Opens an existing register with the secret from a key file, `PREVENT_STUDY_SECRET` or the
    /// default key file (see ``EnrolmentRegister/init(opening:keyFile:study:environment:)``).
    public convenience init(
        opening path: String, keyFile: String?, study: StudyFile?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        self.init(try EnrolmentRegister(opening: path, keyFile: keyFile, study: study, environment: environment))
    }

    /// The pseudonym of an identifier in this register.
    public func pseudonym(of identifier: String) -> String {
        keys.pseudonym(of: identifier)
    }

    /// Enrols one person (see ``EnrolmentRegister/enrol(identifier:fields:actor:date:)``).
    public func enrol(identifier: String, fields: [String: String], actor: String?, date: Date?) async throws -> EnrolmentOutcome {
        try await run { try $0.enrol(identifier: identifier, fields: fields, actor: actor, date: date) }
    }

    /// Looks a person up, recording a `lookup` entry (see ``EnrolmentRegister/lookUp(identifier:actor:date:)``).
    public func lookUp(identifier: String, actor: String?) async throws -> EnrolmentRecord? {
        try await run { try $0.lookUp(identifier: identifier, actor: actor) }
    }

    /// Every allocation, in enrolment order.
    public func records() async throws -> [EnrolmentRecord] {
        try await run { try $0.records() }
    }

    /// The number of people allocated.
    public func enrolmentCount() async throws -> Int {
        try await run { try $0.enrolmentCount() }
    }

    /// The CSV text of every allocation, recorded as an `export` entry.
    public func exportCSV(actor: String?, date: Date) async throws -> AllocationExport {
        try await run { try $0.exportCSV(actor: actor, date: date) }
    }

    /// Writes every allocation to a CSV file, recorded as an `export` entry.
    public func export(to outputPath: String, actor: String?, date: Date) async throws -> ExportSummary {
        try await run { try $0.export(to: outputPath, actor: actor, date: date) }
    }

    /// Records a service action as an audit entry.
    @discardableResult
    public func recordEvent(_ action: AuditEvent, actor: String?, detail: [String: String]) async throws -> AuditReference {
        precondition(action.isServiceAction, "\(action.rawValue) entries are written by the register itself")
        return try await run { try $0.recordEvent(action, actor: actor, detail: detail) }
    }

    /// Checks the audit trail, replaying the allocations under `study` when given.
    public func verifyAudit(study: StudyFile?) async throws -> AuditVerification {
        try await run { try $0.verifyAudit(study: study) }
    }

    /// Closes the database; later calls throw ``RegisterError/closed(_:)``.
    public func close() async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.register = nil
                continuation.resume()
            }
        }
    }

    /// Runs `body` on the register's queue, after every operation submitted before it.
    private func run<T: Sendable>(_ body: @escaping @Sendable (EnrolmentRegister) throws -> T) async throws -> T {
        let location = self.location
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard let register = self.register else {
                    continuation.resume(throwing: RegisterError.closed(location))
                    return
                }
                continuation.resume(with: Result { try body(register) })
            }
        }
    }
}
