import ArgumentParser
import EnrolmentRegister
import Foundation

/// Times enrolling people one at a time into a new register, each enrolment its own durably
/// committed transaction (WAL, `synchronous = FULL`), as `prevent enrol` makes them.
///
/// The study is the reference design (four arms, stratified permuted blocks of 4 or 8 on risk
/// band and area, eligibility on age and consent); the people are spread over six strata. Each
/// repetition starts from a new register in `folder`, so every run enrols into the same history
/// sizes; the register is then checked to hold `count` allocations with an intact audit trail,
/// each recomputed from the secret, so a fast wrong answer cannot pass for a fast right one.
///
/// - Parameters:
///   - count: people enrolled per repetition; at least 1.
///   - repetitions: timed repetitions; at least 1.
///   - folder: where the registers are written (a real disk, not a memory file system, for the
///     durability to cost what it costs); each is removed after its check.
/// - Returns: the seconds each repetition's enrolments took, the seconds the last `count / 10`
///   of each took (the enrolments with the longest history), and the seconds its full audit
///   verification took (every allocation recomputed).
/// - Throws: the register's errors, or ``EnrolmentBenchmarkError`` if the check fails.
public func runEnrolmentBenchmark(
    count: Int, repetitions: Int, folder: String
) throws -> (total: [Double], lastTenth: [Double], verify: [Double]) {
    precondition(count >= 1 && repetitions >= 1, "count and repetitions must be at least 1")
    let study = try StudyFile(yaml: enrolmentBenchmarkStudy)
    var totals: [Double] = [], lastTenths: [Double] = [], verifySeconds: [Double] = []
    for _ in 0..<repetitions {
        let path = folder + "/enrolment-benchmark-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        let secret = StudySecret.generate()
        let register = try EnrolmentRegister.create(at: path, study: study, secret: secret, source: .environment)
        let tenth = max(count / 10, 1)
        let start = DispatchTime.now().uptimeNanoseconds
        var lastTenthStart = start
        for index in 0..<count {
            if index == count - tenth { lastTenthStart = DispatchTime.now().uptimeNanoseconds }
            let fields = ["age": String(12 + index % 10), "risk_band": ["low", "medium", "high"][index % 3],
                          "area": ["north", "south"][index / 3 % 2], "consent": "yes"]
            guard case .allocated = try register.enrol(identifier: "person-\(index)", fields: fields) else {
                throw EnrolmentBenchmarkError.notAllocated(index)
            }
        }
        let end = DispatchTime.now().uptimeNanoseconds
        totals.append(Double(end - start) / 1e9)
        lastTenths.append(Double(end - lastTenthStart) / 1e9)
        // The full check `prevent audit verify --study` makes: chain, seal, tables, and every
        // allocation recomputed. Timed for information, not part of the enrolment time.
        let verifyStart = DispatchTime.now().uptimeNanoseconds
        let verification = try EnrolmentRegister(opening: path, secret: secret, source: .environment, study: study).verifyAudit()
        verifySeconds.append(Double(DispatchTime.now().uptimeNanoseconds - verifyStart) / 1e9)
        guard verification.isIntact, verification.enrolmentCount == count, verification.replayedAllocations == count else {
            throw EnrolmentBenchmarkError.wrongRegister(
                expected: count, found: verification.enrolmentCount, problems: verification.problems.map(\.description))
        }
    }
    return (totals, lastTenths, verifySeconds)
}

/// A benchmark register that did not come out as it should.
public enum EnrolmentBenchmarkError: Error, CustomStringConvertible {
    /// Person `index` was not allocated.
    case notAllocated(Int)
    /// The register holds `found` allocations, not `expected`, or its trail has problems.
    case wrongRegister(expected: Int, found: Int, problems: [String])

    /// A sentence for the terminal.
    public var description: String {
        switch self {
        case .notAllocated(let index): "person \(index) was not allocated"
        case let .wrongRegister(expected, found, problems):
            "the register holds \(found) allocations, not \(expected); \(problems.joined(separator: "; "))"
        }
    }
}

private let enrolmentBenchmarkStudy = """
    study: enrolment-benchmark
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
    struct Enrol: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enrol",
            abstract: "Enrol people one at a time into a new register, each durably committed.")

        @Option(help: "People enrolled per repetition.") var count = 10_000
        @Option(help: "Timed repetitions.") var repetitions = 3
        @Option(help: "Folder for the registers (on a real disk).") var folder = "data"

        func run() throws {
            let (totals, lastTenths, verify) = try runEnrolmentBenchmark(count: count, repetitions: repetitions, folder: folder)
            for index in totals.indices {
                print("preventkit \(String(format: "%.6f", totals[index]))")
                FileHandle.standardError.write(Data(String(
                    format: "enrol: %d people in %.3f s (%.0f per second); the last %d at %.0f per second; verified in %.2f s\n",
                    count, totals[index], Double(count) / totals[index], max(count / 10, 1),
                    Double(max(count / 10, 1)) / lastTenths[index], verify[index]).utf8))
            }
        }
    }
}
