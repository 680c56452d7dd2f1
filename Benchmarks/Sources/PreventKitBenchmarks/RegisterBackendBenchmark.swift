import ArgumentParser
import EnrolmentRegister
import Foundation
import RegisterPostgreSQL

/// Times enrolments through the asynchronous register API (``EnrolmentRegistry``), as the
/// allocation service makes them, on SQLite or PostgreSQL, with every enrolment durably
/// committed (SQLite: WAL, `synchronous = FULL`; PostgreSQL: `synchronous_commit = on`).
///
/// `tasks` tasks enrol `count` people between them at once; the register serialises them. The
/// register is then checked to hold `count` allocations with an intact audit trail, each
/// recomputed from the secret, so a fast wrong answer cannot pass for a fast right one.
///
/// - Parameters:
///   - location: a new SQLite file, or a PostgreSQL database that holds no register.
///   - count: people enrolled; at least 1.
///   - tasks: concurrent enrolling tasks; at least 1.
/// - Returns: the seconds the enrolments took.
/// - Throws: the register's errors, or ``EnrolmentBenchmarkError`` if the check fails.
func runRegisterBackendBenchmark(location: RegisterLocation, count: Int, tasks: Int) async throws -> Double {
    precondition(count >= 1 && tasks >= 1, "count and tasks must be at least 1")
    let study = try StudyFile(yaml: registerBackendStudy)
    let secret = StudySecret.generate()
    let registry = try await EnrolmentRegistries.create(location, study: study, secret: secret, source: .environment)
    let start = DispatchTime.now().uptimeNanoseconds
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<tasks {
            group.addTask {
                for index in stride(from: task, to: count, by: tasks) {
                    let fields = ["age": String(12 + index % 10), "risk_band": ["low", "medium", "high"][index % 3],
                                  "area": ["north", "south"][index / 3 % 2], "consent": "yes"]
                    guard case .allocated = try await registry.enrol(identifier: "person-\(index)", fields: fields, actor: "bench")
                    else { throw EnrolmentBenchmarkError.notAllocated(index) }
                }
            }
        }
        try await group.waitForAll()
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let verification = try await registry.verifyAudit(study: study)
    try await registry.close()
    guard verification.isIntact, verification.enrolmentCount == count, verification.replayedAllocations == count else {
        throw EnrolmentBenchmarkError.wrongRegister(
            expected: count, found: verification.enrolmentCount, problems: verification.problems.map(\.description))
    }
    return seconds
}

private let registerBackendStudy = """
    study: register-backend-benchmark
    arms:
      - {name: control, ratio: 1}
      - {name: police, ratio: 1}
      - {name: partner, ratio: 1}
      - {name: social_media, ratio: 1}
    randomisation:
      scheme: stratified-blocks
      strata: [risk_band, area]
      block_sizes: [4, 8]
    baseline:
      - {name: age, type: numeric, required: true}
      - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
      - {name: area, type: categorical, required: true}
      - {name: consent, type: categorical, levels: ["yes", "no"]}
    eligibility:
      - {field: age, min: 10, max: 25}
      - {field: consent, equals: yes}
    """

extension PreventKitBench {
    struct RegisterBackend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Enrol people through the asynchronous register API on SQLite or PostgreSQL, each durably committed.")

        @Option(help: "A new SQLite file, or a postgres:// URL of a database that holds no register.")
        var db: String
        @Option(help: "People enrolled.") var count = 2_000
        @Option(help: "Concurrent enrolling tasks.") var tasks = 1

        func run() throws {
            let location = try RegisterLocation(parsing: db)
            defer { if case .file(let path) = location { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } } }
            let count = self.count, tasks = self.tasks
            let seconds = try waitForTask { try await runRegisterBackendBenchmark(location: location, count: count, tasks: tasks) }
            print("preventkit \(String(format: "%.6f", seconds))")
            FileHandle.standardError.write(Data(String(
                format: "register (%@, %d task%@): %d people in %.3f s (%.0f per second)\n",
                location.description, tasks, tasks == 1 ? "" : "s", count, seconds, Double(count) / seconds).utf8))
        }
    }
}

/// Runs asynchronous work from the synchronous command (on the main thread, outside the
/// cooperative pool) and waits for its result.
private func waitForTask<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = TaskOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { outcome.result = .success(try await work()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try outcome.result!.get()
}

/// A task's result handed to the waiting thread: written by the task before it signals, read by
/// the waiter after.
private final class TaskOutcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
