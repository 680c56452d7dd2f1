import ArgumentParser
import EnrolmentRegister

/// Options every register command shares: the register file and where its study secret lives.
struct RegisterOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The register: an SQLite file, or a PostgreSQL database as postgres://USER@HOST:PORT/NAME.",
            discussion: """
                A PostgreSQL password may be given in the URL or, better, in PGPASSWORD; messages \
                never show it. A PostgreSQL register has no default key file: give --key-file or \
                set \(StudySecret.environmentVariable).
                """))
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
