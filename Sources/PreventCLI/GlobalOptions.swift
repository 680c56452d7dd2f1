import ArgumentParser
import LinearAlgebra

/// Options every computing subcommand shares: BLAS threads, `--quiet` and `--verbose`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Threads for the BLAS and LAPACK kernels (default: the machine's cores).")
    var threads: Int?

    @OptionGroup var messages: MessageOptions

    func validate() throws {
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1, not \(threads).")
        }
    }

    /// The console that `--quiet` and `--verbose` ask for.
    var console: Console { messages.console }

    /// Applies the options to the process before any computation.
    func apply() {
        if let threads {
            BLASThreads.count = threads
        }
    }
}
