import Foundation

/// Runs one job per fold, on every core when `concurrently`, and returns the results in fold
/// order, or rethrows the error of the lowest-numbered failing fold. `progress`, if given, is
/// called (from the worker threads, one call at a time) with the number of jobs finished so far.
func forEachFold<Result: Sendable>(
    _ count: Int, concurrently: Bool, progress: (@Sendable (Int) -> Void)? = nil, _ job: @Sendable (Int) throws -> Result
) throws -> [Result] {
    let results = FoldResults<Result>(count: count, progress: progress)
    if concurrently {
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(index, Swift.Result { try job(index) })
        }
    } else {
        for index in 0 ..< count { results.store(index, Swift.Result { try job(index) }) }
    }
    return try results.collected()
}

/// Per-fold results written from several threads, each slot once, behind a lock.
private final class FoldResults<Value: Sendable>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private var finished = 0
    private let progress: (@Sendable (Int) -> Void)?
    private let lock = NSLock()

    init(count: Int, progress: (@Sendable (Int) -> Void)?) {
        slots = Array(repeating: nil, count: count)
        self.progress = progress
    }

    func store(_ index: Int, _ result: Result<Value, any Error>) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = result
        finished += 1
        progress?(finished)
    }

    func collected() throws -> [Value] {
        try slots.map { try $0!.get() }
    }
}
