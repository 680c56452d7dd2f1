import Foundation

/// A progress bar on standard error for long computations, drawn only when standard error is a
/// terminal and the command is not `--quiet`, so that pipes and log files never receive it.
///
/// A message written through ``Console`` while a bar is drawn first clears the bar's line; the
/// bar is drawn again below the message at its next update.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let width = 30
    private var lastDrawn = -1
    private var lastDone = 0

    /// A bar for `total` items of `label` (e.g. "draws"), or `nil` when `console` is quiet or
    /// standard error is not a terminal.
    static func forTerminal(label: String, total: Int, console: Console) -> ProgressBar? {
        guard console.showsNotes, isatty(FileHandle.standardError.fileDescriptor) == 1 else { return nil }
        return ProgressBar(label: label, total: total)
    }

    private init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Redraws the bar at `fraction` (0 to 1) done, at most once per whole per cent. Safe to call
    /// from several threads.
    func update(_ fraction: Double) {
        let clamped = min(max(fraction, 0), 1)
        let percent = Int((clamped * 100).rounded(.down))
        TerminalLine.shared.withLock { line in
            guard percent > lastDrawn || !line.barShown else { return }
            if percent > lastDrawn {
                lastDrawn = percent
                lastDone = Int((Double(total) * clamped).rounded())
            }
            let filled = width * lastDrawn / 100
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(lastDrawn)% (\(lastDone) of \(total) \(label))".utf8))
            line.barShown = true
        }
    }

    /// Redraws the bar after `done` of the `total` items.
    func update(done: Int) {
        update(total > 0 ? Double(done) / Double(total) : 1)
    }

    /// Ends the bar's line, so that later messages start on a line of their own.
    func finish() {
        TerminalLine.shared.withLock { line in
            if line.barShown { FileHandle.standardError.write(Data("\n".utf8)) }
            line.barShown = false
        }
    }
}

/// Whether a progress bar occupies the current line of standard error, shared by the bars and
/// ``Console`` behind one lock.
final class TerminalLine: @unchecked Sendable {
    /// The state of the process's standard error.
    static let shared = TerminalLine()

    /// Whether the cursor sits at the end of a drawn bar.
    var barShown = false
    private let lock = NSLock()

    private init() {}

    /// Runs `body` with the line locked.
    func withLock<Result>(_ body: (TerminalLine) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(self)
    }

    /// Writes `text` on a line of its own: a drawn bar is cleared first (carriage return and the
    /// terminal's erase-line code) and drawn again at its next update.
    func write(_ text: String) {
        withLock { line in
            if line.barShown {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
                line.barShown = false
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
