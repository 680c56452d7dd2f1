import ArgumentParser
import EnrolmentRegister

/// Options every register command shares: the register file and where its study secret lives.
struct RegisterOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The register file (an SQLite database).")
    var register: String

    @Option(
        name: .customLong("key-file"),
        help: ArgumentHelp(
            "The study secret's key file (mode 600).",
            discussion: """
                Default: the environment variable \(StudySecret.environmentVariable) if set, \
                otherwise REGISTER.key beside the register.
                """))
    var keyFile: String?
}
