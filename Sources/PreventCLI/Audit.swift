import ArgumentParser

extension Prevent {
    /// `prevent audit`: check a register's audit trail.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a register's audit trail.",
            subcommands: [Verify.self]
        )
    }
}
