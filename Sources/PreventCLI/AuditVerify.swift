import ArgumentParser
import EnrolmentRegister
import Foundation

extension Prevent.Audit {
    /// `prevent audit verify`: is the register's trail intact?
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a register's audit trail and its allocations.",
            discussion: """
                Recomputes every entry's SHA-256 chain, checks the seal over the last entry with \
                the study secret, and checks that the allocations stored are those the trail \
                recorded. With --study, also recomputes every allocation from the secret and the \
                enrolment history. Exits with status 1 and names the first bad entry if anything \
                is wrong.
                """
        )

        @OptionGroup var options: RegisterOptions

        @Option(help: "The study's YAML file, to recompute every allocation as well.")
        var study: String?

        func run() throws {
            let studyFile = try study.map { try StudyFile(contentsOfFile: $0) }
            let register = try EnrolmentRegister(opening: options.register, keyFile: options.keyFile, study: studyFile)
            let verification = try register.verifyAudit()
            let counts = AuditEvent.allCases.compactMap { event in
                verification.eventCounts[event].map { "\($0) \(event.rawValue)" }
            }
            guard verification.isIntact else {
                let report = verification.problems.map { "Error: \(options.register): \($0)\n" }.joined()
                FileHandle.standardError.write(Data(report.utf8))
                throw ExitCode.failure
            }
            print("Audit trail intact: \(verification.entryCount) entries (\(counts.joined(separator: ", "))), "
                + "\(verification.enrolmentCount) \(verification.enrolmentCount == 1 ? "person" : "people") allocated, seal valid.")
            if let replayed = verification.replayedAllocations {
                print("Allocations recomputed from the study secret: \(replayed) of \(verification.enrolmentCount) match.")
            }
            if let head = verification.head { print("Head: \(head)") }
        }
    }
}
