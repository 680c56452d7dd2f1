import ArgumentParser
import EnrolmentRegister

extension Prevent.Register {
    /// `prevent register init`: a new register and its study secret.
    struct Initialise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a register for a study, with a new study secret.",
            discussion: """
                The study secret conceals the allocation sequence, keys the pseudonyms and seals \
                the audit trail. It is written to a new key file readable by you alone (mode 600): \
                --key-file, or REGISTER.key beside the register. Keep it apart from the register \
                and back it up: without it nobody can enrol, export or verify. If \
                \(StudySecret.environmentVariable) is set (64 hexadecimal digits) and no --key-file \
                is given, that secret is used and no key file is written.
                """
        )

        @Option(help: "The study's YAML file.")
        var study: String

        @OptionGroup var options: RegisterOptions
        @OptionGroup var messages: MessageOptions

        func run() throws {
            let console = messages.console
            let studyFile = try console.step("Read the study \(study)") { try StudyFile(contentsOfFile: study) }
            let (register, source) = try console.step("Created \(options.displayName)") {
                try options.createRegistry(study: studyFile)
            }
            defer { closeRegistry(register) }
            let head = try console.step("Verified the new audit trail") {
                try waitFor { try await register.verifyAudit(study: studyFile).head }
            }
            print("Created register \(options.displayName) for study \(register.metadata.study) "
                + "(arms: \(register.metadata.arms.joined(separator: ", "))).")
            switch source {
            case .keyFile(let path):
                print("Study secret: written to key file \(path) (mode 600). Keep it apart from the register and back it up.")
            case .environment:
                print("Study secret: from \(StudySecret.environmentVariable); no key file written.")
            }
            if let head { print("Audit reference: \(head)") }
        }
    }
}
