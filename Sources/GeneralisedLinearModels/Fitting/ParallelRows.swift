import Dispatch
import LinearAlgebra

/// The simple row loops of a fit (starting values, residuals, the deviance and likelihood sums),
/// spread over up to ``BLASThreads/count`` threads in fixed chunks of rows.
///
/// Sums are added in chunk order, so results do not depend on the number of threads.
enum ParallelRows {
    /// Rows per chunk: enough to make a chunk's start-up negligible.
    static var chunkRows: Int { 65536 }

    /// Calls `body` for each chunk of `0 ..< count` and returns the sum of its results, added in
    /// chunk order. `body` may write only to memory that belongs to the rows it is given.
    static func sum(count: Int, _ body: (Range<Int>) -> Double) -> Double {
        let chunks = Swift.max(1, (count + chunkRows - 1) / chunkRows)
        var sums = [Double](repeating: 0, count: chunks)
        sums.withUnsafeMutableBufferPointer { sums in
            let target = UncheckedSendableSums(sums)
            forEachChunk(chunks) { chunk in
                let start = chunk * chunkRows
                target.sums[chunk] = body(start ..< Swift.min(count, start + chunkRows))
            }
        }
        return sums.reduce(0, +)
    }

    /// Fills `count` values, a chunk of rows at a time on several threads.
    static func map(count: Int, _ value: (Int) -> Double) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { values in
            let target = UncheckedSendableSums(values)
            _ = sum(count: count) { rows in
                for i in rows { target.sums[i] = value(i) }
                return 0
            }
        }
        return values
    }

    private static func forEachChunk(_ chunks: Int, _ body: (Int) -> Void) {
        let workers = Swift.max(1, Swift.min(BLASThreads.count, BLASThreads.machineCores, chunks))
        if workers == 1 {
            for chunk in 0 ..< chunks { body(chunk) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // Each chunk writes only its own entries, which is what makes sharing safe.
            let shared = UncheckedSendableRowsBody(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for chunk in stride(from: worker, to: chunks, by: workers) { shared.body(chunk) }
            }
        }
    }
}

private struct UncheckedSendableSums: @unchecked Sendable {
    let sums: UnsafeMutableBufferPointer<Double>
    init(_ sums: UnsafeMutableBufferPointer<Double>) { self.sums = sums }
}

private struct UncheckedSendableRowsBody: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}
