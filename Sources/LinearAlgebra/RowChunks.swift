// Work on a tall matrix split into contiguous chunks of rows, spread over a few threads.

import Dispatch

/// A partition of `count` rows into contiguous chunks of `chunkRows` rows (the last may be
/// shorter), processed on up to ``workers`` threads.
///
/// Chunk c always covers the same rows whatever the thread count, and callers combine the
/// per-chunk results in chunk order, so a result does not depend on how many threads ran.
internal struct RowChunks {
    /// The number of rows partitioned.
    let rows: Int
    /// The rows in each chunk but possibly the last.
    let chunkRows: Int
    /// The number of chunks, at least 1 (one empty chunk when there are no rows).
    let count: Int
    /// The number of threads that run chunks: at most the OpenBLAS thread count
    /// (``BLASThreads/count``), the cores and the chunks.
    let workers: Int

    init(rows: Int, chunkRows: Int) {
        precondition(chunkRows >= 1, "RowChunks: chunk of \(chunkRows) rows")
        self.rows = rows
        self.chunkRows = chunkRows
        self.count = Swift.max(1, (rows + chunkRows - 1) / chunkRows)
        self.workers = Swift.max(1, Swift.min(BLASThreads.count, BLASThreads.machineCores, count))
    }

    /// The rows of chunk `index`.
    func range(_ index: Int) -> Range<Int> {
        let start = Swift.min(rows, index * chunkRows)
        return start ..< Swift.min(rows, start + chunkRows)
    }

    /// Calls `body` once for each chunk index, on ``workers`` threads; returns when all are done.
    ///
    /// Worker w takes chunks w, w + workers, ... . `body` must write only to memory that belongs
    /// to its chunk. With one worker everything runs on the calling thread. With several,
    /// OpenBLAS is held at one thread until they finish: the rows are already spread over the
    /// cores, and OpenBLAS's own threads would only wait for, or spin beside, the workers.
    func forEach(_ body: (Int) -> Void) {
        if workers == 1 {
            for chunk in 0 ..< count { body(chunk) }
            return
        }
        let (count, workers) = (self.count, self.workers)
        let blasThreads = BLASThreads.count
        BLASThreads.count = 1
        defer { BLASThreads.count = blasThreads }
        withoutActuallyEscaping(body) { body in
            // Each chunk touches only its own memory, which is what makes sharing `body` safe.
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for chunk in stride(from: worker, to: count, by: workers) { shared.value(chunk) }
            }
        }
    }
}

/// A value handed to worker threads that the caller has made safe to share.
internal struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
