import ArgumentParser
import EnrolmentRegister

extension Prevent {
    /// `prevent enrol`: check one person's eligibility and allocate them.
    struct Enrol: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol one person: check eligibility, then allocate them to an arm.",
            discussion: """
                The baseline fields are checked against the study file, then the eligibility \
                rules; an eligible person is allocated at once and the allocation recorded with an \
                audit entry. An ineligible person is recorded with the rules they fail and not \
                allocated. Enrolling someone already enrolled prints their existing arm. The \
                identifier is stored and shown only as a pseudonym.
                """
        )

        @Option(help: "The study's YAML file (the one the register was created with).")
        var study: String

        @OptionGroup var options: RegisterOptions

        @Option(help: "The person's identifier (stored only as a keyed hash).")
        var id: String

        @Option(name: .customLong("field"), help: "A baseline value as name=value (repeat for each field).")
        var fields: [String] = []

        @OptionGroup var messages: MessageOptions

        func run() throws {
            let console = messages.console
            let fields = try EnrolmentRegister.fields(fromAssignments: fields)
            let studyFile = try console.step("Read the study \(study)") { try StudyFile(contentsOfFile: study) }
            let register = try console.step("Opened \(options.displayName)") { try options.openRegistry(study: studyFile) }
            defer { closeRegistry(register) }
            let id = self.id
            let outcome = try console.step("Checked and recorded the enrolment") {
                try waitFor { try await register.enrol(identifier: id, fields: fields, actor: nil) }
            }
            switch outcome {
            case .allocated(let record):
                print("Allocated: \(record.arm)")
                print("Audit reference: \(record.audit)")
            case let .alreadyEnrolled(record, attempt):
                print("Already enrolled on \(record.enrolledAt): \(record.arm) (no new allocation)")
                print("Audit reference: \(attempt)")
            case let .ineligible(reasons, audit):
                print("Not eligible: \(reasons.joined(separator: "; ")) (not allocated)")
                print("Audit reference: \(audit)")
            }
        }
    }
}
