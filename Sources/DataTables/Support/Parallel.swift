import Dispatch
import Foundation

/// Fork-join parallelism over an index range, on Dispatch's thread pool.
enum Parallel {
    /// The number of processors this process may use.
    static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `body(i)` for each `i` in `0..<count`, run concurrently; the results in index order.
    ///
    /// `body` runs on several threads at once, so each call must touch only state no other
    /// call writes: the reader gives each index its own chunk and its own output rows. That is
    /// a property of the callers that the compiler cannot see, hence the unchecked wrapper.
    ///
    /// - Complexity: the work of all the calls, spread over the processors.
    static func map<Result>(_ count: Int, _ body: (Int) -> Result) -> [Result] {
        if count <= 1 { return count == 1 ? [body(0)] : [] }
        return withoutActuallyEscaping(body) { body in
            [Result](unsafeUninitializedCapacity: count) { buffer, initialised in
                let shared = UncheckedSendable((body: body, results: buffer.baseAddress!))
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    (shared.value.results + index).initialize(to: shared.value.body(index))
                }
                initialised = count
            }
        }
    }
}

/// A value handed to other threads where the code, not the compiler, ensures it is safe.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
