import ArgumentParser

/// `--quiet` and `--verbose`: how much a command writes on standard error. Every subcommand has
/// them, through ``GlobalOptions`` or directly.
struct MessageOptions: ParsableArguments {
    @Flag(name: [.short, .long],
          help: "Write only errors on standard error: no progress bars, notes or warnings. Standard output is unchanged.")
    var quiet = false

    @Flag(name: [.short, .long],
          help: "Also write each step's timing and the inputs read (files, rows, columns) on standard error.")
    var verbose = false

    func validate() throws {
        if quiet && verbose {
            throw ValidationError("--quiet and --verbose cannot be given together; choose one.")
        }
    }

    /// The level the options ask for.
    var level: MessageLevel { quiet ? .quiet : verbose ? .verbose : .normal }

    /// A console writing at that level.
    var console: Console { Console(level: level) }
}
