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

        @OptionGroup var messages: MessageOptions

        func run() throws {
            let console = messages.console
            let studyFile = try study.map { path in try console.step("Read the study \(path)") { try StudyFile(contentsOfFile: path) } }
            let register = try console.step("Opened \(options.displayName)") { try options.openRegistry(study: studyFile) }
            defer { closeRegistry(register) }
            let verification = try console.step("Verified the audit trail", summary: { "\($0.entryCount) entries" }) {
                try waitFor { try await register.verifyAudit(study: studyFile) }
            }
            let counts = AuditEvent.allCases.compactMap { event in
                verification.eventCounts[event].map { "\($0) \(event.rawValue)" }
            }
            guard verification.isIntact else {
                for problem in verification.problems { console.error("\(options.displayName): \(problem)") }
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
