import Foundation

extension CohortDesign {
    /// Redraws the whole cohort's assignment once per seed from exactly this design: the same
    /// strata, block sizes, clusters, minimisation order and rerandomisation criterion, as
    /// randomisation inference requires. Column *r* is the assignment ``draw(seed:)`` gives for
    /// `seeds[r]`, so any one redraw can be reproduced on its own.
    ///
    /// Redraws run in parallel on every core; the result does not depend on the number of cores.
    ///
    /// - Parameter seeds: one seed per redraw.
    /// - Returns: an *n* x *R* matrix of arm indices.
    /// - Throws: ``AllocationError`` when a rerandomisation redraw finds no acceptable assignment
    ///   within `max_draws`.
    /// - Complexity: O(*n R*) (times the draws per acceptance, for rerandomisation).
    public func replay(seeds: [UInt64]) throws -> ReplayMatrix {
        let n = count
        let replays = seeds.count
        var result = [Int32](repeating: 0, count: n * replays)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, replays / 64 + 1))
        let failures = FailureBox()
        result.withUnsafeMutableBufferPointer { buffer in
            let output = SendableBuffer(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var scratch = DrawScratch(for: self)
                var details: DrawDetails? = nil
                let start = replays * worker / workers, end = replays * (worker + 1) / workers
                for replay in start ..< end {
                    let column = UnsafeMutableBufferPointer(rebasing: output.buffer[(replay * n) ..< ((replay + 1) * n)])
                    do {
                        try draw(seed: seeds[replay], into: column, scratch: &scratch, details: &details)
                    } catch {
                        failures.record(error)
                        return
                    }
                }
            }
        }
        if let error = failures.error { throw error }
        return ReplayMatrix(units: n, replays: replays, armCount: design.armNames.count, armIndices: result)
    }

    /// Redraws the assignment `count` times with seeds derived from `seed` (the seeds
    /// ``replaySeeds(count:seed:)`` lists).
    public func replay(count: Int, seed: UInt64) throws -> ReplayMatrix {
        try replay(seeds: Self.replaySeeds(count: count, seed: seed))
    }

    /// The seeds of ``replay(count:seed:)``: the first `count` outputs of
    /// `Xoshiro256StarStar(seed: seed, stream: "replay")`.
    public static func replaySeeds(count: Int, seed: UInt64) -> [UInt64] {
        var generator = Xoshiro256StarStar(seed: seed, stream: "replay")
        return (0 ..< count).map { _ in generator.next() }
    }
}

/// A buffer handed to parallel workers that write disjoint parts of it.
private struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Int32>
}

/// The first error any worker met.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func record(_ error: any Error) {
        lock.lock()
        if stored == nil { stored = error }
        lock.unlock()
    }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
