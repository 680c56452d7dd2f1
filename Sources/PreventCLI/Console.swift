import Foundation

/// Where a `prevent` command writes everything that is not its result: notes, warnings, errors,
/// progress bars and, with `--verbose`, step timings and the inputs read.
///
/// All of it goes to standard error, so standard output carries the result alone and is the same
/// at every level. `--quiet` keeps only errors; `--verbose` adds a line for each timed step.
/// A command makes one console when it starts (from ``MessageOptions/console``) and passes it to
/// whatever writes messages.
struct Console: Sendable {
    /// What is written besides errors.
    let level: MessageLevel

    /// A console that writes at `level`.
    init(level: MessageLevel) {
        self.level = level
    }

    /// Whether informational notes, warnings and progress bars are written (not `--quiet`).
    var showsNotes: Bool { level >= .normal }

    /// Whether step timings and inputs are written (`--verbose`).
    var isVerbose: Bool { level == .verbose }

    /// Writes `Note: message` unless quiet.
    func note(_ message: String) {
        if showsNotes { write("Note: \(message)") }
    }

    /// Writes `Warning: message` unless quiet.
    func warning(_ message: String) {
        if showsNotes { write("Warning: \(message)") }
    }

    /// Writes `Error: message` at every level, for a command that reports several problems
    /// before it fails.
    func error(_ message: String) {
        write("Error: \(message)")
    }

    /// Writes `message` with `--verbose` only: an input read, a setting chosen.
    func detail(_ message: String) {
        if isVerbose { write(message) }
    }

    /// Runs one step of a command and, with `--verbose`, writes its name and how long it took.
    ///
    /// - Parameters:
    ///   - name: What the step does, e.g. `Read cohort.csv`.
    ///   - summary: What to add after the name once the step has succeeded, e.g. the rows and
    ///     columns read; `nil` adds nothing.
    ///   - body: The step.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws; a failed step writes nothing.
    func step<Result>(_ name: String, summary: (Result) -> String? = { _ in nil },
                      _ body: () throws -> Result) rethrows -> Result {
        guard isVerbose else { return try body() }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let seconds = (clock.now - start).seconds
        let details = summary(result).map { ": \($0)" } ?? ""
        write("\(name)\(details) [\(Self.formatted(seconds: seconds))]")
        return result
    }

    /// With `--verbose`, writes that the step `name`, begun at `start`, has finished and how long
    /// it took: for a step that spans several statements (a loop, say) rather than one closure.
    ///
    /// - Parameters:
    ///   - name: What the step did, e.g. `Summarised 12 columns`.
    ///   - start: When it began (`ContinuousClock.now` before the step).
    func finished(_ name: String, since start: ContinuousClock.Instant) {
        if isVerbose { write("\(name) [\(Self.formatted(seconds: (ContinuousClock.now - start).seconds))]") }
    }

    /// A progress bar on standard error for `total` items of `label`, or `nil` when quiet or when
    /// standard error is not a terminal (a pipe or a log file gets no bar).
    func progressBar(label: String, total: Int) -> ProgressBar? {
        ProgressBar.forTerminal(label: label, total: total, console: self)
    }

    /// A duration as `0.004 s` or `12.3 s`.
    static func formatted(seconds: Double) -> String {
        seconds < 10 ? String(format: "%.3f s", seconds) : String(format: "%.1f s", seconds)
    }

    private func write(_ line: String) {
        TerminalLine.shared.write(line + "\n")
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
