import ArgumentParser

/// The `prevent` command: the PreventKit libraries from a shell.
///
/// Every subcommand is a thin layer over a library call, so that anything the command does a
/// researcher can also do from Swift.
@main
struct Prevent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prevent",
        abstract: "Run and evaluate randomised trials that prevent people being drawn into serious and organised crime.",
        discussion: """
            Data are read from CSV files; study settings from the study's YAML protocol. \
            Errors name the file, line and column at fault.
            """,
        version: PreventVersion.current,
        subcommands: [Describe.self, Allocate.self, Balance.self, Analyse.self, Register.self, Enrol.self, Audit.self, Hotspots.self, Score.self, Summary.self, Power.self, Outcomes.self, Forest.self, Simulate.self, Serve.self, Users.self, Report.self]
    )
}
