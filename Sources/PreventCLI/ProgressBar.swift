import Foundation

/// A progress bar on standard error for long computations, drawn only when standard error is a
/// terminal, so that pipes and log files never receive it.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let width = 30
    private var lastDrawn = -1

    /// A bar for `total` items of `label` (e.g. "draws"), or `nil` when standard error is not a
    /// terminal.
    static func forTerminal(label: String, total: Int) -> ProgressBar? {
        isatty(FileHandle.standardError.fileDescriptor) == 1 ? ProgressBar(label: label, total: total) : nil
    }

    private init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Redraws the bar at `fraction` (0 to 1) done, at most once per whole per cent.
    func update(_ fraction: Double) {
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let filled = width * percent / 100
        let done = Int((Double(total) * fraction).rounded())
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(percent)% (\(done) of \(total) \(label))".utf8))
    }

    /// Ends the bar's line, so that later messages start on a line of their own.
    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
