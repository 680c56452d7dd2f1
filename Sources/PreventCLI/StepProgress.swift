import Foundation

/// A progress bar over a command's steps (read the file, count, map, write), for a long run whose
/// steps report no finer progress of their own. Drawn only when asked for (a large input), the
/// console is not quiet and standard error is a terminal.
final class StepProgress {
    private let bar: ProgressBar?
    private var done = 0

    /// A bar over `steps` steps when `shown` is true, else nothing.
    init(console: Console, steps: Int, shown: Bool) {
        bar = shown ? console.progressBar(label: "steps", total: steps) : nil
        bar?.update(done: 0)
    }

    /// Marks one more step done.
    func advance() {
        done += 1
        bar?.update(done: done)
    }

    /// Ends the bar's line.
    func finish() {
        bar?.finish()
    }

    /// Whether the file at `path` is at least `bytes` long (false when it cannot be read; the
    /// reading step reports that).
    static func isLarge(_ path: String, bytes: Int) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return size >= bytes
    }
}
